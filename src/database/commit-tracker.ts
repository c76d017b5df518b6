import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { EntitySubscriberInterface, EventSubscriber, type QueryRunner } from 'typeorm';

interface RequestWrites {
  /** A commit was sent (it may have succeeded even if its answer was lost). */
  committed: boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    databaseWrites?: RequestWrites;
  }
}

const current = new AsyncLocalStorage<RequestWrites>();

/**
 * Express middleware: from here on, a commit made on behalf of this request is
 * noted on `req.databaseWrites`, so an error page can say truthfully whether
 * anything was saved. Installed after the session middleware, just before the
 * routes: the session store's own writes are not what the person sent.
 */
export function trackCommits(req: Request, _res: Response, next: NextFunction): void {
  const writes: RequestWrites = { committed: false };
  req.databaseWrites = writes;
  current.run(writes, next);
}

/** True when this request may have committed a change before it failed. */
export function mayHaveCommitted(req: Request): boolean {
  return req.databaseWrites?.committed ?? false;
}

const inTransaction = (runner?: QueryRunner): boolean => runner?.isTransactionActive ?? false;

function noteCommit(): void {
  const writes = current.getStore();
  if (writes) writes.committed = true;
}

/**
 * Notes a COMMIT as it is sent (not after: a connection lost during COMMIT
 * leaves the outcome unknown), and a write through an entity outside any
 * transaction, which commits by itself.
 */
@EventSubscriber()
export class CommitTracker implements EntitySubscriberInterface {
  beforeTransactionCommit(): void {
    noteCommit();
  }

  beforeInsert(event: { queryRunner?: QueryRunner }): void {
    if (!inTransaction(event.queryRunner)) noteCommit();
  }

  beforeUpdate(event: { queryRunner?: QueryRunner }): void {
    if (!inTransaction(event.queryRunner)) noteCommit();
  }

  beforeRemove(event: { queryRunner?: QueryRunner }): void {
    if (!inTransaction(event.queryRunner)) noteCommit();
  }
}
