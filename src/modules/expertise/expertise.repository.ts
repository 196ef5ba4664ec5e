import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import { ExpertiseAuditEntity, UserExpertiseEntity } from './expertise.entities.js';

/** Who is an expert in which tag, and the audit trail of grants and revocations. */
@Injectable()
export class ExpertiseRepository {
  constructor(private readonly tx: TransactionHost) {}

  async grant(
    organizationId: string,
    userId: string,
    tagId: string,
    grantedBy: string | null,
  ): Promise<boolean> {
    const rows = await this.tx.manager.query(
      `INSERT INTO user_expertise (organization_id, user_id, tag_id, granted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [organizationId, userId, tagId, grantedBy],
    );
    return rows.length > 0;
  }

  async revoke(organizationId: string, userId: string, tagId: string): Promise<boolean> {
    const result = await this.tx
      .repository(UserExpertiseEntity)
      .delete({ organizationId, userId, tagId });
    return (result.affected ?? 0) > 0;
  }

  async audit(
    entry: Pick<ExpertiseAuditEntity, 'organizationId' | 'userId' | 'tag' | 'action' | 'actorId'>,
  ) {
    await this.tx.repository(ExpertiseAuditEntity).insert(entry);
  }

  /** Tag names each user is an expert in (tags are read, never written, here). */
  async tagsOfUsers(
    organizationId: string,
    userIds: readonly string[],
  ): Promise<Map<string, string[]>> {
    const rows: { user_id: string; name: string }[] = await this.tx.manager.query(
      `SELECT e.user_id, t.name FROM user_expertise e JOIN tags t ON t.id = e.tag_id
       WHERE e.organization_id = $1 AND e.user_id = ANY($2::uuid[]) ORDER BY t.name`,
      [organizationId, [...userIds]],
    );
    const byUser = new Map<string, string[]>(userIds.map((id) => [id, []]));
    for (const row of rows) byUser.get(row.user_id)?.push(row.name);
    return byUser;
  }

  /** Users who are experts in any of `tagNames`, with the ones they cover. */
  async expertsIn(organizationId: string, tagNames: string[]): Promise<Map<string, string[]>> {
    const rows: { user_id: string; tags: string[] }[] = await this.tx.manager.query(
      `SELECT e.user_id, array_agg(t.name ORDER BY t.name) AS tags
       FROM user_expertise e JOIN tags t ON t.id = e.tag_id
       WHERE e.organization_id = $1 AND t.organization_id = $1 AND t.name = ANY($2::text[])
       GROUP BY e.user_id`,
      [organizationId, tagNames],
    );
    return new Map(rows.map((row) => [row.user_id, row.tags]));
  }

  async isExpertInAny(
    organizationId: string,
    userId: string,
    tagNames: string[],
  ): Promise<boolean> {
    if (tagNames.length === 0) return false;
    const rows = await this.tx.manager.query(
      `SELECT 1 FROM user_expertise e JOIN tags t ON t.id = e.tag_id
       WHERE e.organization_id = $1 AND e.user_id = $2 AND t.name = ANY($3::text[]) LIMIT 1`,
      [organizationId, userId, tagNames],
    );
    return rows.length > 0;
  }
}
