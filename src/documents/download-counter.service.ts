import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { loggableError } from '../common/errors/loggable-error';
import type { DocumentKind } from './document-kinds';
import { DocumentTemplatesRepository, DownloadTally } from './document-templates.repository';
import type { DownloadVariant } from './entities/document-download.entity';

const FLUSH_EVERY_MS = 10_000;
const LONDON_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Counts downloads in memory and adds them to the day's tally in the database
 * every ten seconds and on shutdown, so a download costs no query. A crash
 * loses at most the last ten seconds' counts: they are statistics.
 */
@Injectable()
export class DownloadCounter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DownloadCounter.name);
  private pending = new Map<string, DownloadTally>();
  private timer?: NodeJS.Timeout;
  private day = '';
  private dayCheckedAt = 0;

  constructor(private readonly repository: DocumentTemplatesRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  count(kind: DocumentKind, variant: DownloadVariant): void {
    const day = this.today();
    const key = `${kind}|${variant}|${day}`;
    const tally = this.pending.get(key);
    if (tally) tally.count++;
    else this.pending.set(key, { kind, variant, day, count: 1 });
  }

  /** Writes the counts so far. Counts that fail to write are kept for the next attempt. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.repository.addDownloads([...batch.values()]);
    } catch (error) {
      this.logger.warn({ error: loggableError(error) }, 'Could not record download counts; will retry');
      for (const [key, tally] of batch) {
        const later = this.pending.get(key);
        if (later) later.count += tally.count;
        else this.pending.set(key, tally);
      }
    }
  }

  /** The day in London, worked out at most once a second. */
  private today(): string {
    const now = Date.now();
    if (now - this.dayCheckedAt > 1000) {
      const part = (type: string): string => LONDON_DAY.formatToParts(now).find((p) => p.type === type)?.value ?? '';
      this.day = `${part('year')}-${part('month')}-${part('day')}`;
      this.dayCheckedAt = now;
    }
    return this.day;
  }
}
