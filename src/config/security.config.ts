import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { validateEnv } from './env';

/**
 * At least 5 minutes: a session's last activity is written at most once a
 * minute, so a shorter idle limit could end a session in active use.
 */
const IDLE_ADMIN_MESSAGE = 'SESSION_IDLE_MINUTES_ADMIN must be a whole number of minutes from 5 to 240';
const IDLE_SECRETARY_MESSAGE = 'SESSION_IDLE_MINUTES_SECRETARY must be a whole number of minutes from 5 to 1440';
const ABSOLUTE_MESSAGE = 'SESSION_ABSOLUTE_HOURS must be a whole number of hours from 1 to 72, and no shorter than either idle timeout';

/** An idle timeout longer than the absolute one would never apply. */
@ValidatorConstraint({ name: 'atLeastIdleTimeouts' })
class AtLeastIdleTimeouts implements ValidatorConstraintInterface {
  validate(hours: number, args: ValidationArguments): boolean {
    const env = args.object as SecurityEnv;
    return hours * 60 >= Math.max(env.SESSION_IDLE_MINUTES_ADMIN, env.SESSION_IDLE_MINUTES_SECRETARY);
  }
}

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

  /** An admin session unused this long ends (admins hold the keys to everyone's data). */
  @Type(() => Number)
  @IsInt({ message: IDLE_ADMIN_MESSAGE })
  @Min(5, { message: IDLE_ADMIN_MESSAGE })
  @Max(240, { message: IDLE_ADMIN_MESSAGE })
  SESSION_IDLE_MINUTES_ADMIN = 30;

  @Type(() => Number)
  @IsInt({ message: IDLE_SECRETARY_MESSAGE })
  @Min(5, { message: IDLE_SECRETARY_MESSAGE })
  @Max(1440, { message: IDLE_SECRETARY_MESSAGE })
  SESSION_IDLE_MINUTES_SECRETARY = 120;

  /** Any session ends this long after sign-in, however active; the cookie expires with it. */
  @Type(() => Number)
  @IsInt({ message: ABSOLUTE_MESSAGE })
  @Min(1, { message: ABSOLUTE_MESSAGE })
  @Max(72, { message: ABSOLUTE_MESSAGE })
  @Validate(AtLeastIdleTimeouts, { message: ABSOLUTE_MESSAGE })
  SESSION_ABSOLUTE_HOURS = 12;
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
    idleTimeoutMs: { admin: v.SESSION_IDLE_MINUTES_ADMIN * 60_000, secretary: v.SESSION_IDLE_MINUTES_SECRETARY * 60_000 },
    absoluteTimeoutMs: v.SESSION_ABSOLUTE_HOURS * 3_600_000,
    loginMaxFailures: v.LOGIN_MAX_FAILURES,
    loginFailureWindowSeconds: v.LOGIN_FAILURE_WINDOW_SECONDS,
    argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
  };
}

export const securityConfig = registerAs('security', () => loadSecurityConfig());
