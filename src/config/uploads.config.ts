import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { validateEnv } from './env';

const MAX_MB_MESSAGE = 'SIGNED_LETTER_MAX_MB must be a whole number of megabytes from 1 to 20';

class UploadsEnv {
  /**
   * The largest signed affiliation letter a branch may upload. A scan or a
   * phone photo of two pages fits in 5 MB; the upper bound keeps what one
   * upload holds in memory (and in a bytea) small.
   */
  @Type(() => Number)
  @IsInt({ message: MAX_MB_MESSAGE })
  @Min(1, { message: MAX_MB_MESSAGE })
  @Max(20, { message: MAX_MB_MESSAGE })
  SIGNED_LETTER_MAX_MB = 5;
}

export interface UploadsConfig {
  /** The signed letter's size limit, in bytes (MB = 1,000,000 bytes, as people count file sizes). */
  signedLetterMaxBytes: number;
}

export function loadUploadsConfig(env: NodeJS.ProcessEnv = process.env): UploadsConfig {
  const v = validateEnv(UploadsEnv, env);
  return { signedLetterMaxBytes: v.SIGNED_LETTER_MAX_MB * 1_000_000 };
}

export const uploadsConfig = registerAs('uploads', () => loadUploadsConfig());
