import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { SnapshotResponses, type CachedResponse } from '../common/http/cached-response';
import type { PublicListConfig } from '../config';
import { StatementRepository, type ListedSignatureRow, type PublishedMessageRow } from './statement.repository';

/** What the public may see of the signatures, read at once. Immutable. */
export interface StatementSnapshot {
  /** Changes whenever anything shown changes (a hash of it), so equal content keeps its cached responses. */
  readonly version: string;
  /** Every confirmed signature, listed or not. */
  readonly total: number;
  /** Listed signers with no organisation, newest first. */
  readonly people: readonly ListedSignatureRow[];
  /** Listed signers who signed for a group or organisation, newest first. */
  readonly groups: readonly ListedSignatureRow[];
  /** Every listed signature (people and groups), newest first: the API's and the feed's order. */
  readonly listed: readonly ListedSignatureRow[];
  readonly messages: readonly PublishedMessageRow[];
}

/** After a failed read, the previous snapshot is served this long before the database is asked again. */
const RETRY_AFTER_FAILURE_MS = 2_000;

/**
 * Holds the public side of the statement in memory, as the public list does:
 * one read into an immutable snapshot, rebuilt in the background when this
 * feature changes a signature (it is the only writer) and at the public
 * list's refresh interval (another instance's change); requests are served
 * the previous snapshot meanwhile. Responses rendered from a snapshot are
 * cached as bytes with their ETag, keyed by its version.
 */
@Injectable()
export class StatementPublicService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(StatementPublicService.name);
  private readonly config: PublicListConfig;
  private readonly responses: SnapshotResponses<StatementSnapshot>;
  private snapshot?: StatementSnapshot;
  private stale = true;
  private generation = 0;
  private inflight?: { generation: number; promise: Promise<StatementSnapshot> };
  private retryAfter = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly repository: StatementRepository,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<PublicListConfig>('publicList');
    this.responses = new SnapshotResponses(this.config.cacheEntries, (snapshot) => this.snapshot === snapshot);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => this.invalidate(), this.config.refreshSeconds * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.inflight?.promise.catch(() => undefined);
  }

  get pageSize(): number {
    return this.config.pageSize;
  }

  get feedSize(): number {
    return this.config.feedSize;
  }

  /** Something shown may have changed: the next request starts a rebuild and is served the previous snapshot meanwhile. */
  invalidate(): void {
    this.generation += 1;
    this.stale = true;
    this.retryAfter = 0;
  }

  /**
   * After a change this process committed: reads again and resolves once the
   * change is served, so the writer's next page shows it. A failure leaves the
   * snapshot stale (the change is committed; the next request retries).
   */
  async refresh(): Promise<void> {
    this.invalidate();
    await this.rebuild().catch(() => undefined);
  }

  /** The newest snapshot; only the very first call waits for the database. */
  async current(): Promise<StatementSnapshot> {
    if (!this.snapshot) return this.rebuild();
    if (this.stale && Date.now() >= this.retryAfter) void this.rebuild().catch(() => undefined);
    return this.snapshot;
  }

  /** The response for `key` from this snapshot: built once per version, shared by concurrent requests. */
  async respond(key: string, build: (snapshot: StatementSnapshot) => Promise<CachedResponse>, current?: StatementSnapshot): Promise<CachedResponse> {
    return this.responses.respond(current ?? (await this.current()), key, build);
  }

  /** One read per generation; a newer generation's read starts after the one in progress, never beside it. */
  private rebuild(): Promise<StatementSnapshot> {
    const generation = this.generation;
    if (this.inflight?.generation === generation) return this.inflight.promise;
    const previous = this.inflight?.promise;
    const load = (): Promise<StatementSnapshot> => this.load(generation);
    const promise = (previous ? previous.then(load, load) : load()).finally(() => {
      if (this.inflight?.promise === promise) this.inflight = undefined;
    });
    this.inflight = { generation, promise };
    return promise;
  }

  private async load(generation: number): Promise<StatementSnapshot> {
    let next: StatementSnapshot;
    try {
      const [total, listed, messages] = await Promise.all([this.repository.countConfirmed(), this.repository.findListed(), this.repository.findPublishedMessages()]);
      const version = createHash('sha256').update(JSON.stringify([total, listed, messages])).digest('base64url').slice(0, 16);
      next = { version, total, listed, people: listed.filter((s) => !s.organisation), groups: listed.filter((s) => !!s.organisation), messages };
    } catch (error) {
      if (!this.snapshot) throw error;
      this.logger.warn(`Could not read the statement's signatures, serving the previous ones: ${(error as Error).message}`);
      this.retryAfter = Date.now() + RETRY_AFTER_FAILURE_MS;
      return this.snapshot;
    }
    if (generation === this.generation) this.stale = false;
    if (this.snapshot?.version !== next.version) {
      this.snapshot = next;
      this.responses.clear();
    }
    return this.snapshot;
  }
}
