import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recognition's points: an append-only ledger fed by the domain events (each entry once,
 * by its idempotency key; a taken-back vote or acceptance is a reversal entry), the
 * organization's rules where they differ from the defaults, balances per user, tag and
 * period derived from the ledger, and the organization's time zone that periods follow.
 */
export class RecognitionLedger1765400000000 implements MigrationInterface {
  name = 'RecognitionLedger1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE organizations ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC'`);
    await db.query(`
      CREATE TABLE recognition_rules (
        organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
        rules jsonb NOT NULL,
        updated_by uuid,
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (organization_id, updated_by) REFERENCES users (organization_id, id)
      )`);
    await db.query(`
      CREATE TABLE points_ledger (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        amount integer NOT NULL,
        reason text NOT NULL,
        event_id bigint,
        subject_id uuid,
        tags text[] NOT NULL DEFAULT '{}',
        idempotency_key text NOT NULL,
        reverses bigint REFERENCES points_ledger (id),
        day date NOT NULL,
        week text NOT NULL,
        month text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT points_ledger_key UNIQUE (organization_id, idempotency_key),
        FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await db.query(
      `CREATE INDEX points_ledger_user_idx ON points_ledger (organization_id, user_id, created_at, id)`,
    );
    await db.query(
      `CREATE INDEX points_ledger_day_idx ON points_ledger (organization_id, user_id, day)`,
    );
    // period: 'all', 'W2026-48' (ISO week) or 'M2026-11'; tag '' is every tag together
    await db.query(`
      CREATE TABLE points_balances (
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        period text NOT NULL,
        tag text NOT NULL,
        points integer NOT NULL,
        PRIMARY KEY (organization_id, period, tag, user_id),
        FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await db.query(
      `CREATE INDEX points_balances_rank_idx ON points_balances (organization_id, period, tag, points DESC)`,
    );
    // one row per badge, tier and tag (or '') a user reached; never revoked
    await db.query(`
      CREATE TABLE user_badges (
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        badge text NOT NULL,
        tier text NOT NULL CHECK (tier IN ('BRONZE', 'SILVER', 'GOLD')),
        tag text NOT NULL DEFAULT '',
        evidence text NOT NULL,
        awarded_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (organization_id, user_id, badge, tier, tag),
        FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE
      )`);
    await db.query(
      `CREATE INDEX user_badges_badge_idx ON user_badges (organization_id, badge, tier, awarded_at)`,
    );
    await db.query(`
      CREATE TABLE kudos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        from_user_id uuid NOT NULL,
        to_user_id uuid NOT NULL,
        message text NOT NULL CHECK (length(message) BETWEEN 1 AND 500),
        tip_id uuid,
        answer_id uuid,
        by_lead boolean NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (organization_id, from_user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organization_id, to_user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organization_id, tip_id) REFERENCES tips (organization_id, id),
        FOREIGN KEY (organization_id, answer_id) REFERENCES answers (organization_id, id)
      )`);
    await db.query(`CREATE INDEX kudos_to_idx ON kudos (organization_id, to_user_id, created_at)`);
    await db.query(
      `CREATE INDEX kudos_from_idx ON kudos (organization_id, from_user_id, created_at)`,
    );
    // the mentor role: a capability beside the user's role, per tag, with a capacity
    await db.query(`
      CREATE TABLE mentor_roles (
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        tags text[] NOT NULL,
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 20),
        reason text NOT NULL,
        granted_by uuid NOT NULL,
        granted_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (organization_id, user_id),
        FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organization_id, granted_by) REFERENCES users (organization_id, id)
      )`);
    await db.query(`
      CREATE TABLE mentor_role_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        action text NOT NULL CHECK (action IN ('GRANTED', 'REVOKED')),
        tags text[] NOT NULL,
        capacity integer,
        reason text NOT NULL,
        actor_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organization_id, actor_id) REFERENCES users (organization_id, id)
      )`);
    await db.query(`
      CREATE TABLE mentorships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        mentor_id uuid NOT NULL,
        mentee_id uuid NOT NULL CHECK (mentee_id <> mentor_id),
        tags text[] NOT NULL,
        paired_by uuid NOT NULL,
        started_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        ended_at timestamptz(3),
        ended_by uuid,
        FOREIGN KEY (organization_id, mentor_id) REFERENCES users (organization_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organization_id, mentee_id) REFERENCES users (organization_id, id) ON DELETE CASCADE,
        FOREIGN KEY (organization_id, paired_by) REFERENCES users (organization_id, id),
        FOREIGN KEY (organization_id, ended_by) REFERENCES users (organization_id, id)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX mentorships_active_key ON mentorships (organization_id, mentor_id, mentee_id) WHERE ended_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX mentorships_mentee_idx ON mentorships (organization_id, mentee_id) WHERE ended_at IS NULL`,
    );
    await db.query(`
      INSERT INTO event_consumers (name, transaction_id, event_id) VALUES ('recognition', '0', 0)
      ON CONFLICT DO NOTHING`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM event_consumers WHERE name = 'recognition'`);
    await db.query(
      `DROP TABLE mentorships, mentor_role_audit, mentor_roles, kudos, user_badges, points_balances, points_ledger, recognition_rules`,
    );
    await db.query(`ALTER TABLE organizations DROP COLUMN time_zone`);
  }
}
