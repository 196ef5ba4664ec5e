import { MigrationInterface, QueryRunner } from 'typeorm';

/** A composite reference that keeps a child row inside its organization. */
const ref = (column: string, parent: string, onDelete = 'NO ACTION') =>
  `FOREIGN KEY (organization_id, ${column}) REFERENCES ${parent} (organization_id, id) ON DELETE ${onDelete}`;

/**
 * Expert questions and the live machinery under them: the domain-event log with its
 * consumers' positions, timed jobs, questions with their offers, answers, votes, the
 * notifications inbox, tag watches, and integration tokens for the phone system.
 * Tip activity (used, helpful, flagged, verified) moves from `tip_events` to the log.
 */
export class ExpertQuestions1765300000000 implements MigrationInterface {
  name = 'ExpertQuestions1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE organizations
        ADD COLUMN live_call_deadline_seconds integer NOT NULL DEFAULT 120,
        ADD COLUMN normal_deadline_seconds integer NOT NULL DEFAULT 14400,
        ADD COLUMN live_call_widen_seconds integer NOT NULL DEFAULT 30,
        ADD COLUMN normal_widen_seconds integer NOT NULL DEFAULT 900,
        ADD COLUMN max_open_questions_per_expert integer NOT NULL DEFAULT 2`);
    await db.query(`ALTER TABLE users ADD COLUMN reads_languages text[] NOT NULL DEFAULT '{}'`);

    // The position of an event is (transaction_id, id): a consumer reads only events of
    // transactions older than every one still running, so a late commit is never skipped.
    await db.query(`
      CREATE TABLE domain_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        type text NOT NULL,
        actor_id uuid,
        subject_id uuid NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        ${ref('actor_id', 'users')}
      )`);
    await db.query(`CREATE INDEX domain_events_position_idx ON domain_events (transaction_id, id)`);
    await db.query(
      `CREATE INDEX domain_events_organization_time_idx ON domain_events (organization_id, occurred_at)`,
    );
    await db.query(
      `CREATE INDEX domain_events_subject_idx ON domain_events (organization_id, subject_id, occurred_at)`,
    );
    await db.query(`
      CREATE TABLE event_consumers (
        name text PRIMARY KEY,
        transaction_id xid8 NOT NULL,
        event_id bigint NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`
      INSERT INTO domain_events (organization_id, type, actor_id, subject_id, data, occurred_at)
      SELECT organization_id,
             CASE kind WHEN 'USED_ON_CALL' THEN 'tip.used'
                       WHEN 'HELPFUL_ADDED' THEN 'tip.helpfulAdded'
                       WHEN 'HELPFUL_REMOVED' THEN 'tip.helpfulRemoved'
                       WHEN 'FLAGGED' THEN 'tip.flagged'
                       ELSE 'tip.verified' END,
             user_id, tip_id, jsonb_build_object('counts', counts), created_at
      FROM tip_events ORDER BY id`);
    await db.query(`DROP TABLE tip_events`);
    // Consumers start after what happened before they existed.
    await db.query(`
      INSERT INTO event_consumers (name, transaction_id, event_id)
      SELECT name, pg_current_xact_id(), COALESCE((SELECT max(id) FROM domain_events), 0)
      FROM unnest(ARRAY['inbox', 'live']) AS name`);

    await db.query(`
      CREATE TABLE jobs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        kind text NOT NULL,
        key text NOT NULL,
        run_at timestamptz(3) NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        CONSTRAINT jobs_kind_key_key UNIQUE (kind, key)
      )`);
    await db.query(`CREATE INDEX jobs_run_at_idx ON jobs (run_at)`);

    await db.query(`
      CREATE TABLE questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        asker_id uuid NOT NULL,
        team_id uuid,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) <= 20000),
        steps_tried text NOT NULL CHECK (length(steps_tried) <= 2000),
        language text NOT NULL,
        urgency text NOT NULL CHECK (urgency IN ('LIVE_CALL', 'NORMAL')),
        status text NOT NULL CHECK (status IN ('OPEN', 'CLAIMED', 'ANSWERED', 'ESCALATED', 'CLOSED')),
        deadline timestamptz(3) NOT NULL,
        round integer NOT NULL DEFAULT 0,
        uncovered_tags text[] NOT NULL DEFAULT '{}',
        claimed_by uuid,
        claimed_at timestamptz(3),
        first_answer_at timestamptz(3),
        accepted_answer_id uuid,
        answer_count integer NOT NULL DEFAULT 0,
        from_search_id uuid,
        tip_id uuid,
        escalated_at timestamptz(3),
        closed_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT questions_organization_id_id_key UNIQUE (organization_id, id),
        ${ref('asker_id', 'users')},
        ${ref('claimed_by', 'users')},
        ${ref('team_id', 'teams')},
        ${ref('tip_id', 'tips')}
      )`);
    await db.query(
      `CREATE INDEX questions_organization_created_idx ON questions (organization_id, created_at, id)`,
    );
    await db.query(
      `CREATE INDEX questions_asker_idx ON questions (organization_id, asker_id, created_at)`,
    );
    await db.query(
      `CREATE INDEX questions_claimed_idx ON questions (organization_id, claimed_by) WHERE status IN ('CLAIMED', 'ESCALATED')`,
    );
    // a tip promoted from a question's accepted answer points back at the question
    await db.query(`ALTER TABLE tips ADD COLUMN question_id uuid`);
    await db.query(
      `ALTER TABLE tips ADD CONSTRAINT tips_question_fkey ${ref('question_id', 'questions')}`,
    );
    await db.query(`
      CREATE TABLE question_tags (
        organization_id uuid NOT NULL,
        question_id uuid NOT NULL,
        tag_id uuid NOT NULL,
        PRIMARY KEY (question_id, tag_id),
        ${ref('question_id', 'questions', 'CASCADE')},
        ${ref('tag_id', 'tags', 'CASCADE')}
      )`);
    await db.query(`CREATE INDEX question_tags_tag_idx ON question_tags (tag_id)`);
    await db.query(`
      CREATE TABLE question_offers (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL,
        question_id uuid NOT NULL,
        expert_id uuid NOT NULL,
        round integer NOT NULL,
        to_lead boolean NOT NULL DEFAULT false,
        offered_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        seen_at timestamptz(3),
        claimed_at timestamptz(3),
        declined_at timestamptz(3),
        decline_reason text,
        withdrawn_at timestamptz(3),
        CONSTRAINT question_offers_once_key UNIQUE (question_id, expert_id),
        ${ref('question_id', 'questions', 'CASCADE')},
        ${ref('expert_id', 'users', 'CASCADE')}
      )`);
    await db.query(
      `CREATE INDEX question_offers_expert_idx ON question_offers (organization_id, expert_id, offered_at)`,
    );
    await db.query(`
      CREATE TABLE answers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        question_id uuid NOT NULL,
        author_id uuid NOT NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
        revision integer NOT NULL DEFAULT 1,
        score integer NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT answers_organization_id_id_key UNIQUE (organization_id, id),
        ${ref('question_id', 'questions', 'CASCADE')},
        ${ref('author_id', 'users')}
      )`);
    await db.query(`CREATE INDEX answers_question_idx ON answers (question_id, created_at, id)`);
    // routing ranks experts by their answers accepted lately
    await db.query(
      `CREATE INDEX answers_author_idx ON answers (organization_id, author_id, created_at)`,
    );
    await db.query(
      `ALTER TABLE questions ADD CONSTRAINT questions_accepted_answer_fkey ${ref('accepted_answer_id', 'answers')}`,
    );
    await db.query(`
      CREATE TABLE answer_revisions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL,
        answer_id uuid NOT NULL,
        number integer NOT NULL,
        body text NOT NULL,
        editor_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT answer_revisions_number_key UNIQUE (answer_id, number),
        ${ref('answer_id', 'answers', 'CASCADE')},
        ${ref('editor_id', 'users')}
      )`);
    await db.query(`
      CREATE TABLE answer_votes (
        organization_id uuid NOT NULL,
        answer_id uuid NOT NULL,
        user_id uuid NOT NULL,
        value smallint NOT NULL CHECK (value IN (-1, 1)),
        PRIMARY KEY (answer_id, user_id),
        ${ref('answer_id', 'answers', 'CASCADE')},
        ${ref('user_id', 'users', 'CASCADE')}
      )`);

    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        kind text NOT NULL,
        message text NOT NULL,
        subject_id uuid,
        event_id bigint,
        read_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT notifications_event_key UNIQUE (user_id, event_id, kind),
        ${ref('user_id', 'users', 'CASCADE')}
      )`);
    await db.query(
      `CREATE INDEX notifications_user_idx ON notifications (organization_id, user_id, created_at, id)`,
    );
    await db.query(
      `CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`,
    );
    await db.query(`
      CREATE TABLE tag_watches (
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        tag_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (user_id, tag_id),
        ${ref('user_id', 'users', 'CASCADE')},
        ${ref('tag_id', 'tags', 'CASCADE')}
      )`);
    await db.query(`CREATE INDEX tag_watches_tag_idx ON tag_watches (organization_id, tag_id)`);

    await db.query(`
      CREATE TABLE integration_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        secret_hash text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        last_used_at timestamptz(3),
        revoked_at timestamptz(3),
        ${ref('created_by', 'users')}
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tip_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL,
        tip_id uuid NOT NULL,
        user_id uuid NOT NULL,
        kind text NOT NULL,
        counts boolean NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        ${ref('tip_id', 'tips', 'CASCADE')},
        ${ref('user_id', 'users')}
      )`);
    await db.query(
      `CREATE INDEX tip_events_used_by_idx ON tip_events (organization_id, tip_id, user_id, created_at) WHERE kind = 'USED_ON_CALL'`,
    );
    await db.query(`
      INSERT INTO tip_events (organization_id, tip_id, user_id, kind, counts, created_at)
      SELECT organization_id, subject_id, actor_id,
             CASE type WHEN 'tip.used' THEN 'USED_ON_CALL'
                       WHEN 'tip.helpfulAdded' THEN 'HELPFUL_ADDED'
                       WHEN 'tip.helpfulRemoved' THEN 'HELPFUL_REMOVED'
                       WHEN 'tip.flagged' THEN 'FLAGGED'
                       ELSE 'VERIFIED' END,
             COALESCE((data->>'counts')::boolean, false), occurred_at
      FROM domain_events
      WHERE type IN ('tip.used', 'tip.helpfulAdded', 'tip.helpfulRemoved', 'tip.flagged', 'tip.verified')
      ORDER BY id`);
    await db.query(`ALTER TABLE questions DROP CONSTRAINT questions_accepted_answer_fkey`);
    await db.query(`ALTER TABLE tips DROP COLUMN question_id`);
    await db.query(`
      DROP TABLE integration_tokens, tag_watches, notifications, answer_votes,
        answer_revisions, answers, question_offers, question_tags, questions, jobs,
        event_consumers, domain_events`);
    await db.query(`ALTER TABLE users DROP COLUMN reads_languages`);
    await db.query(`
      ALTER TABLE organizations
        DROP COLUMN live_call_deadline_seconds, DROP COLUMN normal_deadline_seconds,
        DROP COLUMN live_call_widen_seconds, DROP COLUMN normal_widen_seconds,
        DROP COLUMN max_open_questions_per_expert`);
  }
}
