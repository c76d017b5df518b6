import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AdminModule } from './admin/admin.module';
import { AffiliationsModule } from './affiliations/affiliations.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { configLoaders } from './config';
import { BranchesModule } from './branches/branches.module';
import { ClockModule } from './common/clock.module';
import { ThrottlesModule } from './common/rate-limit/throttles';
import { DatabaseModule, DatabaseModuleOptions } from './database/database.module';
import { DocumentsModule } from './documents/documents.module';
import { SignedLettersModule } from './documents/signed-letters/signed-letters.module';
import { FeesModule } from './fees/fees.module';
import { HealthModule } from './health/health.module';
import { HomeModule } from './home/home.module';
import { LoggingModule } from './logging/logging.module';
import { MailModule } from './mail/mail.module';
import { PrivacyModule } from './privacy/privacy.module';
import { PoliceAreasModule } from './police-areas/police-areas.module';
import { PublicListModule } from './public-list/public-list.module';
import { RoutePrefilter } from './common/http/route-prefilter';
import { RepliesModule } from './replies/replies.module';
import { RetentionModule } from './retention/retention.module';
import { LettersModule } from './letters/letters.module';
import { StatementModule } from './statement/statement.module';
import { UpdateAudiencesModule } from './updates/update-audiences.module';
import { UpdatesModule } from './updates/updates.module';
import { UsersModule } from './users/users.module';

export interface AppModuleOptions {
  database: DatabaseModuleOptions;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configLoaders, cache: true }),
        LoggingModule,
        ClockModule,
        ThrottlesModule,
        DatabaseModule.forRoot(options.database),
        AuditModule,
        UpdateAudiencesModule,
        UsersModule,
        AuthModule,
        HealthModule,
        HomeModule,
        DocumentsModule,
        MailModule,
        BranchesModule,
        AffiliationsModule,
        SignedLettersModule,
        AdminModule,
        FeesModule,
        PublicListModule,
        StatementModule,
        LettersModule,
        PoliceAreasModule,
        RepliesModule,
        PrivacyModule,
        RetentionModule,
        UpdatesModule,
      ],
      providers: [RoutePrefilter],
    };
  }
}
