import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { validateEnv } from './env';

const DAYS = (name: string, min: number, max: number): string => `${name} must be a whole number of days from ${min} to ${max}`;
const inProductionOrSet = (key: keyof FeesEnv) => (env: FeesEnv) => env.NODE_ENV === 'production' || env[key] !== undefined;

class FeesEnv {
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /** The account branches pay into. Placeholders outside production, so an invoice from a dev box can never be paid. */
  @ValidateIf(inProductionOrSet('BANK_ACCOUNT_NAME'))
  @IsString({ message: 'BANK_ACCOUNT_NAME must be the name on the campaign bank account (required in production)' })
  @MinLength(2, { message: 'BANK_ACCOUNT_NAME must be the name on the campaign bank account (required in production)' })
  @MaxLength(70, { message: 'BANK_ACCOUNT_NAME must be at most 70 characters' })
  BANK_ACCOUNT_NAME?: string;

  @ValidateIf(inProductionOrSet('BANK_SORT_CODE'))
  @Matches(/^\d{2}-\d{2}-\d{2}$/, { message: 'BANK_SORT_CODE must be a sort code written NN-NN-NN, e.g. 08-60-01 (required in production)' })
  BANK_SORT_CODE?: string;

  @ValidateIf(inProductionOrSet('BANK_ACCOUNT_NUMBER'))
  @Matches(/^\d{8}$/, { message: 'BANK_ACCOUNT_NUMBER must be the 8-digit account number (required in production)' })
  BANK_ACCOUNT_NUMBER?: string;

  @Type(() => Number)
  @IsInt({ message: DAYS('FEES_DUE_DAYS', 1, 365) })
  @Min(1, { message: DAYS('FEES_DUE_DAYS', 1, 365) })
  @Max(365, { message: DAYS('FEES_DUE_DAYS', 1, 365) })
  FEES_DUE_DAYS = 30;

  @Type(() => Number)
  @IsInt({ message: DAYS('FEES_LAPSE_DAYS', 1, 730) })
  @Min(1, { message: DAYS('FEES_LAPSE_DAYS', 1, 730) })
  @Max(730, { message: DAYS('FEES_LAPSE_DAYS', 1, 730) })
  FEES_LAPSE_DAYS = 90;

  @Type(() => Number)
  @IsInt({ message: DAYS('FEES_RENEWAL_DAYS', 1, 180) })
  @Min(1, { message: DAYS('FEES_RENEWAL_DAYS', 1, 180) })
  @Max(180, { message: DAYS('FEES_RENEWAL_DAYS', 1, 180) })
  FEES_RENEWAL_DAYS = 30;

  /** When the time rules run (cron, server time). They are idempotent, so running them more often is harmless. */
  @Matches(/^(\S+\s+){4}\S+$/, { message: 'FEES_JOB_CRON must be a five-field cron rule, e.g. "15 6 * * *"' })
  FEES_JOB_CRON = '15 6 * * *';

  /** Whether the time rules email the secretary a first reminder when an invoice becomes overdue. Off unless the campaign turns it on. */
  @IsIn(['true', 'false'], { message: 'FEES_AUTO_REMINDER must be true or false' })
  FEES_AUTO_REMINDER = 'false';
}

export interface BankDetails {
  accountName: string;
  sortCode: string;
  accountNumber: string;
}

export interface FeesConfig {
  bank: BankDetails;
  /** True when the bank details are the development placeholders. */
  placeholderBank: boolean;
  dueDays: number;
  lapseDays: number;
  renewalDays: number;
  jobCron: string;
  /** The time rules send the first reminder of an overdue invoice (FEES_AUTO_REMINDER). */
  autoReminder: boolean;
}

export const PLACEHOLDER_BANK: BankDetails = { accountName: 'PSOOL TEST ACCOUNT - DO NOT PAY', sortCode: '00-00-00', accountNumber: '00000000' };

export function loadFeesConfig(env: NodeJS.ProcessEnv = process.env): FeesConfig {
  const v = validateEnv(FeesEnv, env);
  const placeholderBank = !v.BANK_ACCOUNT_NAME && !v.BANK_SORT_CODE && !v.BANK_ACCOUNT_NUMBER;
  return {
    bank: {
      accountName: v.BANK_ACCOUNT_NAME ?? PLACEHOLDER_BANK.accountName,
      sortCode: v.BANK_SORT_CODE ?? PLACEHOLDER_BANK.sortCode,
      accountNumber: v.BANK_ACCOUNT_NUMBER ?? PLACEHOLDER_BANK.accountNumber,
    },
    placeholderBank,
    dueDays: v.FEES_DUE_DAYS,
    lapseDays: v.FEES_LAPSE_DAYS,
    renewalDays: v.FEES_RENEWAL_DAYS,
    jobCron: v.FEES_JOB_CRON,
    autoReminder: v.FEES_AUTO_REMINDER === 'true',
  };
}

export const feesConfig = registerAs('fees', () => loadFeesConfig());
