import { Injectable } from '@nestjs/common';
import {
  Outcome,
  UserErrorCode,
  failure,
  success,
  userError,
} from '../../common/graphql/user-error.js';
import { Page, PageArgs } from '../../database/keyset.js';
import { TeamEntity } from './team.entity.js';
import { TeamsRepository } from './teams.repository.js';

@Injectable()
export class TeamsService {
  constructor(private readonly teams: TeamsRepository) {}

  findById(organizationId: string, id: string): Promise<TeamEntity | null> {
    return this.teams.findById(organizationId, id);
  }

  findByIds(organizationId: string, ids: readonly string[]): Promise<TeamEntity[]> {
    return this.teams.findByIds(organizationId, ids);
  }

  findByName(organizationId: string, name: string): Promise<TeamEntity | null> {
    return this.teams.findByName(organizationId, name.trim());
  }

  list(organizationId: string, page: PageArgs): Promise<Page<TeamEntity>> {
    return this.teams.list(organizationId, page);
  }

  async create(organizationId: string, name: string): Promise<Outcome<TeamEntity>> {
    if (await this.teams.findByName(organizationId, name)) {
      return failure(
        userError(UserErrorCode.TAKEN, `A team named "${name}" already exists.`, 'name'),
      );
    }
    return success(await this.teams.create(organizationId, name));
  }
}
