import {
  Args,
  ArgsType,
  Field,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { Allow, Context, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { RequestContext } from '../../common/context/request-context.js';
import { Connection, MAX_PAGE_SIZE, byPosition, pageOf } from '../../common/graphql/connection.js';
import { badInput, notFound } from '../../common/graphql/errors.js';
import { idOfType } from '../../common/graphql/global-id.js';
import { normalizeTag } from '../tags/tag-name.js';
import { User } from '../users/user.types.js';
import { loadUser } from '../users/user-loader.js';
import { UsersService } from '../users/users.service.js';
import { RecognitionPeriod, RecognitionService } from './recognition.service.js';
import {
  BadgeType,
  EarnedExpertise,
  LeaderboardArgs,
  LeaderboardConnection,
  LeaderboardEntry,
  MentorCandidate,
  MentorCandidateConnection,
  MentorCandidatesArgs,
  PointsEntry,
  PointsEntryConnection,
  RecognitionRulesPayload,
  RecognitionRulesType,
  UpdateRecognitionRulesInput,
  UserBadge,
} from './recognition.types.js';
import { BADGES } from './badges.js';
import type { UserBadgeRow } from './recognition.repository.js';

@ArgsType()
class HistoryArgs {
  @Field(() => Int, { defaultValue: 20, description: `From 1 to ${MAX_PAGE_SIZE}.` })
  first: number = 20;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

/** A team (by global id) and a tag to narrow a ranking to. */
function scopeOf(args: { teamId?: string | null; tag?: string | null }): {
  teamId?: string;
  tag?: string;
} {
  const teamId = args.teamId ? idOfType(args.teamId, 'Team') : undefined;
  if (teamId === null) throw notFound('team');
  return { teamId, tag: args.tag ? normalizeTag(args.tag) : undefined };
}

/** The users of ranked rows, as GraphQL objects by id, read in one query. */
async function usersOf(
  users: UsersService,
  caller: Caller,
  rows: { userId: string }[],
): Promise<Map<string, User>> {
  const found = await users.findByIds(
    caller.organizationId,
    rows.map((row) => row.userId),
  );
  return new Map(found.map((user) => [user.id, User.from(user)]));
}

@Resolver()
export class RecognitionResolver {
  constructor(
    private readonly recognition: RecognitionService,
    private readonly users: UsersService,
  ) {}

  @Allow(Permission.RECOGNITION_READ)
  @Query(() => PointsEntryConnection, {
    description: 'Your points ledger, newest first: every credit and reversal with its reason.',
  })
  async myPointsHistory(
    @CurrentCaller() caller: Caller,
    @Args() args: HistoryArgs,
  ): Promise<Connection<PointsEntry>> {
    const { offset, first } = pageOf(args);
    const rows = await this.recognition.history(caller, offset, first + 1);
    return byPosition(rows.map(PointsEntry.from), offset, first);
  }

  @Allow(Permission.RECOGNITION_VIEW)
  @Query(() => RecognitionRulesType, { description: 'The points rules in force.' })
  recognitionRules(@CurrentCaller() caller: Caller): Promise<RecognitionRulesType> {
    return this.recognition.rules(caller.organizationId);
  }

  @Allow(Permission.RECOGNITION_MANAGE)
  @Mutation(() => RecognitionRulesPayload, {
    description: 'Admins: points per kind of evidence and the daily cap; new events earn by them.',
  })
  async updateRecognitionRules(
    @CurrentCaller() caller: Caller,
    @Args('input') input: UpdateRecognitionRulesInput,
  ): Promise<RecognitionRulesPayload> {
    return { rules: await this.recognition.updateRules(caller, input as never), userErrors: [] };
  }

  @Allow(Permission.RECOGNITION_VIEW)
  @Query(() => LeaderboardConnection, {
    description:
      'Points from evidence of reuse, most first (users above 0 only; ties by display name, then id).',
  })
  async leaderboard(
    @CurrentCaller() caller: Caller,
    @Args() args: LeaderboardArgs,
  ): Promise<Connection<LeaderboardEntry>> {
    const { offset, first } = pageOf(args);
    const rows = await this.recognition.leaderboard(
      caller,
      args.period,
      scopeOf(args),
      offset,
      first + 1,
    );
    const users = await usersOf(this.users, caller, rows);
    return byPosition(
      rows.map((row) => ({ user: users.get(row.userId)!, points: row.points })),
      offset,
      first,
    );
  }
}

@Resolver(() => MentorCandidate)
export class MentorCandidatesResolver {
  constructor(
    private readonly recognition: RecognitionService,
    private readonly users: UsersService,
  ) {}

  @Allow(Permission.MENTOR_GRANT)
  @Query(() => MentorCandidateConnection, {
    description:
      'Leads (their team) and admins: people ranked by the evidence that others use their knowledge, to choose mentors.',
  })
  async mentorCandidates(
    @CurrentCaller() caller: Caller,
    @Args() args: MentorCandidatesArgs,
  ): Promise<Connection<MentorCandidate>> {
    const { offset, first } = pageOf(args);
    const rows = await this.recognition.mentorCandidates(caller, scopeOf(args), offset, first + 1);
    const users = await usersOf(this.users, caller, rows);
    return byPosition(
      rows.map((row) => ({
        ...row,
        user: users.get(row.userId)!,
        helpfulRatio: row.helpfulVotes / Math.max(1, row.reusedByOthers),
      })),
      offset,
      first,
    );
  }
}

@Resolver(() => BadgeType)
export class BadgesResolver {
  constructor(private readonly recognition: RecognitionService) {}

  @Allow(Permission.RECOGNITION_VIEW)
  @Query(() => [BadgeType], { description: 'Every badge, what earns it, and who holds it.' })
  badgeCatalog(): BadgeType[] {
    return BADGES.map(BadgeType.from);
  }

  @ResolveField(() => [UserBadge], { description: 'Who holds it, first awarded first.' })
  async holders(
    @Parent() badge: BadgeType,
    @CurrentCaller() caller: Caller,
    @Args('first', { type: () => Int, defaultValue: 20, description: 'From 1 to 100.' })
    first: number,
  ): Promise<UserBadge[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
      throw badInput(`"first" must be from 1 to ${MAX_PAGE_SIZE}; got ${first}.`);
    return (await this.recognition.holders(caller.organizationId, badge.key, first)).map(
      UserBadge.from,
    );
  }
}

@Resolver(() => UserBadge)
export class UserBadgeResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User, { nullable: true })
  async user(@Parent() badge: UserBadge, @Context() context: RequestContext): Promise<User | null> {
    return loadUser(this.users, context, badge.organizationId, badge.userId);
  }
}

@Resolver(() => User)
export class UserPointsResolver {
  constructor(private readonly recognition: RecognitionService) {}

  @ResolveField(() => [EarnedExpertise], {
    description:
      'Expertise earned from evidence (points and accepted answers in a tag): questions are routed by it too. Editing and verifying others’ tips stays with granted `expertise`.',
  })
  async earnedExpertise(
    @Parent() user: User,
    @Context() context: RequestContext,
  ): Promise<EarnedExpertise[]> {
    const earned = await context
      .loader<EarnedExpertise[]>('earnedExpertise', async (ids) => {
        const byUser = await this.recognition.earnedExpertise(user.organizationId, ids);
        return ids.map((id) => byUser.get(id) ?? []);
      })
      .load(user.userId);
    return earned ?? [];
  }

  @ResolveField(() => [UserBadge], {
    description: 'Badges reached, one per tier (and tag), oldest first; visible to everyone.',
  })
  async badges(@Parent() user: User, @Context() context: RequestContext): Promise<UserBadge[]> {
    const badges = await context
      .loader<UserBadgeRow[]>('userBadges', async (ids) => {
        const rows = await this.recognition.badgesOf(user.organizationId, ids);
        return ids.map((id) => rows.filter((row) => row.userId === id));
      })
      .load(user.userId);
    return (badges ?? []).map(UserBadge.from);
  }

  @ResolveField(() => Int, {
    nullable: true,
    description:
      'Points from evidence of reuse in a period: for the user, their leads and admins (null for others).',
  })
  async points(
    @Parent() user: User,
    @CurrentCaller() caller: Caller,
    @Context() context: RequestContext,
    @Args('period', { type: () => RecognitionPeriod, defaultValue: RecognitionPeriod.ALL_TIME })
    period: RecognitionPeriod,
  ): Promise<number | null> {
    return context
      .loader<number>(`userPoints:${period}`, async (ids) => {
        const byId = await this.recognition.points(caller, ids, period);
        return ids.map((id) => byId.get(id) ?? null);
      })
      .load(user.userId);
  }
}
