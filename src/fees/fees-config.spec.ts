import { ConfigError } from '../config';
import { loadFeesConfig, PLACEHOLDER_BANK } from '../config/fees.config';

describe('fees configuration', () => {
  it('has development defaults: placeholder bank details and the brief’s periods', () => {
    const c = loadFeesConfig({});
    expect(c).toMatchObject({ bank: PLACEHOLDER_BANK, placeholderBank: true, dueDays: 30, lapseDays: 90, renewalDays: 30, autoReminder: false });
  });

  it('requires the bank details in production', () => {
    expect(() => loadFeesConfig({ NODE_ENV: 'production' })).toThrow(/BANK_ACCOUNT_NAME.*BANK_SORT_CODE.*BANK_ACCOUNT_NUMBER/);
    const c = loadFeesConfig({ NODE_ENV: 'production', BANK_ACCOUNT_NAME: 'Campaign', BANK_SORT_CODE: '08-60-01', BANK_ACCOUNT_NUMBER: '12345678' });
    expect(c.bank).toEqual({ accountName: 'Campaign', sortCode: '08-60-01', accountNumber: '12345678' });
  });

  it('refuses a malformed sort code, account number, period or cron rule, naming the variable', () => {
    expect(() => loadFeesConfig({ BANK_SORT_CODE: '086001' })).toThrow(ConfigError);
    expect(() => loadFeesConfig({ BANK_SORT_CODE: '086001' })).toThrow(/BANK_SORT_CODE must be a sort code written NN-NN-NN/);
    expect(() => loadFeesConfig({ BANK_ACCOUNT_NUMBER: '1234' })).toThrow(/BANK_ACCOUNT_NUMBER must be the 8-digit/);
    expect(() => loadFeesConfig({ FEES_LAPSE_DAYS: '0' })).toThrow(/FEES_LAPSE_DAYS must be a whole number of days/);
    expect(() => loadFeesConfig({ FEES_JOB_CRON: 'daily' })).toThrow(/FEES_JOB_CRON/);
    expect(() => loadFeesConfig({ FEES_AUTO_REMINDER: 'yes' })).toThrow(/FEES_AUTO_REMINDER must be true or false/);
  });

  it('sends automatic first reminders only when FEES_AUTO_REMINDER is true', () => {
    expect(loadFeesConfig({ FEES_AUTO_REMINDER: 'true' }).autoReminder).toBe(true);
    expect(loadFeesConfig({ FEES_AUTO_REMINDER: 'false' }).autoReminder).toBe(false);
  });
});
