import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tips with tags, revisions, reuse events, flags, bookmarks and expertise; the search index and log. */
export class TipsAndSearch1764300000000 implements MigrationInterface {
  name = 'TipsAndSearch1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE organizations
        ADD COLUMN tip_verify_days integer NOT NULL DEFAULT 90 CHECK (tip_verify_days BETWEEN 1 AND 3650),
        ADD COLUMN search_log_retention_days integer NOT NULL DEFAULT 90
          CHECK (search_log_retention_days BETWEEN 1 AND 3650),
        ADD COLUMN languages text[] NOT NULL DEFAULT '{en}'`);
    await db.query(`
      CREATE TABLE tags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT tags_organization_name_key UNIQUE (organization_id, name),
        CONSTRAINT tags_organization_id_id_key UNIQUE (organization_id, id)
      )`);
    await db.query(`
      CREATE TABLE tips (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        external_id text CHECK (length(external_id) BETWEEN 1 AND 200),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) <= 20000),
        language text NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'NEEDS_REVIEW', 'ARCHIVED')),
        author_id uuid NOT NULL REFERENCES users (id),
        revision integer NOT NULL DEFAULT 1,
        verify_by timestamptz(3),
        verified_at timestamptz(3),
        review_reason text,
        used_count integer NOT NULL DEFAULT 0,
        helpful_count integer NOT NULL DEFAULT 0,
        published_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT tips_organization_id_id_key UNIQUE (organization_id, id)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX tips_external_id_key ON tips (organization_id, external_id) WHERE external_id IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX tips_organization_created_idx ON tips (organization_id, created_at, id)`,
    );
    await db.query(
      `CREATE INDEX tips_verify_by_idx ON tips (verify_by) WHERE status = 'PUBLISHED'`,
    );
    await db.query(`
      CREATE TABLE tip_tags (
        tip_id uuid NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
        tag_id uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        PRIMARY KEY (tip_id, tag_id)
      )`);
    await db.query(`CREATE INDEX tip_tags_tag_idx ON tip_tags (tag_id)`);
    await db.query(`
      CREATE TABLE tip_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        tip_id uuid NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
        number integer NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        tags text[] NOT NULL,
        language text NOT NULL,
        changed text[] NOT NULL,
        editor_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT tip_revisions_number_key UNIQUE (tip_id, number)
      )`);
    await db.query(`
      CREATE TABLE tip_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        tip_id uuid NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id),
        kind text NOT NULL CHECK (kind IN ('USED_ON_CALL', 'HELPFUL_ADDED', 'HELPFUL_REMOVED', 'FLAGGED', 'VERIFIED')),
        -- false for an author's own tip: such events never count towards recognition
        counts boolean NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(
      `CREATE INDEX tip_events_used_idx ON tip_events (tip_id, user_id, created_at) WHERE kind = 'USED_ON_CALL'`,
    );
    await db.query(`
      CREATE TABLE tip_helpful_votes (
        tip_id uuid NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (tip_id, user_id)
      )`);
    await db.query(`
      CREATE TABLE tip_flags (
        tip_id uuid NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (tip_id, user_id)
      )`);
    await db.query(`
      CREATE TABLE bookmarks (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        tip_id uuid NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (user_id, tip_id)
      )`);
    await db.query(
      `CREATE INDEX bookmarks_user_created_idx ON bookmarks (user_id, created_at DESC)`,
    );
    await db.query(`
      CREATE TABLE user_expertise (
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        tag_id uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        granted_by uuid REFERENCES users (id),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (user_id, tag_id)
      )`);
    await db.query(`
      CREATE TABLE expertise_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        tag text NOT NULL,
        action text NOT NULL CHECK (action IN ('GRANTED', 'REVOKED')),
        actor_id uuid REFERENCES users (id),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);

    // The search index (the PostgreSQL engine), fed from the outbox.
    await db.query(`
      CREATE TABLE search_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL,
        doc_type text NOT NULL,
        doc_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`
      CREATE TABLE search_documents (
        organization_id uuid NOT NULL,
        doc_type text NOT NULL,
        doc_id uuid NOT NULL,
        language text NOT NULL,
        status text NOT NULL,
        tags text[] NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        tsv tsvector NOT NULL,
        reuse integer NOT NULL DEFAULT 0,
        fresh_at timestamptz(3) NOT NULL,
        PRIMARY KEY (organization_id, doc_type, doc_id)
      )`);
    await db.query(`CREATE INDEX search_documents_tsv_idx ON search_documents USING gin (tsv)`);
    await db.query(`
      CREATE TABLE search_terms (
        organization_id uuid NOT NULL,
        term text NOT NULL,
        PRIMARY KEY (organization_id, term)
      )`);
    await db.query(
      `CREATE INDEX search_terms_trgm_idx ON search_terms USING gist (term gist_trgm_ops)`,
    );
    await db.query(`
      CREATE TABLE search_synonyms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        terms text[] NOT NULL CHECK (cardinality(terms) BETWEEN 2 AND 20),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX search_synonyms_terms_idx ON search_synonyms USING gin (terms)`);
    await db.query(`
      CREATE TABLE search_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        typing_session text,
        query text NOT NULL,
        normalized text NOT NULL,
        result_count integer NOT NULL,
        took_ms real NOT NULL,
        clicked boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(
      `CREATE INDEX search_log_organization_created_idx ON search_log (organization_id, created_at)`,
    );
    await db.query(`
      CREATE TABLE search_clicks (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        search_id uuid NOT NULL REFERENCES search_log (id) ON DELETE CASCADE,
        doc_type text NOT NULL,
        doc_id uuid NOT NULL,
        position integer,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP TABLE search_clicks, search_log, search_synonyms, search_terms, search_documents, search_outbox`,
    );
    await db.query(
      `DROP TABLE expertise_audit, user_expertise, bookmarks, tip_flags, tip_helpful_votes, tip_events`,
    );
    await db.query(`DROP TABLE tip_revisions, tip_tags, tips, tags`);
    await db.query(
      `ALTER TABLE organizations DROP COLUMN tip_verify_days, DROP COLUMN search_log_retention_days, DROP COLUMN languages`,
    );
  }
}
