import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseTarget, dataSourceOptions } from './data-source-options.js';
import { TransactionHost } from './transaction-host.js';

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
      providers: [TransactionHost],
      exports: [TransactionHost],
    };
  }
}
