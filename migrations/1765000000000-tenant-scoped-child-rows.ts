import { MigrationInterface, QueryRunner } from 'typeorm';

/** Child table → [its column, the parent table] pairs that must stay inside one organization. */
const SCOPED_REFERENCES: [table: string, column: string, parent: string, onDelete: string][] = [
  ['sessions', 'user_id', 'users', 'CASCADE'],
  ['tip_tags', 'tip_id', 'tips', 'CASCADE'],
  ['tip_tags', 'tag_id', 'tags', 'CASCADE'],
  ['tips', 'author_id', 'users', 'NO ACTION'],
  ['tip_revisions', 'tip_id', 'tips', 'CASCADE'],
  ['tip_revisions', 'editor_id', 'users', 'NO ACTION'],
  ['tip_events', 'tip_id', 'tips', 'CASCADE'],
  ['tip_events', 'user_id', 'users', 'NO ACTION'],
  ['tip_helpful_votes', 'tip_id', 'tips', 'CASCADE'],
  ['tip_helpful_votes', 'user_id', 'users', 'NO ACTION'],
  ['tip_flags', 'tip_id', 'tips', 'CASCADE'],
  ['tip_flags', 'user_id', 'users', 'NO ACTION'],
  ['bookmarks', 'tip_id', 'tips', 'CASCADE'],
  ['bookmarks', 'user_id', 'users', 'CASCADE'],
  ['user_expertise', 'user_id', 'users', 'CASCADE'],
  ['user_expertise', 'tag_id', 'tags', 'CASCADE'],
  ['user_expertise', 'granted_by', 'users', 'NO ACTION'],
  ['expertise_audit', 'user_id', 'users', 'CASCADE'],
  ['expertise_audit', 'actor_id', 'users', 'NO ACTION'],
  ['search_log', 'user_id', 'users', 'CASCADE'],
  ['search_clicks', 'search_id', 'search_log', 'CASCADE'],
];

/** Child tables that had no organization of their own, and the parent it is copied from. */
const NEW_ORGANIZATION_COLUMNS: [table: string, parent: string, column: string][] = [
  ['tip_tags', 'tips', 'tip_id'],
  ['tip_helpful_votes', 'tips', 'tip_id'],
  ['tip_flags', 'tips', 'tip_id'],
  ['search_clicks', 'search_log', 'search_id'],
];

/**
 * Every child row carries its organization, and every reference to another tenant-owned
 * row is a composite foreign key (organization_id, id): a row cannot point across tenants,
 * whatever the code above it does.
 */
export class TenantScopedChildRows1765000000000 implements MigrationInterface {
  name = 'TenantScopedChildRows1765000000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['users', 'search_log'])
      await db.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_organization_id_id_key UNIQUE (organization_id, id)`,
      );
    for (const [table, parent, column] of NEW_ORGANIZATION_COLUMNS) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN organization_id uuid`);
      await db.query(
        `UPDATE ${table} c SET organization_id = p.organization_id FROM ${parent} p WHERE p.id = c.${column}`,
      );
      await db.query(`ALTER TABLE ${table} ALTER COLUMN organization_id SET NOT NULL`);
    }
    for (const [table, column, parent, onDelete] of SCOPED_REFERENCES) {
      const old = await db.query(
        `SELECT conname FROM pg_constraint
         WHERE conrelid = $1::regclass AND contype = 'f' AND conkey = ARRAY[
           (SELECT attnum FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2)]`,
        [table, column],
      );
      for (const { conname } of old as { conname: string }[])
        await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${conname}`);
      await db.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_scoped_fkey
           FOREIGN KEY (organization_id, ${column}) REFERENCES ${parent} (organization_id, id)
           ON DELETE ${onDelete}`,
      );
    }
    await db.query(
      `CREATE INDEX tip_events_used_by_idx ON tip_events (organization_id, tip_id, user_id, created_at) WHERE kind = 'USED_ON_CALL'`,
    );
    await db.query(`DROP INDEX tip_events_used_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX tip_events_used_idx ON tip_events (tip_id, user_id, created_at) WHERE kind = 'USED_ON_CALL'`,
    );
    await db.query(`DROP INDEX tip_events_used_by_idx`);
    for (const [table, column, parent, onDelete] of SCOPED_REFERENCES) {
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_scoped_fkey`);
      await db.query(
        `ALTER TABLE ${table} ADD FOREIGN KEY (${column}) REFERENCES ${parent} (id) ON DELETE ${onDelete}`,
      );
    }
    for (const [table] of NEW_ORGANIZATION_COLUMNS)
      await db.query(`ALTER TABLE ${table} DROP COLUMN organization_id`);
    for (const table of ['users', 'search_log'])
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_organization_id_id_key`);
  }
}
