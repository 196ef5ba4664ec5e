// What the search benchmarks share: a database of their own, the API server on it, and an
// organization with generated tips imported through the import service.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { tips } from './corpus.mjs';
import { loadConfig } from '../dist/src/config/app-config.js';
import { startServer } from '../dist/src/server.js';
import { Role } from '../dist/src/common/auth/role.js';
import { OrganizationsService } from '../dist/src/modules/organizations/organizations.service.js';
import { UsersService } from '../dist/src/modules/users/users.service.js';
import { TipsImportService } from '../dist/src/modules/tips/tips-import.service.js';

export const BENCH_PASSWORD = 'benchmark password';

/**
 * Runs `run` with the environment of a database of its own: the embedded one in a temporary
 * directory, or, with DATABASE_URL, a new database on that server, dropped afterwards
 * (with BENCH_DATABASE=<name>, that database, kept).
 */
export async function withDatabase(run) {
  const base = process.env.DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'floorwalker-bench-'));
  if (!base) {
    try {
      return await run({ DATA_DIR: dataDir });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const kept = process.env.BENCH_DATABASE;
  const name = kept ?? `floorwalker_bench_${process.pid}`;
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const query = async (sql, params) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    return client.query(sql, params).finally(() => client.end());
  };
  const exists = async () =>
    (await query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount > 0;
  if (!kept || !(await exists())) await query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    return await run({ DATA_DIR: dataDir, DATABASE_URL: url.toString() });
  } finally {
    if (!kept) await query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A GraphQL request; fails on any error. */
export async function gql(url, query, variables, token) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** p50, p95, p99 and the maximum of latencies in milliseconds. */
export function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return `n=${sorted.length} p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms, p99 ${at(99).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms`;
}

export function startBenchServer(env) {
  return startServer(
    loadConfig({ ...process.env, ...env, PORT: '0', DEMO_DATA: 'false', LOG_LEVEL: 'warn' }),
  );
}

/** The organization `slug`, created with an agent and `count` generated tips when it is new. */
export async function benchOrganization(app, slug, count) {
  const organizations = app.get(OrganizationsService);
  const found = await organizations.findBySlug(slug);
  if (found) return found;
  const organization = (await organizations.create(slug, 'Benchmark')).value;
  const user = (
    await app.get(UsersService).create(organization.id, {
      email: `${slug}@bench.example`,
      displayName: 'Bench',
      role: Role.AGENT,
      password: BENCH_PASSWORD,
    })
  ).value;
  const lines = [];
  for (const tip of tips(count)) lines.push(JSON.stringify(tip));
  const t0 = Date.now();
  const report = await app
    .get(TipsImportService)
    .import(organization.id, user.id, lines.join('\n'));
  console.log(
    `imported ${report.created} tips in ${((Date.now() - t0) / 1000).toFixed(1)} s (${report.failed.length} failed)`,
  );
  return organization;
}

/**
 * How fast this machine is, for comparing figures taken on different ones: the best of
 * three runs of a fixed amount of work in Node.js and in the database.
 */
export async function machineSpeed(query) {
  const best = async (work) => {
    let fastest = Infinity;
    for (let run = 0; run < 3; run++) {
      const t0 = process.hrtime.bigint();
      await work();
      fastest = Math.min(fastest, Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return fastest.toFixed(0);
  };
  const node = await best(() => {
    for (let i = 0; i < 200_000; i++) createHash('sha256').update(`tip ${i}`).digest();
  });
  const database = await best(() => query('SELECT count(*) FROM generate_series(1, 2000000)'));
  return `machine: 200,000 SHA-256 hashes in Node.js ${node} ms; counting 2,000,000 rows in the database ${database} ms`;
}
