// Search benchmark: generates N tips (default 100,000), imports them, then measures the
// latency and throughput of `search` through GraphQL over HTTP and of the engine's own
// query, at concurrency 1 and 16, per query class: each cell runs the class's queries
// (default 2,000) once, in the same order. Runs on the embedded database, or on
// PostgreSQL when DATABASE_URL is set. Build first (npm run build); then:
//
//   node bench/search.mjs [tips] [queries-per-class]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/search.mjs
//
// With DATABASE_URL it creates (and afterwards drops) a database of its own on that server.
// With BENCH_DATABASE=<name> as well, it uses (and keeps) that database instead, importing
// the tips only the first time: handy for measuring again after a change.
import { Worker } from 'node:worker_threads';
import {
  benchOrganization,
  BENCH_PASSWORD,
  machineSpeed,
  startBenchServer,
  withDatabase,
} from './bench-server.mjs';
import { measure } from './measure.mjs';
import { queries } from './queries.mjs';
import { SEARCH_ENGINE } from '../dist/src/search/search-engine.js';
import { TransactionHost } from '../dist/src/database/transaction-host.js';

const COUNT = Number(process.argv[2] ?? 100_000);
const QUERIES_PER_CLASS = Number(process.argv[3] ?? 2000);
const FIDELITY_QUERIES = 50;
/** What a search-as-you-type box asks for. */
const SEARCH =
  'query ($q: String!) { search(query: $q, first: 10) { edges { titleHighlight snippet node { ... on Tip { id title } } } pageInfo { hasNextPage } } }';
/** What any GraphQL request costs over HTTP here: no resolver, no database. */
const NO_OP = '{ __typename }';

const fmt = (n) => n.toFixed(1).padStart(7);

await withDatabase(async (env) => {
  const server = await startBenchServer(env);
  try {
    const { app, url } = server;
    const organization = await benchOrganization(app, 'bench', COUNT);

    const login = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation { login(input: {organization: "bench", email: "bench@bench.example", password: "${BENCH_PASSWORD}"}) { token } }`,
      }),
    }).then((r) => r.json());
    const token = login.data.login.token;
    const viaGraphql = (list, concurrency, query = SEARCH) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(new URL('./graphql-load.mjs', import.meta.url), {
          workerData: { url, token, list, concurrency, query },
        });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    const engine = app.get(SEARCH_ENGINE);
    const languages = ['en'];
    const manager = app.get(TransactionHost).manager;
    const viaEngine = (q, exhaustive = false) =>
      engine.search({
        organizationId: organization.id,
        text: q,
        languages,
        first: 10,
        offset: 0,
        statuses: ['PUBLISHED', 'NEEDS_REVIEW'],
        exhaustive,
      });

    console.log(
      `\n${COUNT} tips, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database (PGlite)'}, ${QUERIES_PER_CLASS} queries per cell`,
    );
    console.log(await machineSpeed((sql) => manager.query(sql)));
    console.log('class       | via     | conc |  p50 ms |  p95 ms |  p99 ms |  req/s');
    console.log('------------|---------|------|---------|---------|---------|--------');
    const row = (name, via, concurrency, r) =>
      console.log(
        `${name.padEnd(11)} | ${via.padEnd(7)} | ${String(concurrency).padStart(4)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.rps)}`,
      );
    const sets = queries(QUERIES_PER_CLASS);
    const overheads = [];
    for (const [name, list] of Object.entries(sets)) {
      for (const concurrency of [1, 16]) {
        const cell = {};
        for (const via of ['engine', 'graphql']) {
          // Each cell starts with the engine's upkeep: fresh statistics, no analysed words kept.
          await engine.maintain();
          cell[via] =
            via === 'engine'
              ? await measure(concurrency, list, (q) => viaEngine(q))
              : await viaGraphql(list, concurrency);
          row(name, via, concurrency, cell[via]);
        }
        overheads.push({ name, concurrency, ...cell });
      }
    }
    for (const concurrency of [1, 16]) {
      row('no-op', 'graphql', concurrency, await viaGraphql(sets.prefix, concurrency, NO_OP));
    }

    // What the API adds to the engine's own time, for the same queries.
    const added = (graphql, engine) =>
      `${`+${(graphql - engine).toFixed(1)} ms (${((graphql / engine - 1) * 100).toFixed(0)}%)`.padStart(16)}`;
    console.log('\nclass       | conc | API adds at p50  | API adds at p95');
    console.log('------------|------|------------------|-----------------');
    for (const { name, concurrency, engine: e, graphql: g } of overheads) {
      console.log(
        `${name.padEnd(11)} | ${String(concurrency).padStart(4)} | ${added(g.p50, e.p50)} | ${added(g.p95, e.p95)}`,
      );
    }

    // Fidelity: how many of the engine's top 10 are in the top 10 of a ranking of every
    // match with the same scoring.
    console.log('\nclass       | top-10 fidelity, mean | worst | queries | found something');
    console.log('------------|-----------------------|-------|---------|----------------');
    for (const [name, list] of Object.entries(sets)) {
      const sample = [...new Set(list)].slice(0, FIDELITY_QUERIES);
      const overlaps = [];
      let found = 0;
      for (const q of sample) {
        const bounded = (await viaEngine(q)).hits.map((hit) => hit.id);
        const exhaustive = new Set((await viaEngine(q, true)).hits.map((hit) => hit.id));
        const expected = Math.min(10, exhaustive.size);
        if (expected > 0) found++;
        overlaps.push(
          expected === 0 ? 10 : (bounded.filter((id) => exhaustive.has(id)).length * 10) / expected,
        );
      }
      const mean = overlaps.reduce((a, b) => a + b, 0) / overlaps.length;
      console.log(
        `${name.padEnd(11)} | ${mean.toFixed(2).padStart(18)}/10 | ${String(Math.min(...overlaps)).padStart(2)}/10 | ${String(sample.length).padStart(7)} | ${String(found).padStart(15)}`,
      );
    }
  } finally {
    await server.close();
  }
});
