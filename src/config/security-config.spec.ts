import { ConfigError } from './env';
import { loadSecurityConfig } from './security.config';

const MINUTE = 60_000;

describe('session timeouts configuration', () => {
  // NODE_ENV=test: a throwaway session secret, nothing written to .data/.
  const load = (env: Record<string, string> = {}) => loadSecurityConfig({ NODE_ENV: 'test', ...env });

  it('defaults to 30 idle minutes for admins, two hours for secretaries and 12 hours in all', () => {
    const config = load();
    expect(config.idleTimeoutMs).toEqual({ admin: 30 * MINUTE, secretary: 120 * MINUTE });
    expect(config.absoluteTimeoutMs).toBe(12 * 60 * MINUTE);
  });

  it('reads SESSION_IDLE_MINUTES_ADMIN, SESSION_IDLE_MINUTES_SECRETARY and SESSION_ABSOLUTE_HOURS', () => {
    const config = load({ SESSION_IDLE_MINUTES_ADMIN: '15', SESSION_IDLE_MINUTES_SECRETARY: '45', SESSION_ABSOLUTE_HOURS: '8' });
    expect(config.idleTimeoutMs).toEqual({ admin: 15 * MINUTE, secretary: 45 * MINUTE });
    expect(config.absoluteTimeoutMs).toBe(8 * 60 * MINUTE);
  });

  it.each([
    [{ SESSION_IDLE_MINUTES_ADMIN: '2' }, 'SESSION_IDLE_MINUTES_ADMIN: SESSION_IDLE_MINUTES_ADMIN must be a whole number of minutes from 5 to 240'],
    [{ SESSION_IDLE_MINUTES_ADMIN: 'half an hour' }, 'SESSION_IDLE_MINUTES_ADMIN: SESSION_IDLE_MINUTES_ADMIN must be a whole number of minutes from 5 to 240'],
    [{ SESSION_IDLE_MINUTES_SECRETARY: '2000' }, 'SESSION_IDLE_MINUTES_SECRETARY: SESSION_IDLE_MINUTES_SECRETARY must be a whole number of minutes from 5 to 1440'],
    [{ SESSION_ABSOLUTE_HOURS: '0' }, 'SESSION_ABSOLUTE_HOURS: SESSION_ABSOLUTE_HOURS must be a whole number of hours from 1 to 72'],
    [{ SESSION_ABSOLUTE_HOURS: '1.5' }, 'SESSION_ABSOLUTE_HOURS: SESSION_ABSOLUTE_HOURS must be a whole number of hours from 1 to 72'],
    [{ SESSION_ABSOLUTE_HOURS: '1' }, 'SESSION_ABSOLUTE_HOURS: SESSION_ABSOLUTE_HOURS must be a whole number of hours from 1 to 72, and no shorter than either idle timeout'],
  ])('stops with one line naming the variable for %o', (env, message) => {
    expect(() => load(env)).toThrow(ConfigError);
    expect(() => load(env)).toThrow(`Invalid configuration: ${message}`);
  });
});
