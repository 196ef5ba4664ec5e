import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TransactionHost } from '../src/database/transaction-host.js';
import { SEARCH_RANK_FUNCTION } from '../src/search/postgres/ranking.js';
import { TestApp } from './support/test-app.js';

/**
 * The ranking has one source, src/search/postgres/ranking.ts; the database runs the
 * search_rank function a migration generated from it. This fails when they differ: after a
 * change to the ranking, `npm run search:ranking-migration` writes the migration.
 */
describe('the ranking in the database', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  }, 60_000);
  afterAll(() => t?.close());

  it('is the function ranking.ts defines', async () => {
    const manager = t.app.get(TransactionHost).manager;
    const definition = async (schema: string) => {
      const [row] = (await manager.query(
        `SELECT pg_get_functiondef(p.oid) AS text FROM pg_proc p
         JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE p.proname = 'search_rank' AND n.nspname = $1`,
        [schema],
      )) as { text: string }[];
      return row?.text.replace(`FUNCTION ${schema}.`, 'FUNCTION ');
    };
    const [{ schema }] = (await manager.query(`SELECT current_schema() AS schema`)) as {
      schema: string;
    }[];
    // The module's function, created beside the migrated one for PostgreSQL to print both alike.
    await manager.query(`DROP SCHEMA IF EXISTS ranking_source CASCADE`);
    await manager.query(`CREATE SCHEMA ranking_source`);
    try {
      await manager.query(
        SEARCH_RANK_FUNCTION.replace('CREATE FUNCTION ', 'CREATE FUNCTION ranking_source.'),
      );
      const migrated = await definition(schema);
      expect(migrated).toBeDefined();
      expect(migrated).toBe(await definition('ranking_source'));
    } finally {
      await manager.query(`DROP SCHEMA ranking_source CASCADE`);
    }
  });
});
