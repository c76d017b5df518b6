import type TestAgent from 'supertest/lib/agent';
import type { TestApp } from '../utils/test-app';

let counter = 0;

/** A valid registration body; names are unique per call unless given. */
export function branchBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    union: 'unison',
    name: `Test Branch ${Date.now().toString(36)}${counter}`,
    region: 'london',
    membershipSize: 350,
    listPublicly: true,
    ...overrides,
  };
}

export interface Signed {
  agent: TestAgent;
  csrf: string;
}

/** Registers a branch through the API and returns its JSON. */
export async function createBranch(s: Signed, overrides: Record<string, unknown> = {}): Promise<{ id: string; publicName: string; [k: string]: unknown }> {
  const res = await s.agent.post('/api/branches').set('X-CSRF-Token', s.csrf).send(branchBody(overrides));
  if (res.status !== 201) throw new Error(`createBranch: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const today = (): string => new Date().toISOString().slice(0, 10);

/** Submits this year's affiliation for a branch through the API. */
export async function submitAffiliation(s: Signed, branchId: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; status: string; [k: string]: unknown }> {
  const res = await s.agent
    .post(`/api/branches/${branchId}/affiliations`)
    .set('X-CSRF-Token', s.csrf)
    .send({ motionPassedOn: today(), endorsesStatement: true, ...overrides });
  if (res.status !== 201) throw new Error(`submitAffiliation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Emails queued for `to` (waiting, sent or archived), newest first. */
export async function queuedEmails(t: TestApp, to: string): Promise<{ subject: string; text: string }[]> {
  const rows: { data: { subject: string; text: string } }[] = await t.dataSource.query(
    `SELECT data, created_on FROM pgboss.job WHERE name = 'mail' AND data->>'to' = $1
     UNION ALL
     SELECT data, created_on FROM pgboss.archive WHERE name = 'mail' AND data->>'to' = $1
     ORDER BY created_on DESC`,
    [to],
  );
  return rows.map((r) => r.data);
}

export async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return n as number;
}
