import { assertConfiguration, ConfigError } from '.';
import { loadAppConfig } from './app.config';
import { loadBranchesConfig } from './branches.config';
import { DEVELOPMENT_CAMPAIGN, loadCampaignConfig } from './campaign.config';
import { loadDatabaseConfig } from './database.config';
import { loadUploadsConfig } from './uploads.config';

describe('configuration', () => {
  it('has working defaults for a fresh clone', () => {
    expect(() => assertConfiguration({})).not.toThrow();
    const app = loadAppConfig({});
    expect(app.port).toBe(3000);
    expect(app.publicUrl).toBe('http://localhost:3000');
    expect(loadDatabaseConfig({}).url).toBeUndefined();
  });

  it('names the variable and what it expects when PORT is malformed', () => {
    expect(() => assertConfiguration({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => assertConfiguration({ PORT: 'eighty' })).toThrow(/PORT: PORT must be a whole number between 1 and 65535/);
  });

  it('requires PUBLIC_URL in production', () => {
    expect(() => assertConfiguration({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL must be the absolute http\(s\) URL/);
    expect(loadAppConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://join.example.org/' }).publicUrl).toBe('https://join.example.org');
  });

  it('refuses a DATABASE_URL that is not a postgres URL', () => {
    expect(() => assertConfiguration({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres:\/\/ connection URL/);
  });

  it('bounds every database wait by default, and names a malformed limit', () => {
    expect(loadDatabaseConfig({}).limits).toEqual({ statementTimeoutMs: 5000, lockTimeoutMs: 3000, idleInTransactionTimeoutMs: 10000, poolWaitMs: 3000 });
    expect(loadDatabaseConfig({ DATABASE_LOCK_TIMEOUT_MS: '250' }).limits.lockTimeoutMs).toBe(250);
    for (const name of ['DATABASE_STATEMENT_TIMEOUT_MS', 'DATABASE_LOCK_TIMEOUT_MS', 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 'DATABASE_POOL_WAIT_MS']) {
      for (const value of ['0', '5s', '99', '600001']) {
        expect(() => assertConfiguration({ [name]: value })).toThrow(`${name}: ${name} must be a whole number of milliseconds from 100 to 600000`);
      }
    }
  });

  it('names BRANCH_PROBES_PER_DAY when it is not a sensible number', () => {
    expect(() => assertConfiguration({ BRANCH_PROBES_PER_DAY: '0' })).toThrow(/BRANCH_PROBES_PER_DAY must be a whole number from 1 to 1000/);
    expect(loadBranchesConfig({ BRANCH_PROBES_PER_DAY: '4' })).toEqual({ probesPerAccount: 4, probesPerAddress: 12, probeWindowSeconds: 86_400 });
  });

  it('limits a signed letter to 5 MB unless SIGNED_LETTER_MAX_MB says otherwise, and names it when it is not sensible', () => {
    expect(loadUploadsConfig({})).toEqual({ signedLetterMaxBytes: 5_000_000 });
    expect(loadUploadsConfig({ SIGNED_LETTER_MAX_MB: '12' })).toEqual({ signedLetterMaxBytes: 12_000_000 });
    for (const value of ['0', '21', '2.5', 'lots']) {
      expect(() => assertConfiguration({ SIGNED_LETTER_MAX_MB: value })).toThrow('SIGNED_LETTER_MAX_MB: SIGNED_LETTER_MAX_MB must be a whole number of megabytes from 1 to 20');
    }
  });

  it('has a development address and email for the campaign, and reads CAMPAIGN_ADDRESS as comma-separated lines', () => {
    expect(loadCampaignConfig({})).toEqual(DEVELOPMENT_CAMPAIGN);
    expect(loadCampaignConfig({ CAMPAIGN_ADDRESS: 'PO Box 123, Leeds ,, LS1 1AA', CAMPAIGN_EMAIL: 'join@example.org' })).toEqual({
      addressLines: ['Police Spies Out of Lives', 'PO Box 123', 'Leeds', 'LS1 1AA'],
      email: 'join@example.org',
    });
    expect(loadCampaignConfig({ CAMPAIGN_ADDRESS: 'Police Spies Out of Lives, c/o 5 Some Road, London N1 9DX' }).addressLines).toEqual([
      'Police Spies Out of Lives',
      'c/o 5 Some Road',
      'London N1 9DX',
    ]);
  });

  it('requires CAMPAIGN_ADDRESS and CAMPAIGN_EMAIL in production, and names a malformed one', () => {
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://join.example.org', SESSION_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://mail.example.org', BANK_ACCOUNT_NAME: 'Campaign', BANK_SORT_CODE: '08-60-01', BANK_ACCOUNT_NUMBER: '12345678' };
    expect(() => assertConfiguration(production)).toThrow(/^Invalid configuration: CAMPAIGN_ADDRESS: CAMPAIGN_ADDRESS must be the postal address .* \(required in production\) \| CAMPAIGN_EMAIL: CAMPAIGN_EMAIL must be .*\(required in production\)$/);
    expect(() => assertConfiguration({ ...production, CAMPAIGN_ADDRESS: 'PO Box 123, Leeds LS1 1AA', CAMPAIGN_EMAIL: 'join@example.org' })).not.toThrow();
    expect(() => loadCampaignConfig({ CAMPAIGN_ADDRESS: 'Leeds' })).toThrow(/CAMPAIGN_ADDRESS: CAMPAIGN_ADDRESS must be the postal address/);
    expect(() => loadCampaignConfig({ CAMPAIGN_ADDRESS: 'PO Box 1,\nLeeds' })).toThrow(/CAMPAIGN_ADDRESS/);
    expect(() => loadCampaignConfig({ CAMPAIGN_EMAIL: 'not an email' })).toThrow(/CAMPAIGN_EMAIL: CAMPAIGN_EMAIL must be the email address/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadDatabaseConfig({ DATABASE_URL: '' }).url).toBeUndefined();
  });
});
