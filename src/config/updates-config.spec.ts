import { ConfigError } from './env';
import { loadUpdatesConfig } from './updates.config';

describe('the email updates configuration', () => {
  it('defaults to batches of 50, at least 10 s apart', () => {
    expect(loadUpdatesConfig({})).toEqual({ batchSize: 50, pauseSeconds: 10 });
  });

  it('reads both variables', () => {
    expect(loadUpdatesConfig({ UPDATES_BATCH_SIZE: '5', UPDATES_BATCH_PAUSE_SECONDS: '0.5' })).toEqual({ batchSize: 5, pauseSeconds: 0.5 });
  });

  it.each([
    ['UPDATES_BATCH_SIZE', '0', /UPDATES_BATCH_SIZE must be a whole number of emails from 1 to 500/],
    ['UPDATES_BATCH_SIZE', '2.5', /UPDATES_BATCH_SIZE/],
    ['UPDATES_BATCH_SIZE', 'lots', /UPDATES_BATCH_SIZE/],
    ['UPDATES_BATCH_PAUSE_SECONDS', '-1', /UPDATES_BATCH_PAUSE_SECONDS must be a number of seconds from 0 to 3600/],
    ['UPDATES_BATCH_PAUSE_SECONDS', 'soon', /UPDATES_BATCH_PAUSE_SECONDS/],
  ])('refuses %s=%s at start, naming it', (name, value, message) => {
    expect(() => loadUpdatesConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadUpdatesConfig({ [name]: value })).toThrow(message);
  });
});
