import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseTarget, dataSourceOptions } from './data-source-options.js';
import { TransactionHost } from './transaction-host.js';

/** The database the app runs on (a DatabaseTarget), for what needs a connection of its own. */
export const DATABASE_TARGET = Symbol('DATABASE_TARGET');

/** The TypeORM connection (migrations run on start) and the transaction host, for every module. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(target: DatabaseTarget): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(target), retryAttempts: 2, retryDelay: 1000 }),
      ],
      providers: [TransactionHost, { provide: DATABASE_TARGET, useValue: target }],
      exports: [TransactionHost, DATABASE_TARGET],
    };
  }
}
