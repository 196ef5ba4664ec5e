import { Injectable } from '@nestjs/common';
import { Permission, allows } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { forbidden, notFound } from '../../common/graphql/errors.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { periodStart } from '../recognition/points-rules.js';
import { RecognitionPeriod } from '../recognition/recognition.service.js';
import { TeamsService } from '../teams/teams.service.js';
import { UsersService } from '../users/users.service.js';
import { InsightsRepository, TeamScope } from './insights.repository.js';

/** A team's insights: leads read their own team's, admins any team's. */
@Injectable()
export class InsightsService {
  constructor(
    private readonly insights: InsightsRepository,
    private readonly teams: TeamsService,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** The team and period the insights cover, after checking the caller may read them. */
  async scope(caller: Caller, teamId: string, period: RecognitionPeriod): Promise<TeamScope> {
    const team = await this.teams.findById(caller.organizationId, teamId);
    if (!team) throw notFound('team');
    if (!allows(caller, Permission.TEAM_INSIGHTS_READ, { teamId }))
      throw forbidden("Leads read their own team's insights; admins any team's.");
    const organization = await this.organizations.findById(caller.organizationId);
    return {
      organizationId: caller.organizationId,
      teamId,
      members: await this.users.memberIds(caller.organizationId, teamId),
      since:
        period === RecognitionPeriod.ALL_TIME
          ? null
          : periodStart(period, organization?.timeZone ?? 'UTC'),
    };
  }

  searchTotals(scope: TeamScope) {
    return this.insights.searchTotals(scope);
  }

  noResultQueries(scope: TeamScope, limit: number) {
    return this.insights.noResultQueries(scope, limit);
  }

  questionTotals(scope: TeamScope) {
    return this.insights.questionTotals(scope);
  }

  unanswered(scope: TeamScope, limit: number) {
    return this.insights.unanswered(scope, limit);
  }

  tipsDue(scope: TeamScope, limit: number) {
    return this.insights.tipsDue(scope, limit);
  }

  mostReused(scope: TeamScope, limit: number) {
    return this.insights.mostReused(scope, limit);
  }

  mentorLoad(scope: TeamScope) {
    return this.insights.mentorLoad(scope);
  }

  frequentAskersWithoutMentor(scope: TeamScope, limit: number) {
    return this.insights.frequentAskersWithoutMentor(scope, limit);
  }
}
