import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Typo candidates are looked up in the caller's organization's vocabulary only. The
 * trigram index held the terms alone, so a lookup read the matching terms of every
 * organization and dropped the others': with a hundred organizations of similar
 * vocabulary, about twenty times the work. The index now leads with the organization
 * (btree_gin gives uuid a GIN operator class; it is a trusted extension).
 */
export class VocabularyByOrganization1764800000000 implements MigrationInterface {
  name = 'VocabularyByOrganization1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await db.query(`DROP INDEX search_terms_trgm_idx`);
    await db.query(
      `CREATE INDEX search_terms_trgm_idx ON search_terms USING gin (organization_id, term gin_trgm_ops)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX search_terms_trgm_idx`);
    await db.query(
      `CREATE INDEX search_terms_trgm_idx ON search_terms USING gin (term gin_trgm_ops)`,
    );
    await db.query(`DROP EXTENSION IF EXISTS btree_gin`);
  }
}
