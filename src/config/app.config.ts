import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUrl, Max, Min, ValidateIf } from 'class-validator';
import { validateEnv } from './env';

const NODE_ENVS = ['development', 'production', 'test'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

class AppEnv {
  @IsIn(NODE_ENVS, { message: `NODE_ENV must be one of ${NODE_ENVS.join(', ')}` })
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Type(() => Number)
  @IsInt({ message: 'PORT must be a whole number between 1 and 65535' })
  @Min(1, { message: 'PORT must be a whole number between 1 and 65535' })
  @Max(65535, { message: 'PORT must be a whole number between 1 and 65535' })
  PORT = 3000;

  /** Base of every link in emails; required in production so links never point at localhost. */
  @ValidateIf((env: AppEnv) => env.NODE_ENV === 'production' || env.PUBLIC_URL !== undefined)
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'PUBLIC_URL must be the absolute http(s) URL the portal is served at, e.g. https://affiliate.example.org (required in production)' },
  )
  PUBLIC_URL?: string;

  /** Number of reverse proxies in front of the app whose X-Forwarded-For is trusted. */
  @Type(() => Number)
  @IsInt({ message: 'TRUST_PROXY_HOPS must be a whole number of proxies (0 when none)' })
  @Min(0, { message: 'TRUST_PROXY_HOPS must be a whole number of proxies (0 when none)' })
  TRUST_PROXY_HOPS = 0;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: (typeof LOG_LEVELS)[number];

  @IsOptional()
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT?: 'json' | 'pretty';
}

export interface AppConfig {
  env: (typeof NODE_ENVS)[number];
  port: number;
  publicUrl: string;
  trustProxyHops: number;
  logLevel: (typeof LOG_LEVELS)[number];
  logFormat: 'json' | 'pretty';
  /** True when links and cookies are served over HTTPS. */
  secure: boolean;
}

export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const v = validateEnv(AppEnv, env);
  const publicUrl = (v.PUBLIC_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, '');
  return {
    env: v.NODE_ENV,
    port: v.PORT,
    publicUrl,
    trustProxyHops: v.TRUST_PROXY_HOPS,
    logLevel: v.LOG_LEVEL ?? (v.NODE_ENV === 'test' ? 'silent' : 'info'),
    logFormat: v.LOG_FORMAT ?? (v.NODE_ENV === 'development' && process.stdout.isTTY ? 'pretty' : 'json'),
    secure: publicUrl.startsWith('https://'),
  };
}

export const appConfig = registerAs('app', () => loadAppConfig());
