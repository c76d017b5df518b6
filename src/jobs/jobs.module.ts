import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuditModule } from '../audit/audit.module';
import { ClockModule } from '../common/clock.module';
import { ThrottlesModule } from '../common/rate-limit/throttles';
import { configLoaders } from '../config';
import { DatabaseModule } from '../database/database.module';
import { FeesModule } from '../fees/fees.module';
import { MailModule } from '../mail/mail.module';
import { QueueOneShotModule } from '../queue/queue-one-shot.module';
import { RepliesCoreModule } from '../replies/replies-core.module';
import { RetentionModule } from '../retention/retention.module';
import { UsersModule } from '../users/users.module';

/**
 * What `npm run jobs:run` starts: the features whose jobs it runs and what
 * they need, without the rest of the app. Nothing here listens for requests,
 * takes jobs from the queue (QueueOneShotModule) or acts on start for the
 * whole portal (the first admin's setup link, the public list's listener),
 * so running a job beside a live instance changes only what the job changes.
 */
@Module({})
export class JobsModule {
  static forRoot(database: { url: string }): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configLoaders, cache: true }),
        ClockModule,
        ThrottlesModule,
        // One job at a time, with no request time limits (like the other CLIs).
        DatabaseModule.forRoot({ url: database.url, poolSize: 2 }),
        QueueOneShotModule,
        AuditModule,
        UsersModule,
        MailModule,
        FeesModule,
        RetentionModule,
        RepliesCoreModule,
      ],
    };
  }
}
