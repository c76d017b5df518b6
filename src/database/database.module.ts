import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseLimits } from '../config/database.config';
import { dataSourceOptions, runMigrations } from './data-source';

export interface DatabaseModuleOptions {
  url: string;
  poolSize?: number;
  /** Per-connection time limits (the app passes its configuration's); without them nothing is timed out. */
  limits?: DatabaseLimits;
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
          useFactory: () => ({ ...dataSourceOptions(options.url, options.poolSize, options.limits), retryAttempts: 3, retryDelay: 1000 }),
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
