import { assertConfiguration, ConfigError } from '../config';
import { loadRetentionConfig } from '../config/retention.config';

describe('retention configuration', () => {
  it('defaults to the periods docs/PRIVACY.md states', () => {
    expect(loadRetentionConfig({})).toEqual({
      jobCron: '45 3 * * *',
      unverifiedAccountDays: 7,
      unconfirmedSignatureDays: 7,
      tokenDays: 30,
      handoverDays: 30,
      auditIpDays: 90,
      mailBodyDays: 7,
      signedLetterYears: 1,
      updateAddressDays: 7,
      followUpAddressDays: 28,
      replyAddressDays: 90,
    });
  });

  it('reads every variable', () => {
    expect(
      loadRetentionConfig({
        RETENTION_JOB_CRON: '0 2 * * 1',
        RETENTION_UNVERIFIED_ACCOUNT_DAYS: '2',
        RETENTION_TOKEN_DAYS: '3',
        RETENTION_HANDOVER_DAYS: '4',
        RETENTION_AUDIT_IP_DAYS: '5',
        RETENTION_MAIL_BODY_DAYS: '1',
        RETENTION_SIGNED_LETTER_YEARS: '0',
        RETENTION_UNCONFIRMED_SIGNATURE_DAYS: '6',
        RETENTION_UPDATE_ADDRESS_DAYS: '6',
        RETENTION_FOLLOW_UP_ADDRESS_DAYS: '14',
        RETENTION_REPLY_ADDRESS_DAYS: '30',
      }),
    ).toEqual({
      jobCron: '0 2 * * 1',
      unverifiedAccountDays: 2,
      unconfirmedSignatureDays: 6,
      tokenDays: 3,
      handoverDays: 4,
      auditIpDays: 5,
      mailBodyDays: 1,
      signedLetterYears: 0,
      updateAddressDays: 6,
      followUpAddressDays: 14,
      replyAddressDays: 30,
    });
  });

  it.each([
    ['RETENTION_UNVERIFIED_ACCOUNT_DAYS', '0'],
    ['RETENTION_TOKEN_DAYS', 'a month'],
    ['RETENTION_HANDOVER_DAYS', '1.5'],
    ['RETENTION_AUDIT_IP_DAYS', '3651'],
    ['RETENTION_MAIL_BODY_DAYS', '-7'],
  ])('stops start-up with one line naming %s when it is %p', (name, value) => {
    expect(() => assertConfiguration({ [name]: value })).toThrow(ConfigError);
    expect(() => assertConfiguration({ [name]: value })).toThrow(`Invalid configuration: ${name}: ${name} must be a whole number of days from 1 to 3650`);
  });

  it.each(['-1', '11', 'one', '1.5'])('stops start-up with one line naming RETENTION_SIGNED_LETTER_YEARS when it is %p', (value) => {
    expect(() => assertConfiguration({ RETENTION_SIGNED_LETTER_YEARS: value })).toThrow(
      'Invalid configuration: RETENTION_SIGNED_LETTER_YEARS: RETENTION_SIGNED_LETTER_YEARS must be a whole number of years from 0 to 10',
    );
  });

  it('names RETENTION_JOB_CRON when it is not a cron rule', () => {
    expect(() => loadRetentionConfig({ RETENTION_JOB_CRON: 'daily' })).toThrow('RETENTION_JOB_CRON: RETENTION_JOB_CRON must be a five-field cron rule, e.g. "45 3 * * *"');
  });
});
