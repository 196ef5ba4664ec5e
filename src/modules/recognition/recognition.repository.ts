import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import { DEFAULT_RULES, PointsReason, RecognitionRules, UNCAPPED } from './points-rules.js';

export interface LedgerEntry {
  id: string;
  organizationId: string;
  userId: string;
  amount: number;
  reason: PointsReason;
  eventId: string | null;
  subjectId: string | null;
  tags: string[];
  idempotencyKey: string;
  reverses: string | null;
  day: string;
  week: string;
  month: string;
  createdAt: Date;
}

export type NewLedgerEntry = Omit<LedgerEntry, 'id' | 'createdAt'>;

export interface CandidateEvidence {
  userId: string;
  points: number;
  reusedByOthers: number;
  acceptedAnswers: number;
  helpfulVotes: number;
  liveCallsInTime: number;
  lastEvidenceAt: Date;
}

export interface UserBadgeRow {
  organizationId: string;
  userId: string;
  badge: string;
  tier: string;
  /** '' for a badge not per tag */
  tag: string;
  evidence: string;
  awardedAt: Date;
}

export type NewBadge = Omit<UserBadgeRow, 'awardedAt'>;

const BADGE = `organization_id AS "organizationId", user_id AS "userId", badge, tier, tag, evidence,
  awarded_at AS "awardedAt"`;

const ENTRY = `id::text, organization_id AS "organizationId", user_id AS "userId", amount, reason,
  event_id::text AS "eventId", subject_id AS "subjectId", tags, idempotency_key AS "idempotencyKey",
  reverses::text, to_char(day, 'YYYY-MM-DD') AS day, week, month, created_at AS "createdAt"`;

/** The points ledger (append-only), its balances, and each organization's rules. */
@Injectable()
export class RecognitionRepository {
  constructor(private readonly tx: TransactionHost) {}

  async rules(organizationId: string): Promise<RecognitionRules> {
    const [row] = await this.tx.manager.query(
      `SELECT rules FROM recognition_rules WHERE organization_id = $1`,
      [organizationId],
    );
    return { ...DEFAULT_RULES, ...(row?.rules ?? {}) };
  }

  async saveRules(organizationId: string, rules: RecognitionRules, by: string): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO recognition_rules (organization_id, rules, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (organization_id) DO UPDATE SET rules = excluded.rules,
         updated_by = excluded.updated_by, updated_at = clock_timestamp()`,
      [organizationId, JSON.stringify(rules), by],
    );
  }

  /** Adds the entry unless its key was used; returns it when added, and its balances follow. */
  async add(entry: NewLedgerEntry): Promise<LedgerEntry | null> {
    const [added] = await this.tx.manager.query(
      `INSERT INTO points_ledger (organization_id, user_id, amount, reason, event_id, subject_id,
         tags, idempotency_key, reverses, day, week, month)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (organization_id, idempotency_key) DO NOTHING
       RETURNING ${ENTRY}`,
      [
        entry.organizationId,
        entry.userId,
        entry.amount,
        entry.reason,
        entry.eventId,
        entry.subjectId,
        entry.tags,
        entry.idempotencyKey,
        entry.reverses,
        entry.day,
        entry.week,
        entry.month,
      ],
    );
    if (added) await this.addToBalances(added);
    return added ?? null;
  }

  /** Adds an entry to its user's balances: all time, its week and month; in total and per tag. */
  async addToBalances(entry: LedgerEntry): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO points_balances (organization_id, user_id, period, tag, points)
       SELECT $1, $2, period, tag, $3
       FROM unnest(ARRAY['all', $4, $5]) AS period, unnest(array_prepend('', $6::text[])) AS tag
       ON CONFLICT (organization_id, period, tag, user_id)
       DO UPDATE SET points = points_balances.points + excluded.points`,
      [entry.organizationId, entry.userId, entry.amount, entry.week, entry.month, entry.tags],
    );
  }

  /**
   * Recomputes an organization's balances from its ledger, holding the recognition
   * consumer's lock so that no credit lands halfway (call inside a transaction).
   */
  async rebuildBalances(organizationId: string): Promise<void> {
    await this.tx.manager.query(
      `SELECT pg_advisory_xact_lock(hashtext('floorwalker.consumer'), hashtext('recognition'))`,
    );
    await this.tx.manager.query(`DELETE FROM points_balances WHERE organization_id = $1`, [
      organizationId,
    ]);
    await this.tx.manager.query(
      `INSERT INTO points_balances (organization_id, user_id, period, tag, points)
       SELECT l.organization_id, l.user_id, p.period, t.tag, sum(l.amount)::int
       FROM points_ledger l
         CROSS JOIN LATERAL unnest(ARRAY['all', l.week, l.month]) AS p(period)
         CROSS JOIN LATERAL unnest(array_prepend('', l.tags)) AS t(tag)
       WHERE l.organization_id = $1
       GROUP BY l.organization_id, l.user_id, p.period, t.tag`,
      [organizationId],
    );
  }

  /** What the user earned on a day, in credits the daily cap limits. */
  async cappedOn(organizationId: string, userId: string, day: string): Promise<number> {
    const [row] = await this.tx.manager.query(
      `SELECT COALESCE(sum(amount), 0)::int AS total FROM points_ledger
       WHERE organization_id = $1 AND user_id = $2 AND day = $3 AND amount > 0
         AND NOT (reason = ANY($4::text[]))`,
      [organizationId, userId, day, [...UNCAPPED]],
    );
    return row.total;
  }

  /**
   * The newest credit, from an event before `beforeEventId`, whose key starts with
   * `prefix` and that nothing has reversed yet.
   */
  async latestUnreversed(
    organizationId: string,
    prefix: string,
    beforeEventId: string,
  ): Promise<LedgerEntry | null> {
    const [row] = await this.tx.manager.query(
      `SELECT ${ENTRY} FROM points_ledger l
       WHERE organization_id = $1 AND starts_with(idempotency_key, $2) AND reverses IS NULL
         AND event_id < $3
         AND NOT EXISTS (SELECT 1 FROM points_ledger r
                         WHERE r.organization_id = l.organization_id AND r.reverses = l.id)
       ORDER BY id DESC LIMIT 1`,
      [organizationId, prefix, beforeEventId],
    );
    return row ?? null;
  }

  /** How many of the user's entries of a reason stand (not reversed), in one tag or all. */
  async evidence(
    organizationId: string,
    userId: string,
    reason: PointsReason,
    tag: string | null,
  ): Promise<number> {
    const [row] = await this.tx.manager.query(
      `SELECT count(*)::int AS n FROM points_ledger l
       WHERE l.organization_id = $1 AND l.user_id = $2 AND l.reason = $3
         AND ($4::text IS NULL OR $4 = ANY(l.tags))
         AND NOT EXISTS (SELECT 1 FROM points_ledger r
                         WHERE r.organization_id = l.organization_id AND r.reverses = l.id)`,
      [organizationId, userId, reason, tag],
    );
    return row.n;
  }

  /**
   * Per user and tag: all-time points and standing accepted answers, for users in
   * `userIds` (or everyone) and tags in `tags` (or every tag).
   */
  earnedByTag(
    organizationId: string,
    userIds: readonly string[] | null,
    tags: string[] | null,
  ): Promise<{ userId: string; tag: string; points: number; accepted: number }[]> {
    return this.tx.manager.query(
      `SELECT b.user_id AS "userId", b.tag, b.points,
         (SELECT count(*)::int FROM points_ledger l
          WHERE l.organization_id = b.organization_id AND l.user_id = b.user_id
            AND l.reason = 'ANSWER_ACCEPTED' AND b.tag = ANY(l.tags)
            AND NOT EXISTS (SELECT 1 FROM points_ledger r
                            WHERE r.organization_id = l.organization_id AND r.reverses = l.id)) AS accepted
       FROM points_balances b
       WHERE b.organization_id = $1 AND b.period = 'all' AND b.tag <> ''
         AND ($2::uuid[] IS NULL OR b.user_id = ANY($2::uuid[]))
         AND ($3::text[] IS NULL OR b.tag = ANY($3::text[]))
       ORDER BY b.points DESC, b.tag`,
      [organizationId, userIds ? [...userIds] : null, tags],
    );
  }

  /**
   * The evidence of each user with points (in a tag, or all), most points first: what a
   * lead weighs when choosing mentors. Only `members` when given.
   */
  candidates(
    organizationId: string,
    tag: string | null,
    members: string[] | null,
    offset: number,
    limit: number,
  ): Promise<CandidateEvidence[]> {
    return this.tx.manager.query(
      `SELECT user_id AS "userId", sum(amount)::int AS points,
         count(*) FILTER (WHERE reason = 'TIP_REUSED')::int AS "reusedByOthers",
         (count(*) FILTER (WHERE reason = 'ANSWER_ACCEPTED')
           - count(*) FILTER (WHERE reason = 'ACCEPTANCE_MOVED'))::int AS "acceptedAnswers",
         (count(*) FILTER (WHERE reason = 'HELPFUL_VOTE')
           - count(*) FILTER (WHERE reason = 'HELPFUL_VOTE_TAKEN_BACK'))::int AS "helpfulVotes",
         count(*) FILTER (WHERE reason = 'LIVE_CALL_ANSWERED')::int AS "liveCallsInTime",
         max(created_at) AS "lastEvidenceAt"
       FROM points_ledger
       WHERE organization_id = $1 AND ($2::text IS NULL OR $2 = ANY(tags))
         AND ($3::uuid[] IS NULL OR user_id = ANY($3::uuid[]))
       GROUP BY user_id HAVING sum(amount) > 0
       ORDER BY points DESC, user_id OFFSET $4 LIMIT $5`,
      [organizationId, tag, members, offset, limit],
    );
  }

  /** Awards a badge tier unless the user holds it; true when awarded now. */
  async award(badge: NewBadge): Promise<boolean> {
    const rows = await this.tx.manager.query(
      `INSERT INTO user_badges (organization_id, user_id, badge, tier, tag, evidence)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING badge`,
      [badge.organizationId, badge.userId, badge.badge, badge.tier, badge.tag, badge.evidence],
    );
    return rows.length > 0;
  }

  /** Badges of users, oldest first. */
  async badgesOf(organizationId: string, userIds: readonly string[]): Promise<UserBadgeRow[]> {
    return this.tx.manager.query(
      `SELECT ${BADGE} FROM user_badges
       WHERE organization_id = $1 AND user_id = ANY($2::uuid[]) ORDER BY awarded_at, badge, tier`,
      [organizationId, [...userIds]],
    );
  }

  /** Who holds a badge, first awarded first. */
  holders(organizationId: string, badge: string, limit: number): Promise<UserBadgeRow[]> {
    return this.tx.manager.query(
      `SELECT ${BADGE} FROM user_badges WHERE organization_id = $1 AND badge = $2
       ORDER BY awarded_at, user_id LIMIT $3`,
      [organizationId, badge, limit],
    );
  }

  /** Points per user in a period ('all', a week or a month key). */
  async points(
    organizationId: string,
    userIds: readonly string[],
    period: string,
  ): Promise<Map<string, number>> {
    const rows: { user_id: string; points: number }[] = await this.tx.manager.query(
      `SELECT user_id, points FROM points_balances
       WHERE organization_id = $1 AND period = $2 AND tag = '' AND user_id = ANY($3::uuid[])`,
      [organizationId, period, [...userIds]],
    );
    return new Map(rows.map((row) => [row.user_id, row.points]));
  }

  /** A user's entries, newest first. */
  history(
    organizationId: string,
    userId: string,
    offset: number,
    limit: number,
  ): Promise<LedgerEntry[]> {
    return this.tx.manager.query(
      `SELECT ${ENTRY} FROM points_ledger WHERE organization_id = $1 AND user_id = $2
       ORDER BY created_at DESC, id DESC OFFSET $3 LIMIT $4`,
      [organizationId, userId, offset, limit],
    );
  }

  /**
   * Users with points above 0 in a period (and tag), most first; ties by display name, then
   * id. Only `members` when given (a team).
   */
  leaderboard(
    organizationId: string,
    period: string,
    tag: string,
    members: string[] | null,
    offset: number,
    limit: number,
  ): Promise<{ userId: string; points: number }[]> {
    return this.tx.manager.query(
      `SELECT b.user_id AS "userId", b.points FROM points_balances b
         JOIN users u ON u.organization_id = b.organization_id AND u.id = b.user_id
       WHERE b.organization_id = $1 AND b.period = $2 AND b.tag = $3 AND b.points > 0
         AND ($4::uuid[] IS NULL OR b.user_id = ANY($4::uuid[]))
       ORDER BY b.points DESC, u.display_name, u.id OFFSET $5 LIMIT $6`,
      [organizationId, period, tag, members, offset, limit],
    );
  }
}
