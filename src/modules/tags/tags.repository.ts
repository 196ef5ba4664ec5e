import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionHost } from '../../database/transaction-host.js';
import { TagEntity } from './tag.entity.js';

@Injectable()
export class TagsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** The organization's tags of these names, created on first use. */
  async ensure(organizationId: string, names: string[]): Promise<TagEntity[]> {
    if (names.length === 0) return [];
    await this.tx.manager.query(
      `INSERT INTO tags (organization_id, name) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [organizationId, names],
    );
    return this.findByNames(organizationId, names);
  }

  async namesOf(organizationId: string): Promise<string[]> {
    const rows = (await this.tx.manager.query(
      `SELECT name FROM tags WHERE organization_id = $1 ORDER BY name`,
      [organizationId],
    )) as { name: string }[];
    return rows.map(({ name }) => name);
  }

  findByNames(organizationId: string, names: string[]): Promise<TagEntity[]> {
    return this.tx.repository(TagEntity).findBy({ organizationId, name: In(names) });
  }
}
