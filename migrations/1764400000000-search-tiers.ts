import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What bounded search ranking needs: the title and the headline (title and tags) as their
 * own indexed tsvectors, each document's standing (published, needs review, archived), and
 * an index that lists an organization's documents in rank order; the vocabulary in byte order. Positions are stripped
 * from the vectors: ranking no longer reads them, and smaller rows are faster to scan.
 */
export class SearchTiers1764400000000 implements MigrationInterface {
  name = 'SearchTiers1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE search_documents
        ADD COLUMN title_tsv tsvector NOT NULL DEFAULT '',
        ADD COLUMN head_tsv tsvector NOT NULL DEFAULT '',
        ADD COLUMN standing smallint GENERATED ALWAYS AS (
          CASE status WHEN 'PUBLISHED' THEN 0 WHEN 'NEEDS_REVIEW' THEN 1 ELSE 2 END) STORED`);
    await db.query(`
      UPDATE search_documents SET
        title_tsv = strip(ts_filter(tsv, '{a}')),
        head_tsv = strip(ts_filter(tsv, '{a,b}')),
        tsv = strip(tsv)`);
    await db.query(
      `CREATE INDEX search_documents_title_tsv_idx ON search_documents USING gin (title_tsv)`,
    );
    await db.query(
      `CREATE INDEX search_documents_head_tsv_idx ON search_documents USING gin (head_tsv)`,
    );
    // Byte order, so that every term starting with a prefix is one range of the primary key.
    await db.query(`ALTER TABLE search_terms ALTER COLUMN term TYPE text COLLATE "C"`);
    await db.query(`
      CREATE INDEX search_documents_rank_idx
        ON search_documents (organization_id, standing, reuse DESC, fresh_at DESC, doc_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    // The stripped vectors cannot get their weights back: rebuild the index (re-index every tip).
    await db.query(`ALTER TABLE search_terms ALTER COLUMN term TYPE text COLLATE "default"`);
    await db.query(
      `ALTER TABLE search_documents DROP COLUMN title_tsv, DROP COLUMN head_tsv, DROP COLUMN standing`,
    );
  }
}
