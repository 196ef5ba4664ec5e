import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import { returnedRows } from '../../database/returned-rows.js';

export enum MentorshipRequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}

export interface MentorshipRequest {
  id: string;
  organizationId: string;
  menteeId: string;
  mentorId: string;
  tags: string[];
  message: string;
  status: MentorshipRequestStatus;
  createdAt: Date;
  decidedAt: Date | null;
  mentorshipId: string | null;
}

const REQUEST = `id, organization_id AS "organizationId", mentee_id AS "menteeId",
  mentor_id AS "mentorId", tags, message, status, created_at AS "createdAt",
  decided_at AS "decidedAt", mentorship_id AS "mentorshipId"`;

/** A mentee's request to a mentor, until the mentor accepts or declines it (or it is withdrawn). */
@Injectable()
export class MentorshipRequestsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** The new request; null when one from this mentee to this mentor is pending already. */
  async add(
    request: Pick<
      MentorshipRequest,
      'organizationId' | 'menteeId' | 'mentorId' | 'tags' | 'message'
    >,
  ): Promise<MentorshipRequest | null> {
    const rows = await this.tx.manager.query(
      `INSERT INTO mentorship_requests (organization_id, mentee_id, mentor_id, tags, message)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id, mentee_id, mentor_id) WHERE status = 'PENDING' DO NOTHING
       RETURNING ${REQUEST}`,
      [request.organizationId, request.menteeId, request.mentorId, request.tags, request.message],
    );
    return rows[0] ?? null;
  }

  /** Holds the mentee's pending requests until the transaction ends, and counts them. */
  async lockPendingOf(organizationId: string, menteeId: string): Promise<number> {
    await this.tx.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `mentorship-requests:${organizationId}:${menteeId}`,
    ]);
    const [row] = await this.tx.manager.query(
      `SELECT count(*)::int AS n FROM mentorship_requests
       WHERE organization_id = $1 AND mentee_id = $2 AND status = 'PENDING'`,
      [organizationId, menteeId],
    );
    return row.n;
  }

  /** Decides a pending request; null when it was decided already. */
  async decide(
    organizationId: string,
    id: string,
    status: Exclude<MentorshipRequestStatus, MentorshipRequestStatus.PENDING>,
    mentorshipId: string | null,
  ): Promise<MentorshipRequest | null> {
    const rows = await this.tx.manager.query(
      `UPDATE mentorship_requests SET status = $3, decided_at = clock_timestamp(), mentorship_id = $4
       WHERE organization_id = $1 AND id = $2 AND status = 'PENDING' RETURNING ${REQUEST}`,
      [organizationId, id, status, mentorshipId],
    );
    return returnedRows<MentorshipRequest>(rows)[0] ?? null;
  }

  async findById(organizationId: string, id: string): Promise<MentorshipRequest | undefined> {
    const rows: MentorshipRequest[] = await this.tx.manager.query(
      `SELECT ${REQUEST} FROM mentorship_requests WHERE organization_id = $1 AND id = $2`,
      [organizationId, id],
    );
    return rows[0];
  }

  /** Pending requests to or from a user, oldest first. */
  pendingOf(organizationId: string, userId: string): Promise<MentorshipRequest[]> {
    return this.tx.manager.query(
      `SELECT ${REQUEST} FROM mentorship_requests
       WHERE organization_id = $1 AND status = 'PENDING' AND (mentor_id = $2 OR mentee_id = $2)
       ORDER BY created_at, id`,
      [organizationId, userId],
    );
  }
}
