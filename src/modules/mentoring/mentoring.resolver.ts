import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Context, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { RequestContext } from '../../common/context/request-context.js';
import { notFound } from '../../common/graphql/errors.js';
import { idOfType } from '../../common/graphql/global-id.js';
import { normalizeTag } from '../tags/tag-name.js';
import { User, UserPayload } from '../users/user.types.js';
import type { MentorRole } from './mentor-roles.repository.js';
import { MentoringService } from './mentoring.service.js';
import {
  GrantMentorRoleInput,
  MentorRolePayload,
  MentorRoleType,
  RevokeMentorRoleInput,
} from './mentoring.types.js';

function userId(globalId: string): string {
  const id = idOfType(globalId, 'User');
  if (!id) throw notFound('user');
  return id;
}

@Resolver(() => User)
export class MentoringResolver {
  constructor(private readonly mentoring: MentoringService) {}

  @Allow(Permission.MENTOR_GRANT)
  @Mutation(() => MentorRolePayload, {
    description: "Leads (their team's members) and admins: make someone a mentor in tags.",
  })
  async grantMentorRole(
    @CurrentCaller() caller: Caller,
    @Args('input') input: GrantMentorRoleInput,
  ): Promise<MentorRolePayload> {
    return UserPayload.from(
      await this.mentoring.grant(caller, userId(input.userId), {
        tags: [...new Set(input.tags.map(normalizeTag))],
        capacity: input.capacity,
        reason: input.reason,
      }),
    );
  }

  @Allow(Permission.MENTOR_GRANT)
  @Mutation(() => MentorRolePayload, {
    description: 'Leads and admins: end someone’s mentor role.',
  })
  async revokeMentorRole(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RevokeMentorRoleInput,
  ): Promise<MentorRolePayload> {
    return UserPayload.from(
      await this.mentoring.revoke(caller, userId(input.userId), input.reason),
    );
  }

  @ResolveField(() => Boolean, { description: 'Whether they hold the mentor role.' })
  async isMentor(@Parent() user: User, @Context() context: RequestContext): Promise<boolean> {
    return (await this.roleOf(user, context)) !== null;
  }

  @ResolveField(() => MentorRoleType, { nullable: true })
  mentorRole(@Parent() user: User, @Context() context: RequestContext): Promise<MentorRole | null> {
    return this.roleOf(user, context);
  }

  private async roleOf(user: User, context: RequestContext): Promise<MentorRole | null> {
    return context
      .loader<MentorRole>('mentorRole', async (ids) => {
        const roles = await this.mentoring.rolesOf(user.organizationId, ids);
        return ids.map((id) => roles.find((role) => role.userId === id) ?? null);
      })
      .load(user.userId);
  }
}
