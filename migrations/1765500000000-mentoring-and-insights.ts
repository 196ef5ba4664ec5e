import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Remote coaching: mentees ask a mentor for mentoring and the mentor accepts, everyone may
 * keep a weekly shift schedule in their time zone (so pairings overlap in time), mentors and
 * leads record coaching sessions; the indexes the team insights read by team member, and one
 * that keeps counting badge evidence fast on a large ledger.
 */
export class MentoringAndInsights1765500000000 implements MigrationInterface {
  name = 'MentoringAndInsights1765500000000';

  async up(db: QueryRunner): Promise<void> {
    const user = (column: string, onDelete = '') =>
      `FOREIGN KEY (organization_id, ${column}) REFERENCES users (organization_id, id) ${onDelete}`;
    await db.query(`
      CREATE TABLE mentorship_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        mentee_id uuid NOT NULL,
        mentor_id uuid NOT NULL CHECK (mentor_id <> mentee_id),
        tags text[] NOT NULL,
        message text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING'
          CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        decided_at timestamptz(3),
        mentorship_id uuid REFERENCES mentorships (id) ON DELETE SET NULL,
        ${user('mentee_id', 'ON DELETE CASCADE')},
        ${user('mentor_id', 'ON DELETE CASCADE')}
      )`);
    await db.query(
      `CREATE UNIQUE INDEX mentorship_requests_pending_key ON mentorship_requests (organization_id, mentee_id, mentor_id) WHERE status = 'PENDING'`,
    );
    await db.query(
      `CREATE INDEX mentorship_requests_mentor_idx ON mentorship_requests (organization_id, mentor_id, created_at) WHERE status = 'PENDING'`,
    );
    await db.query(`
      CREATE TABLE shift_schedules (
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        time_zone text NOT NULL,
        shifts jsonb NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (organization_id, user_id),
        ${user('user_id', 'ON DELETE CASCADE')}
      )`);
    await db.query(`
      CREATE TABLE coaching_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        mentee_id uuid NOT NULL,
        coach_id uuid NOT NULL CHECK (coach_id <> mentee_id),
        held_at timestamptz(3) NOT NULL,
        notes text NOT NULL CHECK (length(notes) BETWEEN 1 AND 5000),
        tip_ids uuid[] NOT NULL DEFAULT '{}',
        question_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        ${user('mentee_id', 'ON DELETE CASCADE')},
        ${user('coach_id', 'ON DELETE CASCADE')}
      )`);
    await db.query(
      `CREATE INDEX coaching_sessions_mentee_idx ON coaching_sessions (organization_id, mentee_id, held_at DESC, id DESC)`,
    );
    // team insights read by the team's members
    await db.query(
      `CREATE INDEX search_log_user_idx ON search_log (organization_id, user_id, created_at)`,
    );
    await db.query(
      `CREATE INDEX domain_events_tip_used_idx ON domain_events (organization_id, actor_id, occurred_at) WHERE type = 'tip.used'`,
    );
    await db.query(
      `CREATE INDEX questions_team_idx ON questions (organization_id, team_id, created_at)`,
    );
    await db.query(`CREATE INDEX tips_author_idx ON tips (organization_id, author_id)`);
    // "not reversed" is asked of every entry a badge or an expertise level counts
    await db.query(
      `CREATE INDEX points_ledger_reverses_idx ON points_ledger (reverses) WHERE reverses IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP INDEX points_ledger_reverses_idx, tips_author_idx, questions_team_idx, domain_events_tip_used_idx, search_log_user_idx`,
    );
    await db.query(`DROP TABLE coaching_sessions, shift_schedules, mentorship_requests`);
  }
}
