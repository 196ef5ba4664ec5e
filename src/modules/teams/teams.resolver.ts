import { OnModuleInit } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import {
  Connection,
  ConnectionArgs,
  checkPageArgs,
  toConnection,
} from '../../common/graphql/connection.js';
import { NodeRegistry } from '../../common/graphql/node-registry.js';
import { CreateTeamInput, CreateTeamPayload, Team, TeamConnection } from './team.types.js';
import { TeamsService } from './teams.service.js';

@Resolver(() => Team)
export class TeamsResolver implements OnModuleInit {
  constructor(
    private readonly teamsService: TeamsService,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register('Team', async (caller, id) => {
      const team = await this.teamsService.findById(caller.organizationId, id);
      return team && Team.from(team);
    });
  }

  @Allow(Permission.TEAM_READ)
  @Query(() => TeamConnection, { description: "The organization's teams, oldest first." })
  async teams(
    @CurrentCaller() caller: Caller,
    @Args() args: ConnectionArgs,
  ): Promise<Connection<Team>> {
    return toConnection(
      await this.teamsService.list(caller.organizationId, checkPageArgs(args)),
      Team.from,
    );
  }

  @Allow(Permission.TEAM_CREATE)
  @Mutation(() => CreateTeamPayload)
  async createTeam(
    @CurrentCaller() caller: Caller,
    @Args('input') input: CreateTeamInput,
  ): Promise<CreateTeamPayload> {
    const outcome = await this.teamsService.create(caller.organizationId, input.name);
    return { team: outcome.value && Team.from(outcome.value), userErrors: outcome.userErrors };
  }
}
