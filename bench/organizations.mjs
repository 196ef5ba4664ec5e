// Searches in one organization among many. Imports N tips (default 20,000) into one
// organization and times its searches through the engine (one client); then gives other
// organizations (K in all, default 100) vocabularies like its own and times them again;
// then, with a third argument M, copies the organization's tips to M of the others and
// times them once more. Build first (npm run build); then:
//
//   node bench/organizations.mjs [tips] [organizations] [organizations-with-tips]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/organizations.mjs
import {
  benchOrganization,
  machineSpeed,
  startBenchServer,
  withDatabase,
} from './bench-server.mjs';
import { measure } from './measure.mjs';
import { queries } from './queries.mjs';
import { OrganizationsService } from '../dist/src/modules/organizations/organizations.service.js';
import { SEARCH_ENGINE } from '../dist/src/search/search-engine.js';
import { TransactionHost } from '../dist/src/database/transaction-host.js';

const COUNT = Number(process.argv[2] ?? 20_000);
const ORGANIZATIONS = Number(process.argv[3] ?? 100);
const WITH_TIPS = Number(process.argv[4] ?? 0);
const QUERIES = 1000;

if (process.env.BENCH_DATABASE) {
  console.error(
    'bench/organizations.mjs adds organizations to its database: run it without BENCH_DATABASE.',
  );
  process.exit(1);
}

await withDatabase(async (env) => {
  const server = await startBenchServer(env);
  try {
    const { app } = server;
    const organization = await benchOrganization(app, 'organizations', COUNT);
    const engine = app.get(SEARCH_ENGINE);
    const manager = app.get(TransactionHost).manager;
    const count = async (table) =>
      (await manager.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
    // The tips its full-text lookups read: those of its partition.
    const beside = async () =>
      (
        await manager.query(
          `SELECT count(*)::int AS n FROM search_documents WHERE tableoid =
             (SELECT tableoid FROM search_documents WHERE organization_id = $1 LIMIT 1)`,
          [organization.id],
        )
      )[0].n;
    const sets = queries(QUERIES);
    const classes = WITH_TIPS > 0 ? ['prefix', 'typo', 'multi-word'] : ['typo'];

    console.log(
      `\n${COUNT} tips, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database (PGlite)'}, ${QUERIES} queries per class through the engine, one client`,
    );
    console.log(await machineSpeed((sql) => manager.query(sql)));
    console.log(
      'organizations                | tips in all | in its partition | terms in all | class      | p50 ms | p95 ms | p99 ms',
    );
    console.log(
      '-----------------------------|-------------|------------------|--------------|------------|--------|--------|-------',
    );
    const rows = async (label) => {
      for (const name of classes) {
        await engine.maintain();
        const r = await measure(1, sets[name], (text) =>
          engine.search({
            organizationId: organization.id,
            text,
            languages: ['en'],
            first: 10,
            offset: 0,
            statuses: ['PUBLISHED', 'NEEDS_REVIEW'],
          }),
        );
        console.log(
          `${label.padEnd(28)} | ${String(await count('search_documents')).padStart(11)} | ${String(await beside()).padStart(16)} | ${String(await count('search_terms')).padStart(12)} | ${name.padEnd(10)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p95.toFixed(1).padStart(6)} | ${r.p99.toFixed(1).padStart(6)}`,
        );
      }
    };
    await rows('1');

    // Other organizations' vocabularies: each about four fifths of this one's, as
    // organizations in one trade share most of their words.
    const service = app.get(OrganizationsService);
    const others = [];
    for (let i = 2; i <= ORGANIZATIONS; i++) {
      const other = (await service.create(`organizations-${i}`, `Organizations ${i}`)).value;
      others.push(other.id);
      await manager.query(
        `INSERT INTO search_terms (organization_id, term)
         SELECT $1, term FROM search_terms WHERE organization_id = $2 AND random() < 0.8`,
        [other.id, organization.id],
      );
    }
    await rows(`${ORGANIZATIONS}, vocabularies only`);
    if (WITH_TIPS === 0) return;

    // Their search documents: copies of this organization's, under new ids.
    for (const other of others.slice(0, WITH_TIPS)) {
      await manager.query(
        `INSERT INTO search_documents (organization_id, doc_type, doc_id, language, status, tags,
           title, body, tsv, title_tsv, head_tsv, reuse, fresh_at)
         SELECT $1, doc_type, gen_random_uuid(), language, status, tags,
           title, body, tsv, title_tsv, head_tsv, reuse, fresh_at
         FROM search_documents WHERE organization_id = $2`,
        [other, organization.id],
      );
    }
    await rows(`${ORGANIZATIONS}, ${WITH_TIPS + 1} with tips`);
  } finally {
    await server.close();
  }
});
