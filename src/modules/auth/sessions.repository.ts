import { Injectable } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { TransactionHost } from '../../database/transaction-host.js';
import { SessionEntity } from './session.entity.js';

/** Sign-in sessions: one per issued token, so that a token can be revoked. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get repo() {
    return this.tx.repository(SessionEntity);
  }

  create(
    session: Pick<SessionEntity, 'organizationId' | 'userId' | 'address' | 'expiresAt'>,
  ): Promise<SessionEntity> {
    return this.repo.save(this.repo.create(session));
  }

  findById(organizationId: string, id: string): Promise<SessionEntity | null> {
    return this.repo.findOneBy({ organizationId, id });
  }

  async revoke(organizationId: string, id: string): Promise<void> {
    await this.repo.update({ organizationId, id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllOfUser(organizationId: string, userId: string, exceptId?: string): Promise<void> {
    await this.repo.update(
      { organizationId, userId, revokedAt: IsNull(), ...(exceptId ? { id: Not(exceptId) } : {}) },
      { revokedAt: new Date() },
    );
  }
}
