import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Permission } from '../../common/auth/policy.js';
import { Allow, CurrentCaller } from '../../common/auth/decorators.js';
import type { Caller } from '../../common/context/request-context.js';
import { fromGlobalId } from '../../common/graphql/global-id.js';
import { Node } from '../../common/graphql/node.interface.js';
import { Organization } from '../organizations/organization.types.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { Team } from '../teams/team.types.js';
import { TeamsService } from '../teams/teams.service.js';
import { Tip } from '../tips/tip.types.js';
import { TipsService } from '../tips/tips.service.js';
import { User } from '../users/user.types.js';
import { UsersService } from '../users/users.service.js';

/** `node(id)`: any object of the caller's organization; null for every other id. */
@Resolver(() => Node)
export class NodeResolver {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly teams: TeamsService,
    private readonly users: UsersService,
    private readonly tips: TipsService,
  ) {}

  @Allow(Permission.ORGANIZATION_READ)
  @Query(() => Node, { nullable: true })
  async node(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Node | null> {
    const parsed = fromGlobalId(id);
    if (!parsed) return null;
    const { organizationId } = caller;
    switch (parsed.type) {
      case 'Organization': {
        if (parsed.id !== organizationId) return null;
        const organization = await this.organizations.findById(organizationId);
        return organization && Organization.from(organization);
      }
      case 'Team': {
        const team = await this.teams.findById(organizationId, parsed.id);
        return team && Team.from(team);
      }
      case 'Tip': {
        const [tip] = await this.tips.findByIds(organizationId, [parsed.id]);
        return tip && this.tips.canSee(caller, tip) ? Tip.from(tip) : null;
      }
      case 'User': {
        const user = await this.users.findById(organizationId, parsed.id);
        return user && User.from(user);
      }
      default:
        return null;
    }
  }
}
