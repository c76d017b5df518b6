import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSecret } from 'otplib';
import { queuedEmails } from '../factories/branches.factory';
import { createUser, TEST_PASSWORD, totpCode } from '../utils/auth';
import { createTestApp, type TestApp } from '../utils/test-app';

const root = join(__dirname, '..', '..');
const clientDir = join(root, 'test', 'api-client');

/**
 * The client is compiled by its own strict tsconfig against the types this
 * test generates, which exist only once it has run: loaded by path, so the
 * suite's type-check does not follow it to them.
 */
type Walk = (options: Record<string, unknown>) => Promise<Record<string, unknown> & { invoiceReference: string; documents: { motionBytes: number; letterBytes: number }; unions: number }>;
const loadWalk = (): Walk => (require(join(clientDir, 'walk')) as { walk: Walk }).walk;

/**
 * The OpenAPI document as an integrator uses it: the one the app serves,
 * linted with Redocly's recommended rules and the house rules (no errors),
 * turned into TypeScript types with openapi-typescript, a strict client
 * compiled against those types with no casts, and that client run against
 * the app from registration to the public list.
 */
describe('the API as a contract', () => {
  let t: TestApp;
  let work: string;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    work = mkdtempSync(join(tmpdir(), 'api-contract-'));
  });
  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await t?.close();
  });

  it('serves a document that lints clean, generates types, and compiles a strict client without casts', async () => {
    const res = await t.http().get('/api/docs/openapi.json').expect(200);
    const documentFile = join(work, 'openapi.json');
    writeFileSync(documentFile, JSON.stringify(res.body));
    mkdirSync(join(clientDir, 'generated'), { recursive: true });

    const checked = spawnSync(process.execPath, [join(clientDir, 'contract.mjs'), documentFile, join(clientDir, 'generated', 'schema.d.ts')], {
      encoding: 'utf8',
      cwd: root,
    });
    expect(checked.stderr).toBe('');
    const { errors } = JSON.parse(checked.stdout) as { errors: string[] };
    expect(errors).toEqual([]);

    const compiled = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(clientDir, 'tsconfig.json')], {
      encoding: 'utf8',
      cwd: root,
    });
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
  }, 120_000);

  it('runs the client from registration to the public list', async () => {
    const secret = generateSecret();
    const admin = await createUser(t, { role: 'admin', totpSecret: secret, email: 'contract.admin@example.org', name: 'Contract Admin' });
    const today = new Date().toISOString().slice(0, 10);

    const result = await loadWalk()({
      baseUrl: t.baseUrl,
      today,
      confirmationToken: async (email: string) => {
        const mail = (await queuedEmails(t, email)).find((m) => /confirm/i.test(m.subject));
        const token = mail && /[?&]token=([\w-]+)/.exec(mail.text)?.[1];
        if (!token) throw new Error(`no confirmation link was emailed to ${email}`);
        return token;
      },
      admin: { email: admin.email, password: TEST_PASSWORD, code: () => totpCode(secret) },
      secretary: { email: 'contract.secretary@example.org', password: 'a long contract passphrase', name: 'Contract Secretary' },
      branch: { union: 'unite', name: 'Contract Works', region: 'wales', membershipSize: 150, publicName: 'Unite Contract Works' },
    });

    expect(result).toMatchObject({
      me: { email: 'contract.secretary@example.org', role: 'secretary' },
      affiliationStatus: 'submitted',
      approvedStatus: 'approved',
      amountPence: 2500,
      paymentLocation: expect.stringMatching(/^\/api\/admin\/payments\/[0-9a-f-]{36}$/),
      documents: { contentType: expect.stringMatching(/wordprocessingml/) },
      listed: { publicName: 'Unite Contract Works', unionKey: 'unite', regionKey: 'wales' },
    });
    expect(result.invoiceReference).toMatch(/^PSOOL-\d{4}-\d{4}-[0-9A-Z]$/);
    expect(result.documents.motionBytes).toBeGreaterThan(5000);
    expect(result.documents.letterBytes).toBeGreaterThan(5000);
    expect(result.unions).toBeGreaterThan(10);
  }, 60_000);
});
