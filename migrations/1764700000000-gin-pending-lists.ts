import { MigrationInterface, QueryRunner } from 'typeorm';

const SEARCH_GIN_INDEXES = [
  'search_documents_tsv_idx',
  'search_documents_title_tsv_idx',
  'search_documents_head_tsv_idx',
  'search_terms_trgm_idx',
];

/**
 * The search indexes' pending lists go back to the server's default size (4 MB): a 64 kB
 * list made every bulk import merge it into the index after a few dozen tips, which took
 * imports about a third longer. The search engine's upkeep, which runs after every import
 * and every ten minutes, now merges the lists (gin_clean_pending_list), so searches still
 * do not read megabytes of unmerged entries after an import.
 */
export class GinPendingLists1764700000000 implements MigrationInterface {
  name = 'GinPendingLists1764700000000';

  async up(db: QueryRunner): Promise<void> {
    for (const index of SEARCH_GIN_INDEXES) {
      await db.query(`ALTER INDEX ${index} RESET (gin_pending_list_limit)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of SEARCH_GIN_INDEXES) {
      await db.query(`ALTER INDEX ${index} SET (gin_pending_list_limit = 64)`);
    }
  }
}
