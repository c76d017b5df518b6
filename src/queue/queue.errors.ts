/**
 * The queue's own failures. None is a user's mistake: each one is a
 * deployment or programming error, so they stay plain errors (a 500 with a
 * request id) rather than domain errors.
 */

/** pg-boss found no `pgboss` schema, or one at another version than it expects. */
export class QueueSchemaError extends Error {
  constructor(cause: unknown) {
    super(
      `The job queue's tables are missing or out of date (${cause instanceof Error ? cause.message : String(cause)}): ` +
        'apply the migrations with `npm run migration:run`',
      { cause },
    );
    this.name = 'QueueSchemaError';
  }
}

/** A job meant to commit with the caller's change was given a manager outside any transaction. */
export class NotInTransactionError extends Error {
  constructor(queue: string) {
    super(
      `A job for "${queue}" was sent with an EntityManager that is not inside a transaction: ` +
        'pass the manager given by dataSource.transaction(), or send without one',
    );
    this.name = 'NotInTransactionError';
  }
}

/** pg-boss silently drops a job sent to a queue that was never created; we refuse it loudly. */
export class UnknownQueueError extends Error {
  constructor(queue: string) {
    super(`There is no queue "${queue}": create it at start-up with QueueService.createQueue`);
    this.name = 'UnknownQueueError';
  }
}
