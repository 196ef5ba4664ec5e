import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';

export interface MentorRole {
  organizationId: string;
  userId: string;
  tags: string[];
  capacity: number;
  reason: string;
  grantedBy: string;
  grantedAt: Date;
}

const ROLE = `organization_id AS "organizationId", user_id AS "userId", tags, capacity, reason,
  granted_by AS "grantedBy", granted_at AS "grantedAt"`;

/** The mentor role (a capability beside the user's role) and its audit trail. */
@Injectable()
export class MentorRolesRepository {
  constructor(private readonly tx: TransactionHost) {}

  async grant(role: Omit<MentorRole, 'grantedAt'>): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO mentor_roles (organization_id, user_id, tags, capacity, reason, granted_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organization_id, user_id) DO UPDATE SET tags = excluded.tags,
         capacity = excluded.capacity, reason = excluded.reason, granted_by = excluded.granted_by,
         granted_at = clock_timestamp()`,
      [role.organizationId, role.userId, role.tags, role.capacity, role.reason, role.grantedBy],
    );
  }

  /** Removes the role; false when the user had none. */
  async revoke(organizationId: string, userId: string): Promise<boolean> {
    const rows = await this.tx.manager.query(
      `DELETE FROM mentor_roles WHERE organization_id = $1 AND user_id = $2 RETURNING user_id`,
      [organizationId, userId],
    );
    return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
  }

  async audit(entry: {
    organizationId: string;
    userId: string;
    action: 'GRANTED' | 'REVOKED';
    tags: string[];
    capacity: number | null;
    reason: string;
    actorId: string;
  }): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO mentor_role_audit (organization_id, user_id, action, tags, capacity, reason, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.organizationId,
        entry.userId,
        entry.action,
        entry.tags,
        entry.capacity,
        entry.reason,
        entry.actorId,
      ],
    );
  }

  /** Mentors in any of `tags`; every mentor when no tag is given. */
  inTags(organizationId: string, tags: string[]): Promise<MentorRole[]> {
    return this.tx.manager.query(
      `SELECT ${ROLE} FROM mentor_roles
       WHERE organization_id = $1 AND (cardinality($2::text[]) = 0 OR tags && $2::text[])`,
      [organizationId, tags],
    );
  }

  rolesOf(organizationId: string, userIds: readonly string[]): Promise<MentorRole[]> {
    return this.tx.manager.query(
      `SELECT ${ROLE} FROM mentor_roles WHERE organization_id = $1 AND user_id = ANY($2::uuid[])`,
      [organizationId, [...userIds]],
    );
  }
}

export interface Mentorship {
  id: string;
  organizationId: string;
  mentorId: string;
  menteeId: string;
  tags: string[];
  pairedBy: string;
  startedAt: Date;
  endedAt: Date | null;
}

const MENTORSHIP = `id, organization_id AS "organizationId", mentor_id AS "mentorId",
  mentee_id AS "menteeId", tags, paired_by AS "pairedBy", started_at AS "startedAt",
  ended_at AS "endedAt"`;

/** Mentor and mentee pairs, in tags; an ended one is kept with its end. */
@Injectable()
export class MentorshipsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Starts the pair, holding the mentor's row so that two pairings at once respect capacity. */
  async start(pair: Omit<Mentorship, 'id' | 'startedAt' | 'endedAt'>): Promise<Mentorship | null> {
    const rows = await this.tx.manager.query(
      `INSERT INTO mentorships (organization_id, mentor_id, mentee_id, tags, paired_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id, mentor_id, mentee_id) WHERE ended_at IS NULL DO NOTHING
       RETURNING ${MENTORSHIP}`,
      [pair.organizationId, pair.mentorId, pair.menteeId, pair.tags, pair.pairedBy],
    );
    return rows[0] ?? null;
  }

  /** Locks the mentor's role row until the transaction ends: pairings with them take turns. */
  async lockMentor(organizationId: string, mentorId: string): Promise<void> {
    await this.tx.manager.query(
      `SELECT 1 FROM mentor_roles WHERE organization_id = $1 AND user_id = $2 FOR UPDATE`,
      [organizationId, mentorId],
    );
  }

  async activeCount(organizationId: string, mentorId: string): Promise<number> {
    return (await this.activeCounts(organizationId, [mentorId])).get(mentorId) ?? 0;
  }

  /** Active mentees per mentor (mentors without any are left out). */
  async activeCounts(
    organizationId: string,
    mentorIds: readonly string[],
  ): Promise<Map<string, number>> {
    const rows: { mentorId: string; n: number }[] = await this.tx.manager.query(
      `SELECT mentor_id AS "mentorId", count(*)::int AS n FROM mentorships
       WHERE organization_id = $1 AND mentor_id = ANY($2::uuid[]) AND ended_at IS NULL
       GROUP BY mentor_id`,
      [organizationId, [...mentorIds]],
    );
    return new Map(rows.map((row) => [row.mentorId, row.n]));
  }

  async end(organizationId: string, id: string, by: string): Promise<Mentorship | null> {
    const rows = await this.tx.manager.query(
      `UPDATE mentorships SET ended_at = clock_timestamp(), ended_by = $3
       WHERE organization_id = $1 AND id = $2 AND ended_at IS NULL RETURNING ${MENTORSHIP}`,
      [organizationId, id, by],
    );
    const returned = Array.isArray(rows[0]) ? rows[0] : rows;
    return returned[0] ?? null;
  }

  findById(organizationId: string, id: string): Promise<Mentorship | undefined> {
    return this.tx.manager
      .query(`SELECT ${MENTORSHIP} FROM mentorships WHERE organization_id = $1 AND id = $2`, [
        organizationId,
        id,
      ])
      .then((rows: Mentorship[]) => rows[0]);
  }

  /** Active pairs where these users are mentors (or mentees). */
  active(
    organizationId: string,
    side: 'mentor' | 'mentee',
    userIds: readonly string[],
  ): Promise<Mentorship[]> {
    return this.tx.manager.query(
      `SELECT ${MENTORSHIP} FROM mentorships
       WHERE organization_id = $1 AND ${side}_id = ANY($2::uuid[]) AND ended_at IS NULL
       ORDER BY started_at`,
      [organizationId, [...userIds]],
    );
  }
}
