import { Args, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Context, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { RequestContext } from '../../common/context/request-context.js';
import { badInput, notFound } from '../../common/graphql/errors.js';
import { NodeType, idOfType, requiredIdOf } from '../../common/graphql/global-id.js';
import { User } from '../users/user.types.js';
import { loadUser } from '../users/user-loader.js';
import { UsersService } from '../users/users.service.js';
import { KudosService } from './kudos.service.js';
import { GiveKudosInput, KudosPayload, KudosType } from './recognition.types.js';

/** The database id of an optional global id of `type`; a wrong one is missing. */
function optionalId(globalId: string | null | undefined, type: NodeType): string | null {
  return globalId ? requiredIdOf(globalId, type) : null;
}

@Resolver(() => KudosType)
export class KudosResolver {
  constructor(
    private readonly kudos: KudosService,
    private readonly users: UsersService,
  ) {}

  @Allow(Permission.KUDOS_GIVE)
  @Mutation(() => KudosPayload, {
    description:
      'Thank a colleague, for a tip or an answer or in general. Leads: any time, worth points. Peers: 3 a day, no points.',
  })
  async giveKudos(
    @CurrentCaller() caller: Caller,
    @Args('input') input: GiveKudosInput,
  ): Promise<KudosPayload> {
    if (input.tipId && input.answerId)
      throw badInput('Kudos are for a tip or an answer, not both.');
    const userId = idOfType(input.userId, 'User');
    if (!userId) throw notFound('user');
    const outcome = await this.kudos.give(caller, {
      userId,
      tipId: optionalId(input.tipId, 'Tip'),
      answerId: optionalId(input.answerId, 'Answer'),
      message: input.message,
    });
    return {
      kudos: outcome.value && KudosType.from(outcome.value),
      userErrors: outcome.userErrors,
    };
  }

  @ResolveField(() => User, { nullable: true })
  from(@Parent() kudos: KudosType, @Context() context: RequestContext): Promise<User | null> {
    return this.user(kudos.organizationId, kudos.fromUserId, context);
  }

  @ResolveField(() => User, { nullable: true })
  to(@Parent() kudos: KudosType, @Context() context: RequestContext): Promise<User | null> {
    return this.user(kudos.organizationId, kudos.toUserId, context);
  }

  private async user(organizationId: string, id: string, context: RequestContext) {
    return loadUser(this.users, context, organizationId, id);
  }
}

@Resolver(() => User)
export class UserKudosResolver {
  constructor(private readonly kudos: KudosService) {}

  @ResolveField(() => [KudosType], {
    description: 'Kudos received, newest first (visible to everyone).',
  })
  async kudosReceived(
    @Parent() user: User,
    @Args('first', { type: () => Int, defaultValue: 10, description: 'From 1 to 50.' })
    first: number,
  ): Promise<KudosType[]> {
    if (!Number.isInteger(first) || first < 1 || first > 50)
      throw badInput('"first" must be from 1 to 50.');
    return (await this.kudos.received(user.organizationId, [user.userId], first)).map(
      KudosType.from,
    );
  }
}
