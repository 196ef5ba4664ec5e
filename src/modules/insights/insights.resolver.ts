import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Context, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { RequestContext, byKeys } from '../../common/context/request-context.js';
import { badInput, notFound } from '../../common/graphql/errors.js';
import { idOfType } from '../../common/graphql/global-id.js';
import { Question } from '../questions/question.types.js';
import { QuestionsService } from '../questions/questions.service.js';
import { Tip } from '../tips/tip.types.js';
import { TipsService } from '../tips/tips.service.js';
import { loadUser } from '../users/user-loader.js';
import { UsersService } from '../users/users.service.js';
import { InsightsService } from './insights.service.js';
import {
  FrequentAsker,
  MentorLoad,
  QuestionInsights,
  ReusedTip,
  SearchInsights,
  TeamInsights,
  TeamInsightsArgs,
  TipsDue,
} from './insights.types.js';

const LISTED = 10;

@Resolver(() => TeamInsights)
export class InsightsResolver {
  constructor(
    private readonly insights: InsightsService,
    private readonly tips: TipsService,
    private readonly questions: QuestionsService,
    private readonly users: UsersService,
  ) {}

  @Allow(Permission.TEAM_INSIGHTS_READ)
  @Query(() => TeamInsights, {
    description:
      "Leads (their own team) and admins: reuse, search gaps, questions, tips due, mentors' load.",
  })
  async teamInsights(
    @CurrentCaller() caller: Caller,
    @Args() args: TeamInsightsArgs,
  ): Promise<TeamInsights> {
    const teamId = idOfType(args.teamId, 'Team');
    if (!teamId) throw notFound('team');
    const scope = await this.insights.scope(caller, teamId, args.period);
    return { period: args.period, since: scope.since, scope };
  }

  @ResolveField(() => SearchInsights)
  async searches(@Parent() parent: TeamInsights): Promise<SearchInsights> {
    const [totals, noResultQueries] = await Promise.all([
      this.insights.searchTotals(parent.scope),
      this.insights.noResultQueries(parent.scope, LISTED),
    ]);
    return {
      ...totals,
      reuseRate: totals.searches ? totals.followedByUse / totals.searches : null,
      noResultQueries,
    };
  }

  @ResolveField(() => QuestionInsights)
  async questionInsights(
    @Parent() parent: TeamInsights,
    @CurrentCaller() caller: Caller,
  ): Promise<QuestionInsights> {
    const [totals, unanswered] = await Promise.all([
      this.insights.questionTotals(parent.scope),
      this.insights.unanswered(parent.scope, LISTED),
    ]);
    const questions = await this.questions.findByIds(caller.organizationId, unanswered.ids);
    return {
      asked: totals.asked,
      liveCall: {
        asked: totals.liveCall,
        answeredInTime: totals.liveCallAnsweredInTime,
        escalated: totals.liveCallEscalated,
        medianFirstAnswerSeconds: totals.medianFirstAnswerSeconds,
        medianClaimSeconds: totals.medianClaimSeconds,
      },
      unansweredCount: unanswered.total,
      unanswered: present(byKeys(unanswered.ids, questions)).map((question) =>
        Question.from(question),
      ),
    };
  }

  @ResolveField(() => TipsDue, {
    description: "The team's tips needing review or due within 14 days.",
  })
  async tipsDueForVerification(
    @Parent() parent: TeamInsights,
    @CurrentCaller() caller: Caller,
  ): Promise<TipsDue> {
    const due = await this.insights.tipsDue(parent.scope, LISTED);
    const tips = await this.tips.findByIds(caller.organizationId, due.ids);
    return {
      total: due.total,
      tips: present(byKeys(due.ids, tips))
        .filter((tip) => this.tips.canSee(caller, tip))
        .map((tip) => Tip.from(tip)),
    };
  }

  @ResolveField(() => [ReusedTip], {
    description: 'Tips the team marked used most in the period, with their authors (on Tip).',
  })
  async mostReusedTips(
    @Parent() parent: TeamInsights,
    @CurrentCaller() caller: Caller,
    @Args('first', { type: () => Int, defaultValue: 10, description: 'From 1 to 50.' })
    first: number,
  ): Promise<ReusedTip[]> {
    if (!Number.isInteger(first) || first < 1 || first > 50)
      throw badInput('"first" must be from 1 to 50.');
    const reused = await this.insights.mostReused(parent.scope, first);
    const tips = new Map(
      (
        await this.tips.findByIds(
          caller.organizationId,
          reused.map((row) => row.tipId),
        )
      )
        .filter((tip) => this.tips.canSee(caller, tip))
        .map((tip) => [tip.id, Tip.from(tip)]),
    );
    return reused.map((row) => ({
      tip: tips.get(row.tipId) ?? null,
      uses: row.uses,
      agents: row.agents,
    }));
  }

  @ResolveField(() => [MentorLoad], { description: "The team's mentors, the fullest first." })
  async mentorLoad(
    @Parent() parent: TeamInsights,
    @Context() context: RequestContext,
  ): Promise<MentorLoad[]> {
    const rows = await this.insights.mentorLoad(parent.scope);
    return Promise.all(
      rows.map(async ({ mentorId, ...load }) => ({
        ...load,
        mentor: await loadUser(this.users, context, parent.scope.organizationId, mentorId),
      })),
    );
  }

  @ResolveField(() => [FrequentAsker], {
    description:
      'Agents without a mentor who asked 3 questions or more in the period, the most first.',
  })
  async frequentAskersWithoutMentor(
    @Parent() parent: TeamInsights,
    @Context() context: RequestContext,
  ): Promise<FrequentAsker[]> {
    const rows = await this.insights.frequentAskersWithoutMentor(parent.scope, LISTED);
    return Promise.all(
      rows.map(async ({ userId, questionsAsked }) => ({
        questionsAsked,
        user: await loadUser(this.users, context, parent.scope.organizationId, userId),
      })),
    );
  }
}

const present = <T>(rows: (T | null)[]): T[] => rows.filter((row): row is T => row !== null);
