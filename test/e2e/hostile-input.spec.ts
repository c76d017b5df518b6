import { anonymousAgent, signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { branchBody, count } from '../factories/branches.factory';

/** `{"a":{"a":…1…}}` nested `depth` deep: 6 KB at 3,000. */
const deepObject = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('hostile request bodies, queries and paths', () => {
  let t: TestApp;
  let admin: SignedIn;
  let sec: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAdmin(t);
    sec = await signUpSecretary(t);
  });
  afterAll(() => t?.close());

  it.each([
    ['/api/auth/register'],
    ['/api/auth/login'],
    ['/api/auth/password-reset/request'],
    ['/api/auth/verify-email'],
    ['/documents/model-motion'],
  ])('answers a JSON body nested 3,000 deep with 400, not 500, anonymously (%s)', async (path) => {
    const { agent, csrf } = await anonymousAgent(t);
    for (const body of [deepObject(3000), deepArray(3000)]) {
      const res = await agent.post(path).set('X-CSRF-Token', csrf).set('Content-Type', 'application/json').set('Accept', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, message: expect.stringMatching(/nested too deeply/) });
    }
  });

  it('still accepts the modest nesting real bodies use', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    // Six levels is fine; the unknown field is then the validator's to refuse, as before.
    const res = await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).set('Content-Type', 'application/json').send(`{"email":"a@example.org","password":"x","extra":${deepObject(6)}}`);
    expect(res.status).toBe(400);
    expect(res.body.errors.extra).toEqual(['extra is not a field you can set']);
  });

  it.each([
    ['__proto__ at the top', '{"email":"p@example.org","password":"a long enough passphrase","name":"P","__proto__":{"role":"admin"}}'],
    ['constructor nested', '{"email":"p@example.org","password":"a long enough passphrase","name":{"constructor":{"prototype":{"x":1}}}}'],
    ['prototype at the top', '{"email":"p@example.org","password":"a long enough passphrase","name":"P","prototype":{}}'],
    ['__proto__ inside an array', '{"email":"p@example.org","password":"a long enough passphrase","name":"P","list":[{"__proto__":{}}]}'],
  ])('refuses a JSON body holding %s with 400, creating nothing', async (_, body) => {
    const { agent, csrf } = await anonymousAgent(t);
    const res = await agent.post('/api/auth/register').set('X-CSRF-Token', csrf).set('Content-Type', 'application/json').send(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, message: expect.stringMatching(/not allowed/) });
    expect(await count(t, `users WHERE email = 'p@example.org'`)).toBe(0);
  });

  it('refuses a form field named __proto__ or constructor with 400', async () => {
    const { agent, csrf } = await anonymousAgent(t);
    for (const key of ['__proto__', 'constructor']) {
      const res = await agent
        .post('/register')
        .type('form')
        .set('Accept', 'text/html')
        .send(`_csrf=${encodeURIComponent(csrf)}&email=f%40example.org&password=a+long+enough+passphrase&name=F&${key}=1`);
      expect(res.status).toBe(400);
      expect(res.text).toContain('not allowed');
    }
    expect(await count(t, `users WHERE email = 'f@example.org'`)).toBe(0);
  });

  it('refuses NUL in an admin template body with a field error, saving nothing', async () => {
    const before = await count(t, `document_template_versions WHERE kind = 'model-motion'`);
    const res = await admin.agent
      .post('/api/admin/documents/model-motion/versions')
      .set('X-CSRF-Token', admin.csrf)
      .send({ title: 'Motion', body: 'This branch notes\u0000 that…' });
    expect(res.status).toBe(400);
    expect(res.body.errors.body[0]).toMatch(/U\+0000/);
    expect(await count(t, `document_template_versions WHERE kind = 'model-motion'`)).toBe(before);
  });

  it('refuses NUL in a branch name (and in a nested field) with a field error, storing nothing', async () => {
    const before = await count(t, 'branches');
    const res = await sec.agent.post('/api/branches').set('X-CSRF-Token', sec.csrf).send(branchBody({ name: 'Leeds\u0000City' }));
    expect(res.status).toBe(400);
    expect(res.body.errors.name[0]).toMatch(/U\+0000/);
    const nested = await sec.agent.post('/api/branches').set('X-CSRF-Token', sec.csrf).send(branchBody({ extra: { inner: ['fine', 'not\u0000fine'] } }));
    expect(nested.status).toBe(400);
    expect(nested.body.errors['extra.inner.1'][0]).toMatch(/U\+0000/);
    expect(await count(t, 'branches')).toBe(before);
  });

  it('refuses NUL in a query string or a path with 400', async () => {
    const query = await t.http().get('/api/public/affiliates?q=leeds%00');
    expect(query.status).toBe(400);
    expect(query.body.errors.q[0]).toMatch(/U\+0000/);
    const path = await t.http().get('/handover/abc%00def').set('Accept', 'text/html');
    expect(path.status).toBe(400);
    const apiPath = await admin.agent.get('/api/admin/documents/model-motion%00/versions');
    expect(apiPath.status).toBe(400);
    expect(apiPath.body).toEqual({ statusCode: 400, message: expect.stringMatching(/U\+0000/) });
  });
});
