import { registerAs } from '@nestjs/config';
import { IsOptional, IsString, Matches, ValidateIf, type ValidationArguments } from 'class-validator';
import { validateEnv } from './env';

/** The campaign's name as documents write it; the address lines follow it. */
const CAMPAIGN_NAME = 'Police Spies Out of Lives';

const ADDRESS_MESSAGE =
  'CAMPAIGN_ADDRESS must be the postal address letters and invoices give, at most 300 characters, its lines separated by commas, e.g. "Police Spies Out of Lives, c/o 1 Example Street, London, N1 0XX"';
const EMAIL_MESSAGE = 'CAMPAIGN_EMAIL must be the email address branches write to, e.g. affiliations@example.org';
const inProduction = (message: string) => (args: ValidationArguments) =>
  (args.object as CampaignEnv).NODE_ENV === 'production' ? `${message} (required in production)` : message;
const inProductionOrSet = (key: keyof CampaignEnv) => (env: CampaignEnv) => env.NODE_ENV === 'production' || env[key] !== undefined;

/**
 * At most 300 characters on one line, of which at least two comma-separated
 * lines (a street or box, a town or postcode) hold a letter or digit; an empty
 * line between two commas is dropped.
 */
const SEGMENT = '[^,]*[\\p{L}\\p{N}][^,]*';
const ADDRESS = new RegExp(`^(?=[^\\u0000-\\u001f\\u007f]{1,300}$)(?:[^,]*,)*${SEGMENT},(?:[^,]*,)*${SEGMENT}(?:,[^,]*)*$`, 'u');
const EMAIL = /^(?=.{3,254}$)[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

class CampaignEnv {
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /**
   * Printed on every affiliation letter (as the recipient) and on invoices and
   * receipts (as the sender). A development default, so a fresh clone renders
   * documents; production names the real one, as a letter sent to a made-up
   * address would be lost.
   */
  @ValidateIf(inProductionOrSet('CAMPAIGN_ADDRESS'))
  @Matches(ADDRESS, { message: inProduction(ADDRESS_MESSAGE) })
  CAMPAIGN_ADDRESS?: string;

  @ValidateIf(inProductionOrSet('CAMPAIGN_EMAIL'))
  @Matches(EMAIL, { message: inProduction(EMAIL_MESSAGE) })
  CAMPAIGN_EMAIL?: string;
}

export interface CampaignConfig {
  /** The postal address, a line each, starting with the campaign's name. */
  addressLines: string[];
  email: string;
}

export const DEVELOPMENT_CAMPAIGN: CampaignConfig = {
  addressLines: [CAMPAIGN_NAME, 'c/o 1 Example Street', 'London', 'N1 0XX'],
  email: 'affiliations@example.org',
};

/** The lines of a comma-separated address, with the campaign's name first unless the address already starts with it. */
export function campaignAddressLines(address: string): string[] {
  const lines = address
    .split(',')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  return lines[0]?.toLowerCase().includes(CAMPAIGN_NAME.toLowerCase()) ? lines : [CAMPAIGN_NAME, ...lines];
}

export function loadCampaignConfig(env: NodeJS.ProcessEnv = process.env): CampaignConfig {
  const v = validateEnv(CampaignEnv, env);
  return {
    addressLines: v.CAMPAIGN_ADDRESS ? campaignAddressLines(v.CAMPAIGN_ADDRESS) : DEVELOPMENT_CAMPAIGN.addressLines,
    email: v.CAMPAIGN_EMAIL?.trim() ?? DEVELOPMENT_CAMPAIGN.email,
  };
}

export const campaignConfig = registerAs('campaign', () => loadCampaignConfig());
