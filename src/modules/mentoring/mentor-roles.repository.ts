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

  rolesOf(organizationId: string, userIds: readonly string[]): Promise<MentorRole[]> {
    return this.tx.manager.query(
      `SELECT ${ROLE} FROM mentor_roles WHERE organization_id = $1 AND user_id = ANY($2::uuid[])`,
      [organizationId, [...userIds]],
    );
  }
}
