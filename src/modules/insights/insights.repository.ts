import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';

/** How long after a search a tip marked used counts as the search's reuse. */
export const REUSE_WINDOW_MINUTES = 15;
/** Tips whose verification falls due within this many days are listed as due. */
export const DUE_WITHIN_DAYS = 14;
/** Questions asked in the period from which an agent without a mentor is listed. */
export const ASKS_OFTEN = 3;

/** A team's activity: who searched, what they found and used, asked and got answered. */
export interface TeamScope {
  organizationId: string;
  teamId: string;
  members: string[];
  /** the period's start; null for all time */
  since: Date | null;
}

export interface SearchTotals {
  searches: number;
  withoutResults: number;
  followedByUse: number;
}

export interface QuestionTotals {
  asked: number;
  liveCall: number;
  liveCallAnsweredInTime: number;
  liveCallEscalated: number;
  medianFirstAnswerSeconds: number | null;
  medianClaimSeconds: number | null;
}

// a burst of keystrokes (one typing session) is one search, as its last query
const BURSTS = `bursts AS (
  SELECT DISTINCT ON (user_id, coalesce(typing_session, id::text))
    user_id, normalized, result_count, created_at
  FROM search_log
  WHERE organization_id = $1 AND user_id = ANY($2::uuid[])
    AND ($3::timestamptz IS NULL OR created_at >= $3)
  ORDER BY user_id, coalesce(typing_session, id::text), created_at DESC)`;

/** The queries behind a team's insights, each over the team's members and the period. */
@Injectable()
export class InsightsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async searchTotals(scope: TeamScope): Promise<SearchTotals> {
    const [row] = await this.tx.manager.query(
      `WITH ${BURSTS}
       SELECT count(*)::int AS searches,
         count(*) FILTER (WHERE result_count = 0)::int AS "withoutResults",
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM domain_events e
           WHERE e.organization_id = $1 AND e.type = 'tip.used' AND e.actor_id = b.user_id
             AND e.occurred_at >= b.created_at
             AND e.occurred_at < b.created_at + make_interval(mins => $4)))::int AS "followedByUse"
       FROM bursts b`,
      [scope.organizationId, scope.members, scope.since, REUSE_WINDOW_MINUTES],
    );
    return row;
  }

  noResultQueries(
    scope: TeamScope,
    limit: number,
  ): Promise<{ query: string; searches: number; lastSearchedAt: Date }[]> {
    return this.tx.manager.query(
      `WITH ${BURSTS}
       SELECT normalized AS query, count(*)::int AS searches, max(created_at) AS "lastSearchedAt"
       FROM bursts WHERE result_count = 0 AND normalized <> ''
       GROUP BY normalized ORDER BY searches DESC, query LIMIT $4`,
      [scope.organizationId, scope.members, scope.since, limit],
    );
  }

  /** Questions the team asked in the period (by the team they were asked from). */
  async questionTotals(scope: TeamScope): Promise<QuestionTotals> {
    const [row] = await this.tx.manager.query(
      `SELECT count(*)::int AS asked,
         count(*) FILTER (WHERE urgency = 'LIVE_CALL')::int AS "liveCall",
         count(*) FILTER (WHERE urgency = 'LIVE_CALL' AND first_answer_at <= deadline)::int
           AS "liveCallAnsweredInTime",
         count(*) FILTER (WHERE urgency = 'LIVE_CALL' AND escalated_at IS NOT NULL)::int
           AS "liveCallEscalated",
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_answer_at - created_at))
           FILTER (WHERE urgency = 'LIVE_CALL' AND first_answer_at IS NOT NULL) AS "medianFirstAnswerSeconds",
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM claimed_at - created_at))
           FILTER (WHERE urgency = 'LIVE_CALL' AND claimed_at IS NOT NULL) AS "medianClaimSeconds"
       FROM questions
       WHERE organization_id = $1 AND team_id = $2 AND ($3::timestamptz IS NULL OR created_at >= $3)`,
      [scope.organizationId, scope.teamId, scope.since],
    );
    const seconds = (value: unknown) => (value === null ? null : Number(value));
    return {
      ...row,
      medianFirstAnswerSeconds: seconds(row.medianFirstAnswerSeconds),
      medianClaimSeconds: seconds(row.medianClaimSeconds),
    };
  }

  /** The team's members' tips needing review or due for verification soon, most urgent first. */
  async tipsDue(scope: TeamScope, limit: number): Promise<{ ids: string[]; total: number }> {
    const rows: { id: string; total: number }[] = await this.tx.manager.query(
      `SELECT id, count(*) OVER ()::int AS total FROM tips
       WHERE organization_id = $1 AND author_id = ANY($2::uuid[])
         AND (status = 'NEEDS_REVIEW'
           OR (status = 'PUBLISHED' AND verify_by < now() + make_interval(days => $3)))
       ORDER BY status = 'NEEDS_REVIEW' DESC, verify_by NULLS FIRST, id LIMIT $4`,
      [scope.organizationId, scope.members, DUE_WITHIN_DAYS, limit],
    );
    return { ids: rows.map((row) => row.id), total: rows[0]?.total ?? 0 };
  }

  /** Tips the team's members marked used in the period, the most used first. */
  mostReused(
    scope: TeamScope,
    limit: number,
  ): Promise<{ tipId: string; uses: number; agents: number }[]> {
    return this.tx.manager.query(
      `SELECT e.subject_id AS "tipId", count(*)::int AS uses, count(DISTINCT e.actor_id)::int AS agents
       FROM domain_events e
       WHERE e.organization_id = $1 AND e.type = 'tip.used' AND e.actor_id = ANY($2::uuid[])
         AND ($3::timestamptz IS NULL OR e.occurred_at >= $3)
       GROUP BY e.subject_id ORDER BY uses DESC, agents DESC, e.subject_id LIMIT $4`,
      [scope.organizationId, scope.members, scope.since, limit],
    );
  }

  /** The team's questions still without an answer, whenever asked, the oldest first. */
  async unanswered(scope: TeamScope, limit: number): Promise<{ ids: string[]; total: number }> {
    const rows: { id: string; total: number }[] = await this.tx.manager.query(
      `SELECT id, count(*) OVER ()::int AS total FROM questions
       WHERE organization_id = $1 AND team_id = $2 AND answer_count = 0
         AND status IN ('OPEN', 'CLAIMED', 'ESCALATED')
       ORDER BY created_at, id LIMIT $3`,
      [scope.organizationId, scope.teamId, limit],
    );
    return { ids: rows.map((row) => row.id), total: rows[0]?.total ?? 0 };
  }

  /** The team's mentors: mentees now, capacity, requests waiting. */
  mentorLoad(
    scope: TeamScope,
  ): Promise<
    { mentorId: string; activeMentees: number; capacity: number; pendingRequests: number }[]
  > {
    return this.tx.manager.query(
      `SELECT * FROM (
         SELECT r.user_id AS "mentorId", r.capacity,
           (SELECT count(*) FROM mentorships m WHERE m.organization_id = $1
              AND m.mentor_id = r.user_id AND m.ended_at IS NULL)::int AS "activeMentees",
           (SELECT count(*) FROM mentorship_requests q WHERE q.organization_id = $1
              AND q.mentor_id = r.user_id AND q.status = 'PENDING')::int AS "pendingRequests"
         FROM mentor_roles r
         WHERE r.organization_id = $1 AND r.user_id = ANY($2::uuid[])) load
       ORDER BY "activeMentees"::float / capacity DESC, "mentorId"`,
      [scope.organizationId, scope.members],
    );
  }

  /** Active agents of the team without a mentor who asked at least ASKS_OFTEN questions in the period. */
  frequentAskersWithoutMentor(
    scope: TeamScope,
    limit: number,
  ): Promise<{ userId: string; questionsAsked: number }[]> {
    return this.tx.manager.query(
      `SELECT q.asker_id AS "userId", count(*)::int AS "questionsAsked"
       FROM questions q JOIN users u ON u.organization_id = q.organization_id AND u.id = q.asker_id
       WHERE q.organization_id = $1 AND q.asker_id = ANY($2::uuid[]) AND u.active AND u.role = 'AGENT'
         AND ($3::timestamptz IS NULL OR q.created_at >= $3)
         AND NOT EXISTS (SELECT 1 FROM mentorships m WHERE m.organization_id = $1
           AND m.mentee_id = q.asker_id AND m.ended_at IS NULL)
       GROUP BY q.asker_id HAVING count(*) >= $4
       ORDER BY "questionsAsked" DESC, q.asker_id LIMIT $5`,
      [scope.organizationId, scope.members, scope.since, ASKS_OFTEN, limit],
    );
  }
}
