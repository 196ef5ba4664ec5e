import { randomBytes } from 'node:crypto';
import { cp, rm } from 'node:fs/promises';
import { DatabaseTarget } from '../../src/database/data-source-options.js';
import { startEmbeddedPostgres } from '../../src/database/embedded/embedded-postgres.js';
import { TEMPLATE_ENV, adminQuery, serverUrl } from './global-setup.mjs';
import { testTempDir } from './temp.js';

/**
 * Each test file gets a database of its own, made from the template that global-setup.mjs
 * migrates once per run: with DATABASE_URL, `CREATE DATABASE … TEMPLATE`; on the embedded
 * database, a copy of the migrated data directory with its own PGlite process.
 */

export interface TestDatabase {
  target: DatabaseTarget;
  /** the data directory, on the embedded database */
  dataDir?: string;
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template)
    throw new Error('No test template: run the tests with npm test (jest globalSetup).');
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const name = `floorwalker_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(databaseUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
    return {
      target: { url: serverUrl(databaseUrl, name), embedded: false },
      close: () => adminQuery(databaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const dataDir = await copyDataDir(template);
  const embedded = await startEmbeddedPostgres(dataDir);
  return {
    target: { url: embedded.url, embedded: true },
    dataDir,
    close: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh copy of the migrated template data directory (without its lock). */
export async function copyDataDir(template: string): Promise<string> {
  const dataDir = testTempDir('database');
  await cp(template, dataDir, {
    recursive: true,
    filter: (source) => !source.endsWith('.lock') && !source.endsWith('.sock'),
  });
  return dataDir;
}
