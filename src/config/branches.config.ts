import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { validateEnv } from './env';

const PROBES_MESSAGE = 'BRANCH_PROBES_PER_DAY must be a whole number from 1 to 1000';

class BranchesEnv {
  /**
   * Answers that say whether a branch exists (a duplicate registration, a
   * takeover request) allowed per account in a day; three times that per client
   * address. Beyond it every registration and request is a 429 until the day
   * has passed.
   */
  @Type(() => Number)
  @IsInt({ message: PROBES_MESSAGE })
  @Min(1, { message: PROBES_MESSAGE })
  @Max(1000, { message: PROBES_MESSAGE })
  BRANCH_PROBES_PER_DAY = 10;
}

export interface BranchesConfig {
  probesPerAccount: number;
  probesPerAddress: number;
  probeWindowSeconds: number;
}

export function loadBranchesConfig(env: NodeJS.ProcessEnv = process.env): BranchesConfig {
  const v = validateEnv(BranchesEnv, env);
  return { probesPerAccount: v.BRANCH_PROBES_PER_DAY, probesPerAddress: v.BRANCH_PROBES_PER_DAY * 3, probeWindowSeconds: 86_400 };
}

export const branchesConfig = registerAs('branches', () => loadBranchesConfig());
