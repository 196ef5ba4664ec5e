import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';

export interface KudosRow {
  id: string;
  organizationId: string;
  fromUserId: string;
  toUserId: string;
  message: string;
  tipId: string | null;
  answerId: string | null;
  byLead: boolean;
  createdAt: Date;
}

const KUDOS = `id, organization_id AS "organizationId", from_user_id AS "fromUserId",
  to_user_id AS "toUserId", message, tip_id AS "tipId", answer_id AS "answerId",
  by_lead AS "byLead", created_at AS "createdAt"`;

@Injectable()
export class KudosRepository {
  constructor(private readonly tx: TransactionHost) {}

  async add(kudos: Omit<KudosRow, 'id' | 'createdAt'>): Promise<KudosRow> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO kudos (organization_id, from_user_id, to_user_id, message, tip_id, answer_id, by_lead)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${KUDOS}`,
      [
        kudos.organizationId,
        kudos.fromUserId,
        kudos.toUserId,
        kudos.message,
        kudos.tipId,
        kudos.answerId,
        kudos.byLead,
      ],
    );
    return row;
  }

  /** Kudos a user gave since a time (the peers' daily limit), holding off a concurrent one. */
  async givenSince(organizationId: string, fromUserId: string, since: Date): Promise<number> {
    await this.tx.manager.query(
      `SELECT pg_advisory_xact_lock(hashtext('floorwalker.kudos'), hashtext($1))`,
      [fromUserId],
    );
    const [row] = await this.tx.manager.query(
      `SELECT count(*)::int AS n FROM kudos
       WHERE organization_id = $1 AND from_user_id = $2 AND created_at >= $3`,
      [organizationId, fromUserId, since],
    );
    return row.n;
  }

  /** Kudos a user received, newest first. */
  received(organizationId: string, userIds: readonly string[], limit: number): Promise<KudosRow[]> {
    return this.tx.manager.query(
      `SELECT ${KUDOS} FROM kudos WHERE organization_id = $1 AND to_user_id = ANY($2::uuid[])
       ORDER BY created_at DESC LIMIT $3`,
      [organizationId, [...userIds], limit],
    );
  }

  findById(organizationId: string, id: string): Promise<KudosRow | undefined> {
    return this.tx.manager
      .query(`SELECT ${KUDOS} FROM kudos WHERE organization_id = $1 AND id = $2`, [
        organizationId,
        id,
      ])
      .then((rows: KudosRow[]) => rows[0]);
  }
}
