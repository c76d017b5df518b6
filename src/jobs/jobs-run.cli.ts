import 'reflect-metadata';
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { AuditService } from '../audit/audit.service';
import { assertConfiguration } from '../config';
import { loadDatabaseConfig } from '../config/database.config';
import { openDatabaseServer } from '../database/database-server';
import { describeRun, isJobName, JOB_NAMES, JOBS } from './jobs';
import { JobsModule } from './jobs.module';

const USAGE = `usage: npm run jobs:run -- <job>\njobs: ${JOB_NAMES.join(', ')}`;

/** The app's warnings and errors, all on stderr: stdout carries only the run's one-line result. */
class StderrLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, unknown>,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack, params);
  }
}

/**
 * `npm run jobs:run -- <job>` runs one scheduled job now, for support and
 * recovery (a day missed, a rule to apply at once), against DATABASE_URL or
 * the embedded server, which it shares with a running `npm start`. Prints one
 * line: the job's name and what it did.
 */
async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const [name, ...extra] = process.argv.slice(2);
  if (!name || extra.length > 0 || !isJobName(name)) {
    console.error(name && !isJobName(name) ? `unknown job: ${name}\n${USAGE}` : USAGE);
    return 2;
  }
  assertConfiguration();

  const db = await openDatabaseServer(loadDatabaseConfig(), (m) => console.error(m));
  try {
    const context = await NestFactory.createApplicationContext(JobsModule.forRoot({ url: db.url }), {
      logger: new StderrLogger({ logLevels: ['fatal', 'error', 'warn'] }),
      abortOnError: false,
    });
    try {
      const result = await JOBS[name]!(context);
      // Who ran what by hand; the job's own changes are audited by the job.
      await context.get(AuditService).record(undefined, { id: null, role: 'cli' }, { action: 'job.run', subjectType: 'job', subjectId: name, summary: result });
      console.log(describeRun(name, result));
      return 0;
    } finally {
      await context.close();
    }
  } finally {
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
