import type { TestApp } from './test-app';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** An instant `days` (and `hours`) before `now`; negative values are after it. */
export function before(now: Date, days: number, hours = 0): Date {
  return new Date(now.getTime() - days * DAY_MS - hours * HOUR_MS);
}

export interface RetentionAudit {
  id: string;
  actorId: string | null;
  actorRole: string | null;
  ip: string | null;
  rule: string;
  summary: Record<string, unknown>;
}

/** The audit rows retention wrote after audit row `afterId`, oldest first. */
export async function retentionAudits(t: TestApp, afterId: string): Promise<RetentionAudit[]> {
  return t.dataSource.query(
    `SELECT id, actor_id AS "actorId", actor_role AS "actorRole", ip, subject_id AS rule, summary
       FROM audit_events WHERE action = 'retention.applied' AND id > $1 ORDER BY id`,
    [afterId],
  );
}

/** The newest audit row's id ('0' when there is none): later rows have larger ids. */
export async function lastAuditId(t: TestApp): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT coalesce(max(id), 0)::text AS id FROM audit_events`);
  return row.id as string;
}
