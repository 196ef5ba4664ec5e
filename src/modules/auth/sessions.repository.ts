import { Injectable } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { CallerCache } from '../../common/auth/caller-cache.js';
import { Role } from '../../common/auth/role.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { SessionEntity } from './session.entity.js';

export interface SessionWithUser {
  sessionId: string;
  revokedAt: Date | null;
  expiresAt: Date;
  userId: string;
  organizationId: string;
  role: Role;
  teamId: string | null;
  active: boolean;
  lastActiveAt: Date | null;
}

/** Sign-in sessions: one per issued token, so that a token can be revoked. */
@Injectable()
export class SessionsRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly callers: CallerCache,
  ) {}

  private get repo() {
    return this.tx.repository(SessionEntity);
  }

  create(
    session: Pick<SessionEntity, 'organizationId' | 'userId' | 'address' | 'expiresAt'>,
  ): Promise<SessionEntity> {
    return this.repo.save(this.repo.create(session));
  }

  /** The session and what the caller's authentication needs of its user, in one read. */
  async findWithUser(
    organizationId: string,
    sessionId: string,
    userId: string,
  ): Promise<SessionWithUser | null> {
    const [row] = (await this.tx.manager.query(
      `SELECT s.id AS "sessionId", s.expires_at AS "expiresAt",
         -- a deactivation ends every session begun before it, even after a reactivation
         CASE WHEN u.deactivated_at >= s.created_at THEN coalesce(s.revoked_at, u.deactivated_at)
           ELSE s.revoked_at END AS "revokedAt",
         u.id AS "userId", u.organization_id AS "organizationId", u.role, u.team_id AS "teamId",
         u.active, u.last_active_at AS "lastActiveAt"
       FROM sessions s JOIN users u ON u.organization_id = s.organization_id AND u.id = s.user_id
       WHERE s.organization_id = $1 AND s.id = $2 AND s.user_id = $3`,
      [organizationId, sessionId, userId],
    )) as SessionWithUser[];
    return row ?? null;
  }

  async revoke(organizationId: string, id: string): Promise<void> {
    await this.repo.update({ organizationId, id, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.callers.changed({ sessionId: id });
  }

  async revokeAllOfUser(organizationId: string, userId: string, exceptId?: string): Promise<void> {
    await this.repo.update(
      { organizationId, userId, revokedAt: IsNull(), ...(exceptId ? { id: Not(exceptId) } : {}) },
      { revokedAt: new Date() },
    );
    await this.callers.changed({ userId });
  }
}
