import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Page, PageArgs, paginate } from '../../database/keyset.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { TeamEntity } from './team.entity.js';

/** Teams, always within one organization. */
@Injectable()
export class TeamsRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get repo() {
    return this.tx.repository(TeamEntity);
  }

  findById(organizationId: string, id: string): Promise<TeamEntity | null> {
    return this.repo.findOneBy({ organizationId, id });
  }

  findByIds(organizationId: string, ids: readonly string[]): Promise<TeamEntity[]> {
    return this.repo.findBy({ organizationId, id: In([...ids]) });
  }

  findByName(organizationId: string, name: string): Promise<TeamEntity | null> {
    return this.repo
      .createQueryBuilder('team')
      .where('team.organizationId = :organizationId AND lower(team.name) = lower(:name)', {
        organizationId,
        name,
      })
      .getOne();
  }

  list(organizationId: string, page: PageArgs): Promise<Page<TeamEntity>> {
    const query = this.repo
      .createQueryBuilder('team')
      .where('team.organizationId = :organizationId', { organizationId });
    return paginate(query, 'team', page);
  }

  create(organizationId: string, name: string): Promise<TeamEntity> {
    return this.repo.save(this.repo.create({ organizationId, name }));
  }
}
