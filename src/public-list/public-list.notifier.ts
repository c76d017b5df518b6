import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';

/**
 * The channel the triggers on branches and affiliations notify (see the
 * AddPublicListTriggers and NotifyPublicListBranchIds migrations): the payload
 * is the id of the branch whose listing may have changed, or empty when any
 * may have (a TRUNCATE).
 */
export const PUBLIC_LIST_CHANNEL = 'public_list_changed';
const BRANCH_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const MAX_BACKOFF_MS = 30_000;

/**
 * A dedicated connection LISTENing for changes to the public list. Pooled
 * connections cannot hold a LISTEN, so this one is our own. Reports each
 * change with the branch it concerns, or with none when it may concern any.
 * When the connection drops it reconnects with backoff, and reports a change
 * to any branch on every (re)connection, since notifications sent while it was
 * away are lost.
 */
export class PublicListNotifier {
  private readonly logger = new Logger(PublicListNotifier.name);
  private client?: Client;
  private retryTimer?: NodeJS.Timeout;
  private attempts = 0;
  private closed = false;

  constructor(
    private readonly connection: ClientConfig,
    private readonly onChange: (branchId?: string) => void,
  ) {}

  /** Resolves once listening (or once the first attempt failed; it keeps retrying). */
  async start(): Promise<void> {
    await this.connect();
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ ...this.connection, application_name: 'affiliation-portal-public-list' });
    const lost = (error?: Error): void => {
      if (this.client !== client) return;
      this.client = undefined;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (!this.closed) {
        this.logger.warn(`Public list listener lost${error ? `: ${error.message}` : ''}; reconnecting`);
        this.scheduleRetry();
      }
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => {
      if (n.channel === PUBLIC_LIST_CHANNEL) this.onChange(n.payload && BRANCH_ID.test(n.payload) ? n.payload : undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${PUBLIC_LIST_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      if (!this.closed) {
        this.logger.warn(`Public list listener could not connect: ${(error as Error).message}; retrying`);
        this.scheduleRetry();
      }
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.attempts = 0;
    this.onChange();
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts++) * (0.75 + Math.random() / 2);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }
}
