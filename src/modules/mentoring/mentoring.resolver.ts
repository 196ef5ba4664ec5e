import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Context, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { RequestContext } from '../../common/context/request-context.js';
import { notFound } from '../../common/graphql/errors.js';
import { UUID, requiredIdOf } from '../../common/graphql/global-id.js';
import { normalizeTag } from '../tags/tag-name.js';
import { User, UserPayload } from '../users/user.types.js';
import { loadUser } from '../users/user-loader.js';
import { UsersService } from '../users/users.service.js';
import type { MentorRole, Mentorship } from './mentor-roles.repository.js';
import { MentoringService } from './mentoring.service.js';
import {
  GrantMentorRoleInput,
  MentorRolePayload,
  MentorRoleType,
  MentorshipIdInput,
  MentorshipPayload,
  MentorshipType,
  PairMentorInput,
  RevokeMentorRoleInput,
} from './mentoring.types.js';

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
      await this.mentoring.grant(caller, requiredIdOf(input.userId, 'User'), {
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
      await this.mentoring.revoke(caller, requiredIdOf(input.userId, 'User'), input.reason),
    );
  }

  @Allow(Permission.MENTOR_GRANT)
  @Mutation(() => MentorshipPayload, {
    description:
      "Leads (their team's members) and admins: pair a mentee with a mentor in tags; the mentee's questions go to the mentor first.",
  })
  async pairMentor(
    @CurrentCaller() caller: Caller,
    @Args('input') input: PairMentorInput,
  ): Promise<MentorshipPayload> {
    const outcome = await this.mentoring.pair(
      caller,
      requiredIdOf(input.menteeId, 'User'),
      requiredIdOf(input.mentorId, 'User'),
      [...new Set(input.tags.map(normalizeTag))],
    );
    return { mentorship: outcome.value ?? null, userErrors: outcome.userErrors };
  }

  @Allow(Permission.MENTORSHIP_END)
  @Mutation(() => MentorshipPayload, {
    description: 'End a mentorship: the mentor, the mentee, their lead or an admin.',
  })
  async endMentorship(
    @CurrentCaller() caller: Caller,
    @Args('input') input: MentorshipIdInput,
  ): Promise<MentorshipPayload> {
    if (!UUID.test(input.mentorshipId)) throw notFound('mentorship');
    const outcome = await this.mentoring.endPair(caller, input.mentorshipId);
    return { mentorship: outcome.value ?? null, userErrors: outcome.userErrors };
  }

  @ResolveField(() => [MentorshipType], { description: 'Their active mentorships as a mentee.' })
  mentors(@Parent() user: User): Promise<Mentorship[]> {
    return this.mentoring.activePairs(user.organizationId, 'mentee', [user.userId]);
  }

  @ResolveField(() => [MentorshipType], { description: 'Their active mentorships as a mentor.' })
  mentees(@Parent() user: User): Promise<Mentorship[]> {
    return this.mentoring.activePairs(user.organizationId, 'mentor', [user.userId]);
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

@Resolver(() => MentorshipType)
export class MentorshipResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User, { nullable: true })
  mentor(@Parent() pair: MentorshipType, @Context() context: RequestContext): Promise<User | null> {
    return this.load(pair.organizationId, pair.mentorId, context);
  }

  @ResolveField(() => User, { nullable: true })
  mentee(@Parent() pair: MentorshipType, @Context() context: RequestContext): Promise<User | null> {
    return this.load(pair.organizationId, pair.menteeId, context);
  }

  private async load(organizationId: string, id: string, context: RequestContext) {
    return loadUser(this.users, context, organizationId, id);
  }
}
