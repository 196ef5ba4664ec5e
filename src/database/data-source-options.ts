import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { entities } from './entities.js';

export interface DatabaseTarget {
  url: string;
  /** The embedded database serves one session: its pool must hold one connection. */
  embedded: boolean;
}

export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    entities,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    installExtensions: false,
    poolSize: target.embedded ? 1 : 10,
    extra: target.embedded ? { max: 1, idleTimeoutMillis: 0 } : { idleTimeoutMillis: 30_000 },
    // failed queries reach the caller, which logs what it did not expect (unique violations are expected)
    logging: false,
  };
}
