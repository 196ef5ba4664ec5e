import { OnModuleInit } from '@nestjs/common';
import {
  Args,
  ArgsType,
  Field,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { Allow, Context, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission, allows } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { RequestContext, byKeys } from '../../common/context/request-context.js';
import {
  Connection,
  ConnectionArgs,
  checkPageArgs,
  toConnection,
} from '../../common/graphql/connection.js';
import { notFound } from '../../common/graphql/errors.js';
import { idOfType, requiredIdOf } from '../../common/graphql/global-id.js';
import { NodeRegistry } from '../../common/graphql/node-registry.js';
import { UserErrorCode, userError } from '../../common/graphql/user-error.js';
import { Organization } from '../organizations/organization.types.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { Team } from '../teams/team.types.js';
import { TeamsService } from '../teams/teams.service.js';
import {
  CreateUserInput,
  SetPresenceInput,
  UpdateUserInput,
  User,
  UserConnection,
  UserIdInput,
  UserPayload,
} from './user.types.js';
import { UsersService } from './users.service.js';

@ArgsType()
class UsersArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'Only members of this team.' })
  teamId?: string | null;

  @Field({
    defaultValue: false,
    description: 'Include deactivated users (admins; leads for their own team).',
  })
  includeInactive: boolean = false;
}

/** A global team id from the input: the database id, null to clear, or undefined when absent or unknown. */
function teamIdOf(globalId: string | null | undefined): {
  teamId?: string | null;
  unknown: boolean;
} {
  if (globalId === undefined) return { unknown: false };
  if (globalId === null) return { teamId: null, unknown: false };
  const teamId = idOfType(globalId, 'Team');
  return teamId ? { teamId, unknown: false } : { unknown: true };
}

const unknownTeam = {
  userErrors: [userError(UserErrorCode.NOT_FOUND, 'No team with that id.', 'teamId')],
};

@Resolver(() => User)
export class UsersResolver implements OnModuleInit {
  constructor(
    private readonly usersService: UsersService,
    private readonly teams: TeamsService,
    private readonly organizations: OrganizationsService,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register('User', async (caller, id) => {
      const user = await this.usersService.findById(caller.organizationId, id);
      return user && User.from(user);
    });
  }

  @Allow(Permission.USER_READ)
  @Query(() => User, { description: 'The signed-in user.' })
  async me(@CurrentCaller() caller: Caller): Promise<User> {
    const user = await this.usersService.findById(caller.organizationId, caller.userId);
    if (!user) throw notFound('user');
    return User.from(user);
  }

  @Allow(Permission.USER_READ)
  @Query(() => UserConnection, { description: "The organization's users, oldest first." })
  async users(@CurrentCaller() caller: Caller, @Args() args: UsersArgs): Promise<Connection<User>> {
    const page = checkPageArgs(args);
    const teamId = args.teamId ? idOfType(args.teamId, 'Team') : undefined;
    if (teamId === null)
      return toConnection({ nodes: [], hasNextPage: false, hasPreviousPage: false }, User.from);
    const includeInactive =
      args.includeInactive && allows(caller, Permission.USER_READ_INACTIVE, { teamId });
    const filter = { teamId, includeInactive };
    return toConnection(
      await this.usersService.list(caller.organizationId, filter, page),
      User.from,
    );
  }

  @ResolveField(() => String, { nullable: true })
  email(@Parent() user: User, @CurrentCaller() caller: Caller): string | null {
    return allows(caller, Permission.USER_READ_EMAIL, { userId: user.userId }) ? user.email : null;
  }

  @ResolveField(() => Team, { nullable: true })
  async team(@Parent() user: User, @Context() context: RequestContext): Promise<Team | null> {
    if (!user.teamId) return null;
    const { organizationId } = user;
    const team = await context
      .loader('teamById', async (ids) =>
        byKeys(ids, await this.teams.findByIds(organizationId, ids)),
      )
      .load(user.teamId);
    return team && Team.from(team);
  }

  @ResolveField(() => Organization)
  async organization(
    @Parent() user: User,
    @Context() context: RequestContext,
  ): Promise<Organization> {
    const organization = await context
      .loader('organizationById', async (ids) =>
        Promise.all(ids.map((id) => this.organizations.findById(id))),
      )
      .load(user.organizationId);
    if (!organization) throw notFound('organization');
    return Organization.from(organization);
  }

  @Allow(Permission.USER_CREATE)
  @Mutation(() => UserPayload, { description: 'Admins add a user to the organization.' })
  async createUser(
    @CurrentCaller() caller: Caller,
    @Args('input') input: CreateUserInput,
  ): Promise<UserPayload> {
    const team = teamIdOf(input.teamId);
    if (team.unknown) return unknownTeam;
    return UserPayload.from(
      await this.usersService.create(caller.organizationId, { ...input, teamId: team.teamId }),
    );
  }

  @Allow(Permission.USER_UPDATE_PROFILE)
  @Mutation(() => UserPayload, {
    description:
      'Change a user. Admins: anything. Leads: name and locale of their team. Everyone: themselves.',
  })
  async updateUser(
    @CurrentCaller() caller: Caller,
    @Args('input') input: UpdateUserInput,
  ): Promise<UserPayload> {
    const id = requiredIdOf(input.id, 'User');
    const team = teamIdOf(input.teamId);
    if (team.unknown) return unknownTeam;
    const update = {
      displayName: input.displayName ?? undefined,
      locale: input.locale ?? undefined,
      readsLanguages: input.readsLanguages ?? undefined,
      role: input.role ?? undefined,
      teamId: team.teamId,
    };
    return UserPayload.from(await this.usersService.update(caller, id, update));
  }

  @Allow(Permission.USER_ACTIVATE)
  @Mutation(() => UserPayload, {
    description: 'Admins: the user can no longer sign in; their tokens stop working.',
  })
  deactivateUser(
    @CurrentCaller() caller: Caller,
    @Args('input') input: UserIdInput,
  ): Promise<UserPayload> {
    return this.setActive(caller, input, false);
  }

  @Allow(Permission.USER_ACTIVATE)
  @Mutation(() => UserPayload, { description: 'Admins: the user can sign in again.' })
  reactivateUser(
    @CurrentCaller() caller: Caller,
    @Args('input') input: UserIdInput,
  ): Promise<UserPayload> {
    return this.setActive(caller, input, true);
  }

  @Allow(Permission.PRESENCE_SET)
  @Mutation(() => UserPayload, {
    description:
      'Set your presence (or, for the phone system and admins, a user’s); everyone in the organization sees it, and questions are routed by it.',
  })
  async setPresence(
    @CurrentCaller() caller: Caller,
    @Args('input') input: SetPresenceInput,
  ): Promise<UserPayload> {
    const id = input.userId ? requiredIdOf(input.userId, 'User') : caller.userId;
    return UserPayload.from(await this.usersService.setPresenceOf(caller, id, input.presence));
  }

  private async setActive(
    caller: Caller,
    input: UserIdInput,
    active: boolean,
  ): Promise<UserPayload> {
    const id = requiredIdOf(input.id, 'User');
    return UserPayload.from(await this.usersService.setActive(caller, id, active));
  }
}

@ArgsType()
class MembersArgs extends ConnectionArgs {
  @Field({
    defaultValue: false,
    description: 'Include deactivated members (admins and the team lead).',
  })
  includeInactive: boolean = false;
}

@Resolver(() => Team)
export class TeamMembersResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => UserConnection)
  async members(
    @Parent() team: Team,
    @CurrentCaller() caller: Caller,
    @Args() args: MembersArgs,
  ): Promise<Connection<User>> {
    const page = checkPageArgs(args);
    const filter = {
      teamId: team.teamId,
      includeInactive:
        args.includeInactive &&
        allows(caller, Permission.USER_READ_INACTIVE, { teamId: team.teamId }),
    };
    return toConnection(await this.users.list(caller.organizationId, filter, page), User.from);
  }
}
