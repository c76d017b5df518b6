import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { validateEnv } from './env';

/** One origin: scheme and host (a name, IPv4 or [IPv6]) with an optional port; no path, no wildcard. */
const ORIGIN = String.raw`https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?`;
const ORIGIN_LIST = new RegExp(`^\\s*${ORIGIN}\\s*(?:,\\s*${ORIGIN}\\s*)*,?\\s*$`);

const EMBED_MESSAGE =
  'EMBED_ORIGINS must be a comma-separated list of origins allowed to frame /embed/affiliates, such as https://policespiesoutoflives.org.uk (scheme and host only, no path), or unset';
const REFRESH_MESSAGE = 'PUBLIC_LIST_REFRESH_SECONDS must be a whole number of seconds from 5 to 60';
const FEED_MESSAGE = 'PUBLIC_FEED_SIZE must be a whole number of entries from 1 to 200';
const CACHE_MESSAGE = 'PUBLIC_LIST_CACHE_ENTRIES must be a whole number from 10 to 10000';
const PAGE_SIZE_MESSAGE = 'PUBLIC_LIST_PAGE_SIZE must be a whole number of branches from 10 to 1000';

class PublicListEnv {
  @IsOptional()
  @Matches(ORIGIN_LIST, { message: EMBED_MESSAGE })
  EMBED_ORIGINS?: string;

  /** Safety net behind LISTEN/NOTIFY: the list is rebuilt at least this often. */
  @Type(() => Number)
  @IsInt({ message: REFRESH_MESSAGE })
  @Min(5, { message: REFRESH_MESSAGE })
  @Max(60, { message: REFRESH_MESSAGE })
  PUBLIC_LIST_REFRESH_SECONDS = 30;

  @Type(() => Number)
  @IsInt({ message: FEED_MESSAGE })
  @Min(1, { message: FEED_MESSAGE })
  @Max(200, { message: FEED_MESSAGE })
  PUBLIC_FEED_SIZE = 50;

  /** Rendered responses kept per snapshot (one per distinct filter and page). */
  @Type(() => Number)
  @IsInt({ message: CACHE_MESSAGE })
  @Min(10, { message: CACHE_MESSAGE })
  @Max(10_000, { message: CACHE_MESSAGE })
  PUBLIC_LIST_CACHE_ENTRIES = 500;

  /** Branches per page of /affiliates, /embed/affiliates and the statement's endorsers. */
  @Type(() => Number)
  @IsInt({ message: PAGE_SIZE_MESSAGE })
  @Min(10, { message: PAGE_SIZE_MESSAGE })
  @Max(1000, { message: PAGE_SIZE_MESSAGE })
  PUBLIC_LIST_PAGE_SIZE = 100;
}

export interface PublicListConfig {
  /** Origins allowed to put /embed/affiliates in a frame; empty: nobody may. */
  embedOrigins: string[];
  refreshSeconds: number;
  feedSize: number;
  cacheEntries: number;
  pageSize: number;
}

export function loadPublicListConfig(env: NodeJS.ProcessEnv = process.env): PublicListConfig {
  const v = validateEnv(PublicListEnv, env);
  const origins = (v.EMBED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    // Browsers compare origins in their serialised form (lower-case scheme and host, no default port).
    .map((o) => new URL(o).origin);
  return {
    embedOrigins: [...new Set(origins)],
    refreshSeconds: v.PUBLIC_LIST_REFRESH_SECONDS,
    feedSize: v.PUBLIC_FEED_SIZE,
    cacheEntries: v.PUBLIC_LIST_CACHE_ENTRIES,
    pageSize: v.PUBLIC_LIST_PAGE_SIZE,
  };
}

export const publicListConfig = registerAs('publicList', () => loadPublicListConfig());
