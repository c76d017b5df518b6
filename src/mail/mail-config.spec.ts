import { ConfigError } from '../config';
import { loadMailConfig } from '../config/mail.config';

describe('mail configuration', () => {
  it('has defaults that log emails, send four at once and retry ten times from 5 s', () => {
    expect(loadMailConfig({})).toEqual({
      smtpUrl: undefined,
      from: 'Police Spies Out of Lives <affiliations@localhost>',
      pollSeconds: 2,
      retryLimit: 10,
      retryDelaySeconds: 5,
      concurrency: 4,
    });
  });

  it('reads every variable', () => {
    const config = loadMailConfig({
      SMTP_URL: 'smtps://user:pass@smtp.example.org:465',
      MAIL_FROM: 'Campaign <join@example.org>',
      MAIL_POLL_SECONDS: '0.5',
      MAIL_RETRY_LIMIT: '0',
      MAIL_RETRY_DELAY_SECONDS: '1',
      MAIL_CONCURRENCY: '1',
    });
    expect(config).toEqual({
      smtpUrl: 'smtps://user:pass@smtp.example.org:465',
      from: 'Campaign <join@example.org>',
      pollSeconds: 0.5,
      retryLimit: 0,
      retryDelaySeconds: 1,
      concurrency: 1,
    });
  });

  it('requires SMTP_URL in production, so no email is ever written to a production log', () => {
    const message =
      'Invalid configuration: SMTP_URL: SMTP_URL must be an smtp:// or smtps:// URL (required in production: without it every email, reset links included, would be written to the log)';
    expect(() => loadMailConfig({ NODE_ENV: 'production' })).toThrow(message);
    expect(() => loadMailConfig({ NODE_ENV: 'production', SMTP_URL: 'file:///tmp/mail' })).toThrow(message);
    expect(loadMailConfig({ NODE_ENV: 'production', SMTP_URL: 'smtps://u:p@smtp.example.org:465' }).smtpUrl).toBe('smtps://u:p@smtp.example.org:465');
    expect(loadMailConfig({ NODE_ENV: 'development' }).smtpUrl).toBeUndefined();
  });

  it.each([
    [{ MAIL_POLL_SECONDS: '0.1' }, 'MAIL_POLL_SECONDS: MAIL_POLL_SECONDS must be a number of seconds from 0.5 to 60'],
    [{ MAIL_POLL_SECONDS: 'often' }, 'MAIL_POLL_SECONDS: MAIL_POLL_SECONDS must be a number of seconds from 0.5 to 60'],
    [{ MAIL_RETRY_LIMIT: '2.5' }, 'MAIL_RETRY_LIMIT: MAIL_RETRY_LIMIT must be a whole number of retries from 0 to 20'],
    [{ MAIL_RETRY_DELAY_SECONDS: '0' }, 'MAIL_RETRY_DELAY_SECONDS: MAIL_RETRY_DELAY_SECONDS must be a whole number of seconds from 1 to 3600'],
    [{ MAIL_CONCURRENCY: '0' }, 'MAIL_CONCURRENCY: MAIL_CONCURRENCY must be a whole number of emails sent at once, from 1 to 20'],
    [{ SMTP_URL: 'http://mail.example.org' }, 'SMTP_URL: SMTP_URL must be an smtp:// or smtps:// URL, or unset to write emails to the log'],
  ])('stops with one line naming the variable for %o', (env, message) => {
    expect(() => loadMailConfig(env)).toThrow(ConfigError);
    expect(() => loadMailConfig(env)).toThrow(`Invalid configuration: ${message}`);
  });
});
