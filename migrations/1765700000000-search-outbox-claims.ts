import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery of the search outbox to an engine outside the database (Meilisearch) without
 * holding a connection during the HTTP call: an instance claims entries for a while
 * (`claimed_until`), commits, delivers, then deletes them; a failed delivery is offered
 * again later (`available_at`, backing off with `attempts`), and a claim left by a stopped
 * instance runs out.
 *
 * Reindexing Meilisearch into new indexes while the API runs: the reindex in progress (at
 * most one), the documents delivered meanwhile, and when each search document was last
 * written, so that what changed during the copy is sent again before the swap.
 */
export class SearchOutboxClaims1765700000000 implements MigrationInterface {
  name = 'SearchOutboxClaims1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE search_outbox
        ADD COLUMN claimed_until timestamptz(3),
        ADD COLUMN attempts int NOT NULL DEFAULT 0,
        ADD COLUMN available_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        ADD COLUMN last_error text`);
    await db.query(`CREATE INDEX search_outbox_document_idx ON search_outbox (doc_type, doc_id)`);
    await db.query(`
      ALTER TABLE search_documents ADD COLUMN indexed_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()`);
    await db.query(`
      CREATE TABLE search_reindexes (
        suffix text PRIMARY KEY,
        started_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE UNIQUE INDEX search_reindexes_one ON search_reindexes ((true))`);
    await db.query(`
      CREATE TABLE search_reindex_touched (
        suffix text NOT NULL REFERENCES search_reindexes ON DELETE CASCADE,
        organization_id uuid NOT NULL,
        doc_type text NOT NULL,
        doc_id uuid NOT NULL,
        PRIMARY KEY (suffix, doc_type, doc_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE search_reindex_touched, search_reindexes`);
    await db.query(`ALTER TABLE search_documents DROP COLUMN indexed_at`);
    await db.query(`DROP INDEX search_outbox_document_idx`);
    await db.query(`
      ALTER TABLE search_outbox DROP COLUMN claimed_until, DROP COLUMN attempts,
        DROP COLUMN available_at, DROP COLUMN last_error`);
  }
}
