import { MigrationInterface, QueryRunner } from 'typeorm';

const PARTITIONS = 16;
const COLUMNS =
  'organization_id, doc_type, doc_id, language, status, tags, title, body, tsv, title_tsv, head_tsv, reuse, fresh_at';
const INDEXES = [
  'search_documents_pkey',
  'search_documents_tsv_idx',
  'search_documents_title_tsv_idx',
  'search_documents_head_tsv_idx',
  'search_documents_rank_idx',
];

/**
 * The search documents are split into 16 partitions by a hash of the organization. A
 * lookup in a full-text index read every organization's matches of its words, so other
 * organizations' tips slowed each one's searches down; now it reads those of the
 * organizations sharing its partition. The search statements' generic plans leave out the
 * other partitions when they run.
 */
export class SearchDocumentsByOrganization1764900000000 implements MigrationInterface {
  name = 'SearchDocumentsByOrganization1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await rebuild(db, true);
  }

  async down(db: QueryRunner): Promise<void> {
    await rebuild(db, false);
  }
}

async function rebuild(db: QueryRunner, partitioned: boolean): Promise<void> {
  await db.query(`ALTER TABLE search_documents RENAME TO search_documents_before`);
  for (const index of INDEXES) await db.query(`ALTER INDEX ${index} RENAME TO ${index}_before`);
  await db.query(
    `CREATE TABLE search_documents (
       LIKE search_documents_before INCLUDING DEFAULTS INCLUDING GENERATED,
       PRIMARY KEY (organization_id, doc_type, doc_id)
     )${partitioned ? ' PARTITION BY HASH (organization_id)' : ''}`,
  );
  for (let i = 0; partitioned && i < PARTITIONS; i++) {
    await db.query(
      `CREATE TABLE search_documents_${i} PARTITION OF search_documents
       FOR VALUES WITH (MODULUS ${PARTITIONS}, REMAINDER ${i})`,
    );
  }
  await db.query(
    `INSERT INTO search_documents (${COLUMNS}) SELECT ${COLUMNS} FROM search_documents_before`,
  );
  await db.query(`DROP TABLE search_documents_before`);
  for (const vector of ['tsv', 'title_tsv', 'head_tsv']) {
    await db.query(
      `CREATE INDEX search_documents_${vector}_idx ON search_documents USING gin (${vector})`,
    );
  }
  await db.query(
    `CREATE INDEX search_documents_rank_idx
       ON search_documents (organization_id, standing, reuse DESC, fresh_at DESC, doc_id)`,
  );
  await db.query(`ALTER TABLE search_documents ALTER COLUMN tsv SET STATISTICS 400`);
}
