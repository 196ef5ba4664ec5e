// Migrates the template database once per test run. Jest loads global set-up outside its
// ES-module transform, so this file is plain JavaScript on the compiled sources (npm test
// builds first).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../dist/src/database/data-source-options.js';
import { startEmbeddedPostgres } from '../../dist/src/database/embedded/embedded-postgres.js';

export const TEMPLATE_ENV = 'FLOORWALKER_TEST_TEMPLATE';

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

async function migrate(target) {
  const dataSource = new DataSource(dataSourceOptions(target));
  await dataSource.initialize(); // runs the migrations
  await dataSource.destroy();
}

export default async function globalSetup() {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const name = `floorwalker_template_${randomBytes(4).toString('hex')}`;
    await adminQuery(databaseUrl, `CREATE DATABASE ${name}`);
    await migrate({ url: serverUrl(databaseUrl, name), embedded: false });
    process.env[TEMPLATE_ENV] = name;
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'floorwalker-template-'));
  const embedded = await startEmbeddedPostgres(dataDir);
  try {
    await migrate({ url: embedded.url, embedded: true });
  } finally {
    await embedded.stop();
  }
  process.env[TEMPLATE_ENV] = dataDir;
}

export async function globalTeardown() {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return;
  if (process.env.DATABASE_URL)
    await adminQuery(process.env.DATABASE_URL, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  else await rm(template, { recursive: true, force: true });
}
