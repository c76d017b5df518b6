import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { dataSourceOptions, runMigrations } from './data-source';

export interface DatabaseModuleOptions {
  url: string;
  poolSize?: number;
  /** Apply pending migrations when the app starts (on by default). */
  migrationsRun?: boolean;
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            ...dataSourceOptions(options.url, options.poolSize, config.getOrThrow<DatabaseConfig>('database').limits),
            retryAttempts: 3,
            retryDelay: 1000,
          }),
          // Migrations first, on a connection without the app's time limits,
          // which a long migration must not trip.
          dataSourceFactory: async (dataSourceOptions?: DataSourceOptions) => {
            if (options.migrationsRun ?? true) await runMigrations(options.url);
            return new DataSource(dataSourceOptions!);
          },
        }),
      ],
    };
  }
}
