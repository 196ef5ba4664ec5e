import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseTarget, dataSourceOptions } from './data-source-options.js';
import { DatabaseNotifications } from './database-notifications.js';
import { DATABASE_TARGET } from './database-target.js';
import { TransactionHost } from './transaction-host.js';

/**
 * The TypeORM connection (migrations run on start), the transaction host and the
 * notifications between API instances, for every module.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(target: DatabaseTarget): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(target), retryAttempts: 2, retryDelay: 1000 }),
      ],
      providers: [
        TransactionHost,
        DatabaseNotifications,
        { provide: DATABASE_TARGET, useValue: target },
      ],
      exports: [TransactionHost, DatabaseNotifications, DATABASE_TARGET],
    };
  }
}
