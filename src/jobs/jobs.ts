import type { INestApplicationContext } from '@nestjs/common';
import { FeesTimeRules } from '../fees/fees-time-rules';
import { LetterFollowUpsService } from '../replies/letter-follow-ups.service';
import { RETENTION_RULES, type RetentionRule } from '../retention/retention-rules';
import { RetentionService } from '../retention/retention.service';

/** What a job run did, as counts by name. */
export type JobResult = Record<string, number>;

type Job = (context: INestApplicationContext) => Promise<JobResult>;

const retentionRule = (rule: RetentionRule): Job => async (context) => ({ [rule]: await context.get(RetentionService).run(rule) });

/**
 * The scheduled jobs an operator can run at once, by name: the same methods
 * the queue's workers call, so a run by hand does exactly what the daily one
 * would (and is as safe beside it: every job is idempotent).
 */
export const JOBS: Record<string, Job> = {
  'fees-time-rules': async (context) => ({ ...(await context.get(FeesTimeRules).run()) }),
  retention: async (context) => ({ ...(await context.get(RetentionService).runAll()) }),
  ...Object.fromEntries(RETENTION_RULES.map((rule) => [`retention-${rule}`, retentionRule(rule)])),
  'letter-follow-ups': async (context) => ({ sent: await context.get(LetterFollowUpsService).sendDue() }),
};

export const JOB_NAMES = Object.keys(JOBS);

export function isJobName(name: string): boolean {
  return Object.hasOwn(JOBS, name);
}

/** `fees-time-rules: overdue=1 reminded=0 lapsed=1 renewed=0` */
export function describeRun(name: string, result: JobResult): string {
  return `${name}: ${Object.entries(result)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ')}`;
}
