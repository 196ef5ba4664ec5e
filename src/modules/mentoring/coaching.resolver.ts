import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Int } from '@nestjs/graphql';
import { Allow, Context, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { RequestContext, byKeys } from '../../common/context/request-context.js';
import { Connection, ConnectionArgs, byPosition, pageOf } from '../../common/graphql/connection.js';
import { badInput, notFound } from '../../common/graphql/errors.js';
import { UUID, requiredIdOf } from '../../common/graphql/global-id.js';
import { normalizeTag } from '../tags/tag-name.js';
import type { QuestionEntity } from '../questions/question.entities.js';
import { Question } from '../questions/question.types.js';
import { QuestionsService } from '../questions/questions.service.js';
import type { TipEntity } from '../tips/tip.entities.js';
import { Tip } from '../tips/tip.types.js';
import { TipsService } from '../tips/tips.service.js';
import { User, UserPayload } from '../users/user.types.js';
import { loadUser } from '../users/user-loader.js';
import { UsersService } from '../users/users.service.js';
import { CoachingService } from './coaching.service.js';
import {
  CoachingSessionConnection,
  CoachingSessionPayload,
  CoachingSessionType,
  MentorSuggestionType,
  MentorshipRequestIdInput,
  MentorshipRequestPayload,
  MentorshipRequestType,
  RecordCoachingSessionInput,
  RequestMentorInput,
  RespondToMentorshipRequestInput,
  SetShiftScheduleInput,
  ShiftScheduleType,
} from './coaching.types.js';
import { MentoringService } from './mentoring.service.js';
import { MentorshipType } from './mentoring.types.js';
import { MentorshipRequestsService } from './mentorship-requests.service.js';
import type { ShiftSchedule } from './shifts.js';

const tagsOf = (tags: string[]) => [...new Set(tags.map(normalizeTag))];

function requestId(id: string): string {
  if (!UUID.test(id)) throw notFound('mentorship request');
  return id;
}

@Resolver(() => User)
export class CoachingResolver {
  constructor(
    private readonly coaching: CoachingService,
    private readonly requests: MentorshipRequestsService,
  ) {}

  @Allow(Permission.USER_UPDATE_PROFILE)
  @Mutation(() => UserPayload, {
    description:
      "Your weekly shifts on your own clock (leads: their team's, admins: anyone's); mentor suggestions prefer shared hours.",
  })
  async setShiftSchedule(
    @CurrentCaller() caller: Caller,
    @Args('input') input: SetShiftScheduleInput,
  ): Promise<UserPayload> {
    const userId = input.userId ? requiredIdOf(input.userId, 'User') : caller.userId;
    return UserPayload.from(
      await this.coaching.setSchedule(caller, userId, {
        timeZone: input.timeZone,
        shifts: input.shifts.map(({ day, start, end }) => ({ day, start, end })),
      }),
    );
  }

  @ResolveField(() => ShiftScheduleType, {
    nullable: true,
    description: 'Their weekly shifts, visible to colleagues; null when they have not set any.',
  })
  shiftSchedule(
    @Parent() user: User,
    @Context() context: RequestContext,
  ): Promise<ShiftSchedule | null> {
    return context
      .loader<ShiftSchedule>('shiftSchedule', async (ids) => {
        const schedules = await this.coaching.schedulesOf(user.organizationId, ids);
        return ids.map((id) => schedules.get(id) ?? null);
      })
      .load(user.userId);
  }

  @ResolveField(() => CoachingSessionConnection, {
    nullable: true,
    description:
      'Their coaching sessions, the latest first: for them, their mentors, their lead and admins (null for others).',
  })
  async coachingSessions(
    @Parent() user: User,
    @CurrentCaller() caller: Caller,
    @Args() args: ConnectionArgs,
  ): Promise<Connection<CoachingSessionType> | null> {
    const { offset, first } = pageOf(args);
    const rows = await this.coaching.history(
      caller,
      { id: user.userId, teamId: user.teamId, role: user.role },
      offset,
      first + 1,
    );
    return rows && byPosition(rows, offset, first);
  }

  @Allow(Permission.USER_READ)
  @Query(() => [MentorSuggestionType], {
    description:
      'Mentors with room who mentor in the tags (any tag when none given), most shared shift time first: for the mentee, their lead and admins.',
  })
  async mentorSuggestions(
    @CurrentCaller() caller: Caller,
    @Args('menteeId', { type: () => String, nullable: true, description: 'You when left out.' })
    menteeId: string | null,
    @Args('tags', { type: () => [String], defaultValue: [] }) tags: string[],
    @Args('first', { type: () => Int, defaultValue: 5, description: 'From 1 to 20.' })
    first: number,
  ): Promise<MentorSuggestionType[]> {
    if (!Number.isInteger(first) || first < 1 || first > 20)
      throw badInput('"first" must be from 1 to 20.');
    if (tags.length > 10) throw badInput('Give at most 10 tags.');
    const suggestions = await this.coaching.suggestions(
      caller,
      menteeId ? requiredIdOf(menteeId, 'User') : caller.userId,
      tagsOf(tags),
      first,
    );
    return suggestions.map((suggestion) => ({
      ...suggestion,
      sharedShiftMinutes: suggestion.overlapMinutes,
      organizationId: caller.organizationId,
    }));
  }

  @Allow(Permission.MENTORSHIP_REQUEST)
  @Mutation(() => MentorshipRequestPayload, {
    description:
      'Ask a mentor to mentor you in tags; they accept or decline. Three may wait at once.',
  })
  async requestMentor(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RequestMentorInput,
  ): Promise<MentorshipRequestPayload> {
    const outcome = await this.requests.request(
      caller,
      requiredIdOf(input.mentorId, 'User'),
      tagsOf(input.tags),
      input.message,
    );
    return { request: outcome.value ?? null, userErrors: outcome.userErrors };
  }

  @Allow(Permission.MENTORSHIP_REQUEST)
  @Mutation(() => MentorshipRequestPayload, {
    description: 'The mentor asked: accept (a mentorship starts, within your capacity) or decline.',
  })
  async respondToMentorshipRequest(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RespondToMentorshipRequestInput,
  ): Promise<MentorshipRequestPayload> {
    const outcome = await this.requests.respond(caller, requestId(input.requestId), input.accept);
    return { request: outcome.value ?? null, userErrors: outcome.userErrors };
  }

  @Allow(Permission.MENTORSHIP_REQUEST)
  @Mutation(() => MentorshipRequestPayload, { description: 'Take back your request.' })
  async withdrawMentorshipRequest(
    @CurrentCaller() caller: Caller,
    @Args('input') input: MentorshipRequestIdInput,
  ): Promise<MentorshipRequestPayload> {
    const outcome = await this.requests.withdraw(caller, requestId(input.requestId));
    return { request: outcome.value ?? null, userErrors: outcome.userErrors };
  }

  @Allow(Permission.MENTORSHIP_REQUEST)
  @Query(() => [MentorshipRequestType], {
    description: 'Requests waiting for an answer: yours to mentors, and mentees’ to you.',
  })
  mentorshipRequests(@CurrentCaller() caller: Caller): Promise<MentorshipRequestType[]> {
    return this.requests.pendingOf(caller);
  }

  @Allow(Permission.COACHING_RECORD)
  @Mutation(() => CoachingSessionPayload, {
    description:
      'Record a coaching session with a mentee: their mentor, their lead or an admin. The mentee sees it.',
  })
  async recordCoachingSession(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RecordCoachingSessionInput,
  ): Promise<CoachingSessionPayload> {
    const outcome = await this.coaching.record(caller, requiredIdOf(input.menteeId, 'User'), {
      heldAt: input.heldAt,
      notes: input.notes,
      tipIds: [...new Set(input.tipIds.map((id) => requiredIdOf(id, 'Tip')))],
      questionIds: [...new Set(input.questionIds.map((id) => requiredIdOf(id, 'Question')))],
    });
    return { session: outcome.value ?? null, userErrors: outcome.userErrors };
  }
}

@Resolver(() => MentorshipRequestType)
export class MentorshipRequestResolver {
  constructor(
    private readonly users: UsersService,
    private readonly mentoring: MentoringService,
  ) {}

  @ResolveField(() => User, { nullable: true })
  mentee(@Parent() request: MentorshipRequestType, @Context() context: RequestContext) {
    return loadUser(this.users, context, request.organizationId, request.menteeId);
  }

  @ResolveField(() => User, { nullable: true })
  mentor(@Parent() request: MentorshipRequestType, @Context() context: RequestContext) {
    return loadUser(this.users, context, request.organizationId, request.mentorId);
  }

  @ResolveField(() => MentorshipType, { nullable: true, description: 'Once accepted.' })
  async mentorship(@Parent() request: MentorshipRequestType): Promise<MentorshipType | null> {
    if (!request.mentorshipId) return null;
    return (await this.mentoring.findPair(request.organizationId, request.mentorshipId)) ?? null;
  }
}

@Resolver(() => MentorSuggestionType)
export class MentorSuggestionResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User, { nullable: true })
  mentor(@Parent() suggestion: MentorSuggestionType, @Context() context: RequestContext) {
    return loadUser(this.users, context, suggestion.organizationId, suggestion.mentorId);
  }
}

@Resolver(() => CoachingSessionType)
export class CoachingSessionResolver {
  constructor(
    private readonly users: UsersService,
    private readonly tipsService: TipsService,
    private readonly questionsService: QuestionsService,
  ) {}

  @ResolveField(() => User, { nullable: true })
  coach(@Parent() session: CoachingSessionType, @Context() context: RequestContext) {
    return loadUser(this.users, context, session.organizationId, session.coachId);
  }

  @ResolveField(() => User, { nullable: true })
  mentee(@Parent() session: CoachingSessionType, @Context() context: RequestContext) {
    return loadUser(this.users, context, session.organizationId, session.menteeId);
  }

  /** A history's follow-ups, every session's in one query. */
  @ResolveField(() => [Tip], { description: 'Follow-up tips the reader can see.' })
  async tips(
    @Parent() session: CoachingSessionType,
    @CurrentCaller() caller: Caller,
    @Context() context: RequestContext,
  ): Promise<Tip[]> {
    const byId = context.loader<TipEntity>('tipById', async (ids) =>
      byKeys(ids, await this.tipsService.findByIds(session.organizationId, ids)),
    );
    const tips = await Promise.all(session.tipIds.map((id) => byId.load(id)));
    return tips
      .filter((tip): tip is TipEntity => !!tip && this.tipsService.canSee(caller, tip))
      .map((tip) => Tip.from(tip));
  }

  @ResolveField(() => [Question], { description: 'Follow-up questions.' })
  async questions(
    @Parent() session: CoachingSessionType,
    @Context() context: RequestContext,
  ): Promise<Question[]> {
    const byId = context.loader<QuestionEntity>('questionById', async (ids) =>
      byKeys(ids, await this.questionsService.findByIds(session.organizationId, ids)),
    );
    const questions = await Promise.all(session.questionIds.map((id) => byId.load(id)));
    return questions
      .filter((question): question is QuestionEntity => !!question)
      .map((question) => Question.from(question));
  }
}
