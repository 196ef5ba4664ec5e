import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import { IntegrationTokenEntity } from './integration-token.entity.js';

@Injectable()
export class IntegrationsRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get tokens() {
    return this.tx.repository(IntegrationTokenEntity);
  }

  async create(
    token: Pick<IntegrationTokenEntity, 'organizationId' | 'name' | 'secretHash' | 'createdBy'>,
  ): Promise<IntegrationTokenEntity> {
    const saved = await this.tokens.save(this.tokens.create(token));
    return (await this.tokens.findOneBy({ id: saved.id }))!;
  }

  list(organizationId: string): Promise<IntegrationTokenEntity[]> {
    return this.tokens.find({ where: { organizationId }, order: { createdAt: 'ASC' } });
  }

  /** The token with its secret's hash, in any organization (the token names its own). */
  withSecret(id: string): Promise<IntegrationTokenEntity | null> {
    return this.tokens
      .createQueryBuilder('t')
      .addSelect('t.secretHash')
      .where('t.id = :id', { id })
      .getOne();
  }

  async revoke(organizationId: string, id: string): Promise<IntegrationTokenEntity | null> {
    await this.tx.manager.query(
      `UPDATE integration_tokens SET revoked_at = COALESCE(revoked_at, clock_timestamp())
       WHERE organization_id = $1 AND id = $2`,
      [organizationId, id],
    );
    return this.tokens.findOneBy({ organizationId, id });
  }

  /** Notes a use, at most once a minute. */
  async touch(id: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE integration_tokens SET last_used_at = clock_timestamp()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < clock_timestamp() - interval '1 minute')`,
      [id],
    );
  }
}
