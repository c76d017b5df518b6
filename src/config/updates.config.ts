import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { validateEnv } from './env';

const BATCH_MESSAGE = 'UPDATES_BATCH_SIZE must be a whole number of emails from 1 to 500';
const PAUSE_MESSAGE = 'UPDATES_BATCH_PAUSE_SECONDS must be a number of seconds from 0 to 3600';

/**
 * How an email update goes out: UPDATES_BATCH_SIZE emails are queued in the
 * outbox per transaction, then the sender waits at least
 * UPDATES_BATCH_PAUSE_SECONDS before the next batch, so a large update does
 * not flood the relay (or the relay's sending limits) in one go.
 */
class UpdatesEnv {
  @Type(() => Number)
  @IsInt({ message: BATCH_MESSAGE })
  @Min(1, { message: BATCH_MESSAGE })
  @Max(500, { message: BATCH_MESSAGE })
  UPDATES_BATCH_SIZE = 50;

  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: PAUSE_MESSAGE })
  @Min(0, { message: PAUSE_MESSAGE })
  @Max(3600, { message: PAUSE_MESSAGE })
  UPDATES_BATCH_PAUSE_SECONDS = 10;
}

export interface UpdatesConfig {
  batchSize: number;
  pauseSeconds: number;
}

export function loadUpdatesConfig(env: NodeJS.ProcessEnv = process.env): UpdatesConfig {
  const v = validateEnv(UpdatesEnv, env);
  return { batchSize: v.UPDATES_BATCH_SIZE, pauseSeconds: v.UPDATES_BATCH_PAUSE_SECONDS };
}

export const updatesConfig = registerAs('updates', () => loadUpdatesConfig());
