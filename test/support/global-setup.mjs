// Migrates the template database once per test run. Jest loads global set-up outside its
// ES-module transform, so this file is plain JavaScript on the compiled sources, which it
// rebuilds first when any source is newer (npm test builds too; a bare jest run may not).
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { buildIfChanged } from '../../scripts/build-if-changed.mjs';

export const TEMPLATE_ENV = 'FLOORWALKER_TEST_TEMPLATE';
/** Every file a test writes goes under here, removed after the run: nothing in the system temp folder. */
export const TEST_TMP = fileURLToPath(new URL('../../.test-tmp/', import.meta.url));

export function serverUrl(databaseUrl, database) {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(databaseUrl, sql) {
  const client = new pg.Client({ connectionString: serverUrl(databaseUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The compiled sources, rebuilt when older than the sources: the template migrates from what is there now. */
async function compiled() {
  await buildIfChanged();
  const [{ dataSourceOptions }, { startEmbeddedPostgres }] = await Promise.all([
    import('../../dist/src/database/data-source-options.js'),
    import('../../dist/src/database/embedded/embedded-postgres.js'),
  ]);
  return { dataSourceOptions, startEmbeddedPostgres };
}

async function migrate(dataSourceOptions, target) {
  const dataSource = new DataSource(dataSourceOptions(target));
  await dataSource.initialize(); // runs the migrations
  await dataSource.destroy();
}

export default async function globalSetup() {
  const { dataSourceOptions, startEmbeddedPostgres } = await compiled();
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const name = `floorwalker_template_${randomBytes(4).toString('hex')}`;
    await adminQuery(databaseUrl, `CREATE DATABASE ${name}`);
    await migrate(dataSourceOptions, { url: serverUrl(databaseUrl, name), embedded: false });
    process.env[TEMPLATE_ENV] = name;
    return;
  }
  await mkdir(TEST_TMP, { recursive: true });
  const dataDir = await mkdtemp(join(TEST_TMP, 'template-'));
  const embedded = await startEmbeddedPostgres(dataDir);
  try {
    await migrate(dataSourceOptions, { url: embedded.url, embedded: true });
  } finally {
    await embedded.stop();
  }
  process.env[TEMPLATE_ENV] = dataDir;
}

export async function globalTeardown() {
  const template = process.env[TEMPLATE_ENV];
  if (template && process.env.DATABASE_URL)
    await adminQuery(process.env.DATABASE_URL, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await rm(TEST_TMP, { recursive: true, force: true });
}
