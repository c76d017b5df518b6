import { Clock } from '../../src/common/clock';
import { SignedLettersService } from '../../src/documents/signed-letters/signed-letters.service';
import { RETENTION_BATCH, RetentionService } from '../../src/retention/retention.service';
import { makeBranch, makeSecretary } from '../factories/database.factory';
import { PDF, PNG } from '../factories/signed-letter-files';
import { lastAuditId, retentionAudits } from '../utils/retention';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Signed letters go RETENTION_SIGNED_LETTER_YEARS (1) after the end of the
 * affiliation year they were uploaded for: a 2026 letter lasts through 2027
 * and goes on the first run in 2028 (UK time; GMT at the new year).
 */
describe('retention of signed letters', () => {
  let t: TestApp;
  let retention: RetentionService;
  let clock: Clock;
  const at = (iso: string): void => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date(iso));
  };

  beforeAll(async () => {
    t = await createTestApp();
    retention = t.app.get(RetentionService);
    clock = t.app.get(Clock);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t?.close());

  const years = async (branchId: string): Promise<number[]> =>
    (await t.dataSource.query('SELECT affiliation_year AS y FROM signed_letters WHERE branch_id = $1 ORDER BY 1', [branchId])).map((r: { y: number }) => r.y);

  it('deletes the letters of years ended more than a year ago and nothing younger; a second run changes nothing', async () => {
    const secretary = await makeSecretary(t);
    const branch = await makeBranch(t, { secretary });
    const letters = t.app.get(SignedLettersService);
    const actor = { id: secretary.id, role: secretary.role, ip: null };
    for (const [when, file] of [
      ['2025-06-30T12:00:00Z', PDF],
      ['2026-01-01T00:00:00Z', PNG], // the first moment of 2026 in the UK
      ['2027-12-31T23:59:00Z', PDF],
    ] as const) {
      at(when);
      await letters.upload(secretary, actor, branch.id, { originalname: 'letter', buffer: file });
    }
    expect(await years(branch.id)).toEqual([2025, 2026, 2027]);
    const mark = await lastAuditId(t);

    // The last moment of 2027: 2025's year ended two years ago, 2026's only one.
    at('2027-12-31T23:59:59.999Z');
    expect(await retention.deleteOldSignedLetters()).toBe(1);
    expect(await years(branch.id)).toEqual([2026, 2027]);
    expect(await retention.deleteOldSignedLetters()).toBe(0);

    at('2028-01-01T00:00:00Z');
    expect(await retention.deleteOldSignedLetters()).toBe(1);
    expect(await years(branch.id)).toEqual([2027]);
    expect(await retention.deleteOldSignedLetters()).toBe(0);
    expect(await retentionAudits(t, mark)).toEqual([
      expect.objectContaining({ rule: 'signed-letters', summary: { count: 1 }, actorId: null, actorRole: 'system' }),
      expect.objectContaining({ rule: 'signed-letters', summary: { count: 1 }, actorId: null, actorRole: 'system' }),
    ]);
  });

  it('removes the old letters in batches of RETENTION_BATCH, one audit row each, counting every one', async () => {
    const branch = await makeBranch(t);
    at('2030-03-01T09:00:00Z');
    await retention.deleteOldSignedLetters();
    const mark = await lastAuditId(t);
    const old = RETENTION_BATCH + 3;
    await t.dataSource.query(
      `INSERT INTO signed_letters (branch_id, affiliation_year, media_type, size_bytes, sha256, content, uploaded_at)
       SELECT $1, y, 'image/png', 5, repeat('0', 64), '\\x89504e4700'::bytea, now() FROM generate_series($2::int, 2030) AS y`,
      [branch.id, 2029 - old],
    );
    expect(await retention.deleteOldSignedLetters()).toBe(old);
    expect(await years(branch.id)).toEqual([2029, 2030]);
    expect((await retentionAudits(t, mark)).map((a) => a.summary)).toEqual([{ count: RETENTION_BATCH }, { count: 3 }]);
  });
});
