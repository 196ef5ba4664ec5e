import { MigrationInterface, QueryRunner } from 'typeorm';

const FULL_TEXT_INDEXES = [
  'search_documents_tsv_idx',
  'search_documents_title_tsv_idx',
  'search_documents_head_tsv_idx',
];

/**
 * Index changes for search speed:
 * - The GIN indexes keep short pending lists. A GIN index queues new entries in an
 *   unsorted pending list (4 MB by default) that every search reads in full until a
 *   vacuum merges it; after a bulk import that made multi-word searches six times slower.
 *   With a 64 kB limit the writer merges the list as soon as it grows past it.
 * - Typo candidates come from a trigram GIN index with a similarity threshold. Nearest
 *   neighbours from the trigram GiST index read most of the index for every unknown word.
 * - The planner keeps statistics on ten times more lexemes of the full text (its default
 *   of 1,000 lists only the words in more than about 1.5% of documents). It guesses any
 *   word it does not list to be in half that share, so a word in a handful of tips looked
 *   common enough to look for by walking every tip in rank order.
 */
export class SearchIndexTuning1764500000000 implements MigrationInterface {
  name = 'SearchIndexTuning1764500000000';

  async up(db: QueryRunner): Promise<void> {
    for (const index of FULL_TEXT_INDEXES) {
      await db.query(`ALTER INDEX ${index} SET (gin_pending_list_limit = 64)`);
    }
    await db.query(`DROP INDEX search_terms_trgm_idx`);
    await db.query(
      `CREATE INDEX search_terms_trgm_idx ON search_terms USING gin (term gin_trgm_ops)
         WITH (gin_pending_list_limit = 64)`,
    );
    await db.query(`ALTER TABLE search_documents ALTER COLUMN tsv SET STATISTICS 400`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE search_documents ALTER COLUMN tsv SET STATISTICS -1`);
    await db.query(`DROP INDEX search_terms_trgm_idx`);
    await db.query(
      `CREATE INDEX search_terms_trgm_idx ON search_terms USING gist (term gist_trgm_ops)`,
    );
    for (const index of FULL_TEXT_INDEXES) {
      await db.query(`ALTER INDEX ${index} RESET (gin_pending_list_limit)`);
    }
  }
}
