import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Context, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { RequestContext } from '../../common/context/request-context.js';
import { idOfType } from '../../common/graphql/global-id.js';
import { UserErrorCode, userError } from '../../common/graphql/user-error.js';
import { User } from '../users/user.types.js';
import { ExpertiseService } from './expertise.service.js';
import { ExpertiseInput, ExpertisePayload } from './expertise.types.js';

@Resolver(() => User)
export class ExpertiseResolver {
  constructor(private readonly expertiseService: ExpertiseService) {}

  @ResolveField(() => [String], { description: 'Tags the user is an expert in.' })
  async expertise(@Parent() user: User, @Context() context: RequestContext): Promise<string[]> {
    const { organizationId } = user;
    const tags = await context
      .loader('expertiseOfUser', async (ids) => {
        const byUser = await this.expertiseService.tagsOf(organizationId, ids);
        return ids.map((id) => byUser.get(id) ?? []);
      })
      .load(user.userId);
    return tags ?? [];
  }

  @Allow(Permission.EXPERTISE_GRANT)
  @Mutation(() => ExpertisePayload, {
    description:
      "Leads (for their team's members) and admins: make a user an expert in a tag (audited).",
  })
  grantExpertise(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ExpertiseInput,
  ): Promise<ExpertisePayload> {
    return this.change(caller, input, true);
  }

  @Allow(Permission.EXPERTISE_GRANT)
  @Mutation(() => ExpertisePayload, {
    description:
      "Leads (for their team's members) and admins: take a tag off a user’s expertise (audited).",
  })
  revokeExpertise(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ExpertiseInput,
  ): Promise<ExpertisePayload> {
    return this.change(caller, input, false);
  }

  private async change(
    caller: Caller,
    input: ExpertiseInput,
    grant: boolean,
  ): Promise<ExpertisePayload> {
    const userId = idOfType(input.userId, 'User');
    if (!userId)
      return {
        userErrors: [userError(UserErrorCode.NOT_FOUND, 'No user with that id.', 'userId')],
      };
    const outcome = await this.expertiseService.change(
      caller,
      caller.organizationId,
      userId,
      input.tag,
      grant,
    );
    return { expertise: outcome.value, userErrors: outcome.userErrors };
  }
}
