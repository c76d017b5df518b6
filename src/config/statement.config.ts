import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { validateEnv } from './env';

const SIGNS_MESSAGE = 'STATEMENT_SIGNS_PER_HOUR must be a whole number from 1 to 10000';

class StatementEnv {
  /**
   * Signatures (and data requests) one client address may send in an hour.
   * Each sends an email, so this also bounds how much mail a stranger can
   * make the portal send to addresses they do not own. An office or a union
   * building shares one address: generous by default.
   */
  @Type(() => Number)
  @IsInt({ message: SIGNS_MESSAGE })
  @Min(1, { message: SIGNS_MESSAGE })
  @Max(10_000, { message: SIGNS_MESSAGE })
  STATEMENT_SIGNS_PER_HOUR = 20;
}

export interface StatementConfig {
  signsPerAddress: number;
  signWindowSeconds: number;
}

export function loadStatementConfig(env: NodeJS.ProcessEnv = process.env): StatementConfig {
  const v = validateEnv(StatementEnv, env);
  return { signsPerAddress: v.STATEMENT_SIGNS_PER_HOUR, signWindowSeconds: 3600 };
}

export const statementConfig = registerAs('statement', () => loadStatementConfig());
