import { DataSource } from 'typeorm';
import { NormaliseLookalikes1796608081948 } from '../../migrations/1796608081948-NormaliseLookalikes';
import { normaliseBranchCode, normaliseBranchName } from '../../src/branches/normalise';
import { dataSourceOptions } from '../../src/database/data-source';
import { createTestDatabase, TestDatabase } from '../utils/database';

/** Rows as the previous release stored them, then this release's backfill. */
describe('the NormaliseLookalikes migration', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const user = async (email: string, minutesAgo: number): Promise<string> =>
    (await ds.query(`INSERT INTO users (email, name, password_hash, created_at) VALUES ($1, 'X', 'x', now() - $2 * interval '1 minute') RETURNING id`, [email, minutesAgo]))[0].id;
  const branch = async (name: string, normalisedName: string, code: string | null, minutesAgo: number): Promise<string> =>
    (
      await ds.query(
        `INSERT INTO branches ("union", union_key, name, normalised_name, code, normalised_code, region, membership_size, public_name, created_at)
         VALUES ('unison', 'unison', $1, $2, $3, $4, 'london', 100, $1, now() - $5 * interval '1 minute') RETURNING id`,
        [name, normalisedName, code, code?.toLowerCase().replace(/[^a-z0-9]/g, '') ?? null, minutesAgo],
      )
    )[0].id;

  it('rewrites emails as NFC and branches by their look-alike-proof forms, leaving clashes for an admin', async () => {
    const nfdOnly = await user('rene\u0301e@example.org', 10);
    const olderNfd = await user('zoe\u0308@example.org', 9);
    const newerNfc = await user('zo\u00eb@example.org', 8);
    const secretary = await user('plain@example.org', 7);
    const leeds = await branch('Leeds City', 'leeds city', 'LC-1', 6);
    // Let in before: Cyrillic е and a zero-width space made it look new.
    const lookalike = await branch('L\u0435\u0435ds Ci\u200Bty', 'l\u0435\u0435ds ci ty', 'LC-l', 5);
    const other = await branch('Bradford', 'bradford', null, 4);
    const [handover] = await ds.query(
      `INSERT INTO branch_handovers (branch_id, invited_by_id, invitee_email, token_hash, expires_at) VALUES ($1, $2, 'zoe\u0308@example.org', 'h', now() + interval '1 day') RETURNING id`,
      [other, secretary],
    );

    const runner = ds.createQueryRunner();
    try {
      await new NormaliseLookalikes1796608081948().up(runner);
    } finally {
      await runner.release();
    }

    const emails = Object.fromEntries((await ds.query(`SELECT id, email FROM users`)).map((r: { id: string; email: string }) => [r.id, r.email]));
    expect(emails[nfdOnly]).toBe('ren\u00e9e@example.org');
    expect(emails[newerNfc]).toBe('zo\u00eb@example.org');
    expect(emails[olderNfd]).toBe('zoe\u0308@example.org');
    expect((await ds.query(`SELECT invitee_email FROM branch_handovers WHERE id = $1`, [handover.id]))[0].invitee_email).toBe('zo\u00eb@example.org');

    const rows = Object.fromEntries(
      (await ds.query(`SELECT id, normalised_name, normalised_code FROM branches`)).map((r: { id: string; normalised_name: string; normalised_code: string | null }) => [r.id, r]),
    );
    expect(rows[leeds]).toMatchObject({ normalised_name: normaliseBranchName('Leeds City'), normalised_code: normaliseBranchCode('LC-1') });
    expect(rows[other].normalised_name).toBe(normaliseBranchName('Bradford'));
    // The newer look-alike keeps a form that no registration can produce, so "Leeds City" still finds the older.
    expect(rows[lookalike].normalised_name).toBe(`${normaliseBranchName('Leeds City')}~${lookalike.slice(0, 8)}`);
    expect(rows[lookalike].normalised_code).toBe(`${normaliseBranchCode('LC-1')}~${lookalike.slice(0, 8)}`);

    // Running it again changes nothing.
    const again = ds.createQueryRunner();
    try {
      await new NormaliseLookalikes1796608081948().up(again);
    } finally {
      await again.release();
    }
    expect((await ds.query(`SELECT normalised_name FROM branches WHERE id = $1`, [lookalike]))[0].normalised_name).toBe(rows[lookalike].normalised_name);
  });
});
