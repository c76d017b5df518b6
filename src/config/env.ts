import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/**
 * Thrown when the environment does not describe a runnable portal. Its message
 * is one line naming the variable and what it expects, so start-up can print it
 * verbatim and exit.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function describe(error: ValidationError): string {
  const expectations = [...new Set(Object.values(error.constraints ?? {}))];
  return `${error.property}: ${expectations.join('; ')}`;
}

/**
 * Validates `process.env` (or a given record) against a class of decorated
 * properties named after the variables, and returns the typed instance.
 * Empty strings count as unset so `FOO=` in a .env file falls back to defaults.
 */
export function validateEnv<T extends object>(
  schema: new () => T,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const present: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') present[key] = value;
  }
  const instance = plainToInstance(schema, present, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(instance, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigError(`Invalid configuration: ${errors.map(describe).join(' | ')}`);
  }
  return instance;
}
