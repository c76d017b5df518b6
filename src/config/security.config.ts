import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { validateEnv } from './env';

class SecurityEnv {
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /** Signs session cookies. Required in production; generated and kept in .data/ otherwise. */
  @ValidateIf((env: SecurityEnv) => env.NODE_ENV === 'production' || env.SESSION_SECRET !== undefined)
  @IsString({ message: 'SESSION_SECRET must be a random string of at least 32 characters (required in production)' })
  @MinLength(32, { message: 'SESSION_SECRET must be a random string of at least 32 characters (required in production)' })
  SESSION_SECRET?: string;

  @Type(() => Number)
  @IsInt({ message: 'LOGIN_MAX_FAILURES must be a whole number from 3 to 100' })
  @Min(3, { message: 'LOGIN_MAX_FAILURES must be a whole number from 3 to 100' })
  @Max(100, { message: 'LOGIN_MAX_FAILURES must be a whole number from 3 to 100' })
  LOGIN_MAX_FAILURES = 10;

  @Type(() => Number)
  @IsInt({ message: 'LOGIN_FAILURE_WINDOW_SECONDS must be a whole number of seconds from 10 to 86400' })
  @Min(10, { message: 'LOGIN_FAILURE_WINDOW_SECONDS must be a whole number of seconds from 10 to 86400' })
  @Max(86400, { message: 'LOGIN_FAILURE_WINDOW_SECONDS must be a whole number of seconds from 10 to 86400' })
  LOGIN_FAILURE_WINDOW_SECONDS = 60;
}

export interface SecurityConfig {
  sessionSecret: string;
  /** Idle timeouts by role, and the absolute limit on any session, in ms. */
  idleTimeoutMs: { admin: number; secretary: number };
  absoluteTimeoutMs: number;
  loginMaxFailures: number;
  loginFailureWindowSeconds: number;
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
}

const SECRET_FILE = resolve('.data', 'session-secret');

/** A stable secret for development, so sessions survive restarts without any setup. */
function developmentSecret(): string {
  if (existsSync(SECRET_FILE)) return readFileSync(SECRET_FILE, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dirname(SECRET_FILE), { recursive: true });
  writeFileSync(SECRET_FILE, secret, { mode: 0o600 });
  return secret;
}

export function loadSecurityConfig(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  const v = validateEnv(SecurityEnv, env);
  return {
    sessionSecret: v.SESSION_SECRET ?? (env.NODE_ENV === 'test' ? randomBytes(32).toString('hex') : developmentSecret()),
    idleTimeoutMs: { admin: 30 * 60_000, secretary: 2 * 60 * 60_000 },
    absoluteTimeoutMs: 12 * 60 * 60_000,
    loginMaxFailures: v.LOGIN_MAX_FAILURES,
    loginFailureWindowSeconds: v.LOGIN_FAILURE_WINDOW_SECONDS,
    argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
  };
}

export const securityConfig = registerAs('security', () => loadSecurityConfig());
