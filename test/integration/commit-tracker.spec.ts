import type { NextFunction, Request, Response } from 'express';
import { mayHaveCommitted, trackCommits } from '../../src/database/commit-tracker';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { createTestApp, TestApp } from '../utils/test-app';

/** What a 503 page may promise rests on this: a request knows whether it sent a COMMIT. */
describe('noting commits per request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  /** Runs `work` as a request's handler would, after the tracking middleware; whether it failed or not, says what was noted. */
  async function asRequest(work: () => Promise<unknown>): Promise<boolean> {
    const req = {} as Request;
    await new Promise<void>((resolve) => {
      const next: NextFunction = () => void work().then(
        () => resolve(),
        () => resolve(),
      );
      trackCommits(req, {} as Response, next);
    });
    return mayHaveCommitted(req);
  }

  const event = () => ({ actorId: null, actorRole: 'system', action: 'test.tracked', subjectType: 'test', subjectId: null, summary: {} });

  it('notes a transaction that commits, and a write through an entity outside one', async () => {
    expect(await asRequest(() => t.dataSource.transaction((m) => m.getRepository(AuditEvent).insert(event())))).toBe(true);
    expect(await asRequest(() => t.dataSource.getRepository(AuditEvent).insert(event()))).toBe(true);
  });

  it('does not note reads, nor a transaction that rolls back', async () => {
    expect(await asRequest(() => t.dataSource.getRepository(AuditEvent).count())).toBe(false);
    const before = await t.dataSource.getRepository(AuditEvent).countBy({ action: 'test.tracked' });
    const rolledBack = await asRequest(() =>
      t.dataSource.transaction(async (m) => {
        await m.getRepository(AuditEvent).insert(event());
        throw new Error('changed my mind');
      }),
    );
    expect(rolledBack).toBe(false);
    expect(await t.dataSource.getRepository(AuditEvent).countBy({ action: 'test.tracked' })).toBe(before);
  });

  it('keeps concurrent requests apart', async () => {
    const [writer, reader] = await Promise.all([
      asRequest(() => t.dataSource.transaction((m) => m.getRepository(AuditEvent).insert(event()))),
      asRequest(async () => {
        await new Promise((r) => setTimeout(r, 20));
        return t.dataSource.getRepository(AuditEvent).count();
      }),
    ]);
    expect([writer, reader]).toEqual([true, false]);
  });
});
