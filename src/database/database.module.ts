import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source';

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
        TypeOrmModule.forRoot({
          ...dataSourceOptions(options.url, options.poolSize),
          migrationsRun: options.migrationsRun ?? true,
          retryAttempts: 3,
          retryDelay: 1000,
        }),
      ],
    };
  }
}
