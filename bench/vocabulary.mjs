// Typo searches among many organizations: imports N tips (default 20,000) into one
// organization and times its typo searches through the engine; then gives other
// organizations (K in all, default 100) vocabularies like its own and times them again.
// Build first (npm run build); then:
//
//   node bench/vocabulary.mjs [tips] [organizations]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/vocabulary.mjs
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
const QUERIES = 1000;

if (process.env.BENCH_DATABASE) {
  console.error(
    'bench/vocabulary.mjs adds organizations to its database: run it without BENCH_DATABASE.',
  );
  process.exit(1);
}

await withDatabase(async (env) => {
  const server = await startBenchServer(env);
  try {
    const { app } = server;
    const organization = await benchOrganization(app, 'vocabulary', COUNT);
    const engine = app.get(SEARCH_ENGINE);
    const manager = app.get(TransactionHost).manager;
    const terms = async () =>
      (await manager.query('SELECT count(*)::int AS n FROM search_terms'))[0].n;
    const typos = queries(QUERIES).typo;
    const time = async () => {
      await engine.maintain();
      return measure(1, typos, (text) =>
        engine.search({
          organizationId: organization.id,
          text,
          languages: ['en'],
          first: 10,
          offset: 0,
          statuses: ['PUBLISHED', 'NEEDS_REVIEW'],
        }),
      );
    };

    console.log(
      `\n${COUNT} tips, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database (PGlite)'}, ${QUERIES} typo queries through the engine, one client`,
    );
    console.log(await machineSpeed((sql) => manager.query(sql)));
    console.log('organizations | terms in all | p50 ms | p95 ms | p99 ms');
    console.log('--------------|--------------|--------|--------|-------');
    const row = async (organizations) => {
      const r = await time();
      console.log(
        `${String(organizations).padStart(13)} | ${String(await terms()).padStart(12)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p95.toFixed(1).padStart(6)} | ${r.p99.toFixed(1).padStart(6)}`,
      );
    };
    await row(1);
    // Other organizations' vocabularies: each about four fifths of this one's, as
    // organizations in one trade share most of their words.
    const service = app.get(OrganizationsService);
    for (let i = 2; i <= ORGANIZATIONS; i++) {
      const other = (await service.create(`vocabulary-${i}`, `Vocabulary ${i}`)).value;
      await manager.query(
        `INSERT INTO search_terms (organization_id, term)
         SELECT $1, term FROM search_terms WHERE organization_id = $2 AND random() < 0.8`,
        [other.id, organization.id],
      );
    }
    await row(ORGANIZATIONS);
  } finally {
    await server.close();
  }
});
