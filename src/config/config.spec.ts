import { assertConfiguration, ConfigError } from '.';
import { loadAppConfig } from './app.config';
import { loadDatabaseConfig } from './database.config';

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

  it('treats an empty variable as unset', () => {
    expect(loadDatabaseConfig({ DATABASE_URL: '' }).url).toBeUndefined();
  });
});
