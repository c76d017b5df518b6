import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { PublicListConfig } from '../config';
import type { PublicAffiliatesPage } from './dto/public-affiliates-response.dto';
import type { NormalisedPageQuery } from './dto/public-affiliates-query.dto';
import { PublicListNotifier } from './public-list.notifier';
import { PublicListRepository } from './public-list.repository';
import { filterEntries, newestEntries, type PublicEntry, type PublicListSnapshot } from './public-list.snapshot';
import { SnapshotBuilder } from './snapshot-builder';
import { SnapshotResponses, type CachedResponse } from '../common/http/cached-response';
import { Slicer } from './slices';

/** Coalesces a burst of notifications (an admin approving many at once) into one rebuild. */
const REBUILD_DEBOUNCE_MS = 50;
/** After a failed rebuild, the previous list is served this long before the database is asked again. */
const RETRY_AFTER_FAILURE_MS = 2_000;
/** More changed branches than this in one rebuild: the whole list is read instead (a bulk change). */
const MAX_PATCHED_BRANCHES = 500;

/** What the next rebuild must read: everything, or the branches named in notifications since the last one. */
interface Pending {
  all: boolean;
  branchIds: Set<string>;
}

/**
 * Holds the current public list in memory and the responses rendered from it.
 *
 * The list is read with one query into an immutable snapshot. Triggers on
 * branches and affiliations NOTIFY on every change, naming the branch; the
 * listener marks the snapshot stale and a rebuild follows at once, reading
 * only the branches named since the last one and keeping the rest of the
 * previous snapshot (a start, a reconnection, the periodic refresh or a bulk
 * change read the whole list). Requests never wait for a
 * rebuild (stale-while-revalidate): they are served the previous snapshot
 * until the new one is installed, usually milliseconds later, so a slow or
 * locked table can delay a change's appearance but never the public pages.
 * Only the very first build, with nothing to serve yet, is awaited.
 * A rebuild is cut into slices (decoding, building, sorting) that give way to
 * the event loop, so even a list of tens of thousands never holds requests up
 * for more than a few milliseconds (issue 16).
 * A periodic refresh covers a lost listener: it asks PostgreSQL first whether
 * the tables changed at all (a catalogue lookup) since the whole list was last
 * read, and reads it again only if so.
 * Rendered responses (page, JSON, feed per distinct filter and page) sit in an
 * LRU keyed by the snapshot's version, so they are computed once per change
 * and served as bytes; concurrent requests for one not yet rendered share
 * one rendering.
 */
@Injectable()
export class PublicListService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PublicListService.name);
  private readonly config: PublicListConfig;
  private readonly responses: SnapshotResponses<PublicListSnapshot>;
  private snapshot?: PublicListSnapshot;
  private stale = true;
  /** Bumped by every invalidation; a rebuild that began before the latest bump does not clear `stale`. */
  private generation = 0;
  private installedGeneration = -1;
  private inflight?: { generation: number; promise: Promise<PublicListSnapshot> };
  private retryAfter = 0;
  private debounce?: NodeJS.Timeout;
  private refreshTimer?: NodeJS.Timeout;
  private notifier?: PublicListNotifier;
  private pending: Pending = { all: true, branchIds: new Set() };
  /** The tables' change fingerprint read just before the whole list was last read (see changeFingerprint). */
  private builtFingerprint?: string | null;
  /** Keeps the previous list's entries that did not change; builds never overlap (see rebuild). */
  private readonly builder = new SnapshotBuilder();
  /** Lists read and built since start (for tests and diagnostics). */
  builds = 0;

  constructor(
    private readonly repository: PublicListRepository,
    private readonly dataSource: DataSource,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<PublicListConfig>('publicList');
    this.responses = new SnapshotResponses(this.config.cacheEntries, (snapshot) => this.snapshot === snapshot);
  }

  async onModuleInit(): Promise<void> {
    const { url, extra } = this.dataSource.options as { url?: string; extra?: { connectionTimeoutMillis?: number } };
    // Bounded like the app's pool, so an unreachable server cannot hold up start-up.
    const connection: ClientConfig = { connectionString: url, connectionTimeoutMillis: extra?.connectionTimeoutMillis };
    this.notifier = new PublicListNotifier(connection, (branchId) => this.invalidate(branchId));
    await this.notifier.start();
    this.refreshTimer = setInterval(() => void this.refresh(), this.config.refreshSeconds * 1000);
    this.refreshTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.refreshTimer);
    clearTimeout(this.debounce);
    await this.notifier?.close();
    await this.inflight?.promise.catch(() => undefined);
  }

  /** True while the LISTEN connection is up (for tests and diagnostics). */
  get listening(): boolean {
    return this.notifier?.listening ?? false;
  }

  /**
   * The data may have changed (that of one branch, when given): a rebuild
   * starts shortly; until it is installed the previous list is served.
   */
  invalidate(branchId?: string): void {
    if (branchId === undefined || this.pending.branchIds.size >= MAX_PATCHED_BRANCHES) this.pending = { all: true, branchIds: new Set() };
    else if (!this.pending.all) this.pending.branchIds.add(branchId);
    this.generation += 1;
    this.stale = true;
    this.retryAfter = 0;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.rebuild().catch(() => undefined), REBUILD_DEBOUNCE_MS);
    this.debounce.unref();
  }

  /**
   * The periodic safety net: reads the whole list again only when the tables
   * changed since it was last read in full (or when that cannot be told; a
   * rebuild of named branches says nothing about the others). Resolves to
   * whether it asked for a rebuild.
   */
  async refresh(): Promise<boolean> {
    if (this.stale && this.inflight) return false; // a rebuild is on its way already
    let fingerprint: string | null;
    try {
      fingerprint = await this.repository.changeFingerprint();
    } catch {
      fingerprint = null;
    }
    if (fingerprint !== null && this.builtFingerprint !== undefined && fingerprint === this.builtFingerprint) return false;
    this.invalidate();
    return true;
  }

  /**
   * The newest list built, without waiting for a rebuild in progress (one is
   * started if the list is stale). Only the first call, before any list
   * exists, waits for the database.
   */
  async current(): Promise<PublicListSnapshot> {
    if (!this.snapshot) return this.rebuild();
    this.revalidate();
    return this.snapshot;
  }

  /** A response cached for the newest list built, or undefined when it was not built yet. */
  peek(key: string): CachedResponse | undefined {
    if (!this.snapshot) return undefined;
    this.revalidate();
    return this.responses.get(this.snapshot, key);
  }

  /**
   * The response for `key` built from the current list: from the cache when it
   * was built before for this version of the list, otherwise built now and kept
   * (also under `alias`, e.g. the raw query string that led to it).
   */
  async respond(
    key: string,
    build: (snapshot: PublicListSnapshot) => Promise<CachedResponse> | CachedResponse,
    alias?: string,
  ): Promise<CachedResponse> {
    return this.responses.respond(await this.current(), key, build, alias);
  }

  /** A page of the JSON list: only the public fields (four, and the keys of two), copied one by one. */
  static apiPage(snapshot: PublicListSnapshot, query: NormalisedPageQuery): PublicAffiliatesPage {
    const matching = filterEntries(snapshot.entries, query);
    const start = (query.page - 1) * query.pageSize;
    return {
      items: matching.slice(start, start + query.pageSize).map((e) => ({
        publicName: e.publicName,
        union: e.unionName,
        unionKey: e.unionKey,
        region: e.regionName,
        regionKey: e.regionKey,
        affiliatedSince: e.since,
      })),
      total: matching.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The latest `n` listed branches, newest first, for the feed. */
  static newest(snapshot: PublicListSnapshot, n: number): PublicEntry[] {
    return newestEntries(snapshot.entries, n);
  }

  get pageSize(): number {
    return this.config.pageSize;
  }

  get feedSize(): number {
    return this.config.feedSize;
  }

  get embedOrigins(): readonly string[] {
    return this.config.embedOrigins;
  }

  /** Starts a rebuild in the background when the list is stale (and the last failure is not too recent). */
  private revalidate(): void {
    if (this.stale && Date.now() >= this.retryAfter) void this.rebuild().catch(() => undefined);
  }

  /**
   * One rebuild per generation; callers of the same generation share it. A
   * newer generation's rebuild starts when the one in progress ends, rather
   * than beside it: two at once would each take twice as long.
   */
  private async rebuild(): Promise<PublicListSnapshot> {
    const generation = this.generation;
    if (this.inflight?.generation === generation) return this.inflight.promise;
    const previous = this.inflight?.promise;
    const load = (): Promise<PublicListSnapshot> => this.load(generation);
    const promise = previous ? previous.then(load, load) : load();
    this.inflight = { generation, promise };
    try {
      return await promise;
    } finally {
      if (this.inflight?.promise === promise) this.inflight = undefined;
    }
  }

  private async load(generation: number): Promise<PublicListSnapshot> {
    const work = this.pending;
    this.pending = { all: false, branchIds: new Set() };
    let next: PublicListSnapshot | undefined;
    let fingerprint: string | null | undefined;
    try {
      const slicer = new Slicer();
      if (!work.all && this.snapshot) {
        const ids = [...work.branchIds];
        next = await this.builder.build(await this.repository.findListedBranches(slicer, ids), slicer, work.branchIds);
      }
      if (!next) {
        // Read before the list: a change counted in it is in the list; one counted later changes it.
        fingerprint = await this.repository.changeFingerprint().catch(() => null);
        next = (await this.builder.build(await this.repository.findListedBranches(slicer), slicer))!;
      }
      this.builds += 1;
    } catch (error) {
      // What this rebuild was to read is left for the next one.
      if (work.all) this.pending = { all: true, branchIds: new Set() };
      else if (!this.pending.all) for (const id of work.branchIds) this.pending.branchIds.add(id);
      if (!this.snapshot) throw error;
      this.logger.warn(`Could not rebuild the public list, serving the previous one: ${(error as Error).message}`);
      this.retryAfter = Date.now() + RETRY_AFTER_FAILURE_MS;
      return this.snapshot;
    }
    if (generation === this.generation) this.stale = false;
    if (generation > this.installedGeneration) {
      this.installedGeneration = generation;
      // A rebuild of some branches says nothing about the others: only a read of the whole list moves the fingerprint on.
      if (fingerprint !== undefined) this.builtFingerprint = fingerprint;
      // Same content, same version: keep the old snapshot so its cached responses stay valid.
      if (this.snapshot?.version !== next.version) {
        this.snapshot = next;
        this.responses.clear();
      }
    }
    return this.snapshot ?? next;
  }
}
