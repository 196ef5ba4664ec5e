import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';

export interface CoachingSession {
  id: string;
  organizationId: string;
  menteeId: string;
  coachId: string;
  heldAt: Date;
  notes: string;
  tipIds: string[];
  questionIds: string[];
  createdAt: Date;
}

const SESSION = `id, organization_id AS "organizationId", mentee_id AS "menteeId",
  coach_id AS "coachId", held_at AS "heldAt", notes, tip_ids AS "tipIds",
  question_ids AS "questionIds", created_at AS "createdAt"`;

/** Coaching check-ins: what a mentor or lead went through with a mentee, and what to read next. */
@Injectable()
export class CoachingSessionsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async add(session: Omit<CoachingSession, 'id' | 'createdAt'>): Promise<CoachingSession> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO coaching_sessions (organization_id, mentee_id, coach_id, held_at, notes, tip_ids, question_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${SESSION}`,
      [
        session.organizationId,
        session.menteeId,
        session.coachId,
        session.heldAt,
        session.notes,
        session.tipIds,
        session.questionIds,
      ],
    );
    return row;
  }

  /** A mentee's sessions, the latest first. */
  ofMentee(
    organizationId: string,
    menteeId: string,
    offset: number,
    limit: number,
  ): Promise<CoachingSession[]> {
    return this.tx.manager.query(
      `SELECT ${SESSION} FROM coaching_sessions WHERE organization_id = $1 AND mentee_id = $2
       ORDER BY held_at DESC, id DESC OFFSET $3 LIMIT $4`,
      [organizationId, menteeId, offset, limit],
    );
  }
}
