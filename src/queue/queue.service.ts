import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { NotInTransactionError, QueueSchemaError, UnknownQueueError } from './queue.errors';

/** Created only by the CreateJobQueue migration; pg-boss never changes it itself. */
export const QUEUE_SCHEMA = 'pgboss';

/**
 * Workers, maintenance and the cron clock share it; every query is short. One
 * connection per worker polling at once (the mail worker's MAIL_CONCURRENCY, 4
 * by default, and one each for email updates, the questionnaire, the fee rules
 * and retention) and room for pg-boss's own: a worker left waiting for a
 * connection past DATABASE_POOL_WAIT_MS fails, and pg-boss does not await the
 * completion of the job it just ran (its rejection goes unhandled).
 */
const QUEUE_POOL_SIZE = 12;

/**
 * How long app.close() waits for a running job before pg-boss fails it for a
 * later retry: longer than an email attempt may take (SMTP_ATTEMPT_LIMIT_MS),
 * so a send is not failed, then repeated, while it may still complete.
 */
const STOP_TIMEOUT_MS = 20_000;

/**
 * How often pg-boss looks for jobs left active past their expiry, because the
 * process running them died, and fails them so they are retried. A crashed job
 * waits its expiry, then at most this, then its retry delay.
 */
const MAINTENANCE_INTERVAL_SECONDS = 10;

/**
 * pg-boss's housekeeping (archiving and deleting old jobs) may touch many rows
 * at once, and no request waits for it: a longer statement limit than requests
 * get, but still a limit.
 */
const QUEUE_STATEMENT_TIMEOUT_MS = 60_000;

/**
 * How long a finished job stays in the queue's tables: moved to the archive
 * this long after it completed (or finally failed), then deleted this long
 * after that. pg-boss's own defaults, written out because the privacy notice
 * (docs/PRIVACY.md) tells people how long a record of an email sent to them
 * is kept.
 */
export const ARCHIVE_COMPLETED_AFTER_SECONDS = 12 * 3600;
export const DELETE_ARCHIVED_AFTER_DAYS = 7;

/**
 * Provided (as true) by a process that runs one job and exits (`npm run
 * jobs:run`, beside running instances): it may send jobs, but takes none from
 * any queue, and leaves the queue's maintenance, schedules and cron clock to
 * the instances that run all the time. See QueueOneShotModule.
 */
export const QUEUE_ONE_SHOT = Symbol('QUEUE_ONE_SHOT');

/** A job as a handler sees it: its data plus its id and retry bookkeeping. */
export type Job<T extends object> = PgBoss.JobWithMetadata<T>;
export type QueueOptions = Omit<PgBoss.Queue, 'name'>;
/** Per-job options (retries, start time, singleton keys…); the connection is ours to choose. */
export type SendOptions = Omit<PgBoss.SendOptions, 'db'>;
export type ScheduleOptions = Omit<PgBoss.ScheduleOptions, 'db'>;
export interface WorkOptions {
  /** How often an idle worker polls; pg-boss allows no less than 0.5. */
  pollingIntervalSeconds?: number;
  /** Jobs run at once in this process (one worker each); 1 unless said. */
  concurrency?: number;
}
export type JobHandler<T extends object> = (job: Job<T>) => Promise<unknown>;

/**
 * The job queue: pg-boss on the app's database, in its own `pgboss` schema
 * with its own small pool. Jobs can be sent inside a caller's transaction, so
 * they exist only if the caller's change commits. Handlers run one job at a
 * time per worker, and a worker that finds a job asks again at once, so a
 * backlog drains without waiting for the polling interval between jobs; a
 * handler that throws is retried as the job's retry options say. Schedules
 * (cron rules) fire once per rule across all instances.
 */
@Injectable()
export class QueueService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Queue');
  private readonly boss: PgBoss;
  private starting?: Promise<void>;
  private stopping = false;
  private readonly knownQueues = new Set<string>();

  constructor(
    dataSource: DataSource,
    @Optional() @Inject(QUEUE_ONE_SHOT) private readonly oneShot: boolean = false,
  ) {
    this.boss = new PgBoss({
      ...connectionOf(dataSource.options),
      schema: QUEUE_SCHEMA,
      // Schema only through migrations: pg-boss checks the version and refuses to start otherwise.
      migrate: false,
      ...limitsOf(dataSource.options),
      max: QUEUE_POOL_SIZE,
      application_name: 'affiliation-portal-queue',
      maintenanceIntervalSeconds: MAINTENANCE_INTERVAL_SECONDS,
      archiveCompletedAfterSeconds: ARCHIVE_COMPLETED_AFTER_SECONDS,
      deleteAfterDays: DELETE_ARCHIVED_AFTER_DAYS,
      supervise: !oneShot,
      schedule: !oneShot,
    });
    // An EventEmitter 'error' without a listener would crash the process.
    this.boss.on('error', (error: Error) =>
      this.logger.error({ msg: 'Job queue error', error: error.message, stack: error.stack }),
    );
  }

  async onModuleInit(): Promise<void> {
    await this.started();
  }

  /** Before TypeORM closes its pool, so a running handler can still use the database. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
  }

  /**
   * Creates the queue if it is missing and brings its options up to date. Jobs
   * sent to a queue that does not exist would be dropped, so every queue a
   * feature uses is created when that feature starts.
   */
  async createQueue(name: string, options: QueueOptions = {}): Promise<void> {
    await this.started();
    await this.boss.createQueue(name, { ...options, name });
    if (Object.keys(options).length > 0) await this.boss.updateQueue(name, { ...options, name });
    this.knownQueues.add(name);
  }

  /**
   * Adds a job. With `manager` (from `dataSource.transaction()`), the job is
   * written by the caller's transaction: it is never seen unless that commits.
   * Resolves to the job id, or null when the queue's policy or a singleton
   * option refused a duplicate.
   */
  async send<T extends object>(
    name: string,
    data: T,
    options: SendOptions = {},
    manager?: EntityManager,
  ): Promise<string | null> {
    await this.started();
    await this.assertQueueExists(name);
    const db = manager ? transactionExecutor(manager, name) : undefined;
    return this.boss.send(name, data, db ? { ...options, db } : options);
  }

  /**
   * Runs `handler` for each job of the queue, `concurrency` at a time (one
   * pg-boss worker each). A job is completed when the handler resolves and
   * failed (then retried, if it has retries left) when it throws. Resolves to
   * the workers' ids (none in a one-shot process, which takes no jobs).
   */
  async work<T extends object>(name: string, handler: JobHandler<T>, options: WorkOptions = {}): Promise<string[]> {
    await this.started();
    if (this.oneShot) return [];
    const { concurrency = 1, ...workOptions } = options;
    const ids: string[] = [];
    for (let i = 0; i < concurrency; i++) {
      let id: string | undefined;
      id = await this.boss.work<T>(name, { ...workOptions, batchSize: 1, includeMetadata: true }, async ([job]) => {
        try {
          return await this.run(name, handler, job);
        } finally {
          // pg-boss would otherwise wait a whole polling interval before the next
          // job, however many are waiting: ask again as soon as this one is done.
          // (The id is known by now: the worker's first fetch is a query away.)
          if (id && !this.stopping) this.boss.notifyWorker(id);
        }
      });
      ids.push(id);
    }
    return ids;
  }

  private async run<T extends object>(name: string, handler: JobHandler<T>, job: Job<T>): Promise<unknown> {
    // A job fetched while pg-boss shuts down is left for the next start rather than half-run.
    if (this.stopping) throw new Error('The job queue is stopping; the job will be retried');
    try {
      return await handler(job);
    } catch (error) {
      this.logger.warn({
        msg: 'Job failed',
        queue: name,
        jobId: job.id,
        attempt: job.retryCount + 1,
        retriesLeft: Math.max(0, job.retryLimit - job.retryCount),
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }

  /** Marks a job done now, e.g. straight after a side effect that must not be repeated. */
  async complete(name: string, id: string): Promise<void> {
    await this.started();
    await this.boss.complete(name, id);
  }

  /** A job as stored (also once archived), for diagnostics and tests. */
  async getJob<T extends object>(name: string, id: string): Promise<Job<T> | null> {
    await this.started();
    return this.boss.getJobById<T>(name, id, { includeArchive: true });
  }

  /**
   * Sends a job to `name` whenever the cron rule matches (checked about every
   * 30 s, at most once a minute, once across all instances). Re-scheduling a
   * name replaces its rule. A one-shot process leaves the rules to the
   * instances, whose configuration they come from.
   */
  async schedule(name: string, cron: string, data: object = {}, options: ScheduleOptions = {}): Promise<void> {
    await this.started();
    await this.assertQueueExists(name);
    if (this.oneShot) return;
    await this.boss.schedule(name, cron, data, options);
  }

  async unschedule(name: string): Promise<void> {
    await this.started();
    await this.boss.unschedule(name);
  }

  private started(): Promise<void> {
    this.starting ??= this.boss.start().then(
      () => undefined,
      (error: unknown) => {
        // pg-boss's own words when the schema is missing or at another version.
        const message = error instanceof Error ? error.message : '';
        throw /not installed|requires migrations/.test(message) ? new QueueSchemaError(error) : error;
      },
    );
    return this.starting;
  }

  private async assertQueueExists(name: string): Promise<void> {
    if (this.knownQueues.has(name)) return;
    if (!(await this.boss.getQueue(name))) throw new UnknownQueueError(name);
    this.knownQueues.add(name);
  }
}

/** pg-boss gets its own pool to the same database the app's DataSource uses. */
function connectionOf(options: DataSourceOptions): PgBoss.DatabaseOptions {
  if (options.type !== 'postgres') throw new Error(`The job queue needs PostgreSQL, not ${options.type}`);
  const { url, host, port, username, password, database, ssl } = options;
  return url ? { connectionString: url, ssl } : { host, port, user: username, password, database, ssl };
}

/**
 * The app pool's per-connection limits (lock wait, idle transaction, wait for
 * a connection), so the queue's pool is bounded like the app's.
 */
function limitsOf(options: DataSourceOptions): Record<string, number> {
  const extra = (options.extra ?? {}) as Record<string, unknown>;
  const limits: Record<string, number> = {};
  for (const key of ['lock_timeout', 'idle_in_transaction_session_timeout', 'connectionTimeoutMillis']) {
    if (typeof extra[key] === 'number') limits[key] = extra[key];
  }
  if (typeof extra.statement_timeout === 'number') limits.statement_timeout = Math.max(extra.statement_timeout, QUEUE_STATEMENT_TIMEOUT_MS);
  return limits;
}

/** Runs pg-boss's SQL on the caller's transaction instead of pg-boss's own pool. */
function transactionExecutor(manager: EntityManager, queue: string): PgBoss.Db {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new NotInTransactionError(queue);
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const result = await runner.query(text, values, true);
      return { rows: result.records };
    },
  };
}
