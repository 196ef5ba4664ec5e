import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery of the search outbox to an engine outside the database (Meilisearch) without
 * holding a connection during the HTTP call: an instance claims entries for a while
 * (`claimed_until`), commits, delivers, then deletes them; a failed delivery is offered
 * again later (`available_at`, backing off with `attempts`), and a claim left by a stopped
 * instance runs out.
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
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX search_outbox_document_idx`);
    await db.query(`
      ALTER TABLE search_outbox DROP COLUMN claimed_until, DROP COLUMN attempts,
        DROP COLUMN available_at, DROP COLUMN last_error`);
  }
}
