import { OnModuleInit } from '@nestjs/common';
import {
  Args,
  ArgsType,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional } from 'class-validator';
import { Allow, Context, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { RequestContext, byKeys } from '../../common/context/request-context.js';
import {
  Connection,
  ConnectionArgs,
  checkPageArgs,
  toConnection,
} from '../../common/graphql/connection.js';
import { badInput } from '../../common/graphql/errors.js';
import { requiredIdOf } from '../../common/graphql/global-id.js';
import { NodeRegistry } from '../../common/graphql/node-registry.js';
import { Outcome } from '../../common/graphql/user-error.js';
import { renderMarkdown } from '../../common/markdown.js';
import { normalizeTag } from '../tags/tag-name.js';
import { MAX_TAGS } from '../tips/tip-rules.js';
import { Tip } from '../tips/tip.types.js';
import { TipsService } from '../tips/tips.service.js';
import { User } from '../users/user.types.js';
import { loadUser } from '../users/user-loader.js';
import { UsersService } from '../users/users.service.js';
import { AnswerEntity, QuestionEntity, QuestionStatus } from './question.entities.js';
import {
  Answer,
  AnswerIdInput,
  AnswerPayload,
  AnswerQuestionInput,
  AskQuestionInput,
  DeclineQuestionInput,
  Question,
  QuestionConnection,
  QuestionIdInput,
  QuestionOffer,
  QuestionPayload,
  PromoteAnswerPayload,
  QuestionRoutingReport,
  RoutingStep,
  UpdateAnswerInput,
  VoteAnswerInput,
} from './question.types.js';
import { QuestionsService } from './questions.service.js';

@InputType()
class QuestionsFilter {
  @Field({ defaultValue: false, description: 'Questions you asked.' })
  mine: boolean = false;

  @Field({ defaultValue: false, description: 'Questions offered to you and waiting for a claim.' })
  routedToMe: boolean = false;

  @Field({ defaultValue: false, description: "Questions asked by your team's members." })
  team: boolean = false;

  @Field(() => [QuestionStatus], { nullable: true })
  @IsOptional()
  @IsEnum(QuestionStatus, { each: true })
  status?: QuestionStatus[] | null;

  @Field(() => [String], {
    nullable: true,
    description: `Questions with any of these tags (at most ${MAX_TAGS}).`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_TAGS, { message: `Filter by at most ${MAX_TAGS} tags.` })
  tags?: string[] | null;
}

@ArgsType()
class QuestionsArgs extends ConnectionArgs {
  @Field(() => QuestionsFilter, { nullable: true })
  filter?: QuestionsFilter | null;
}

const questionPayload = (outcome: Outcome<QuestionEntity>): QuestionPayload => ({
  question: outcome.value ? Question.from(outcome.value) : null,
  userErrors: outcome.userErrors,
});

const answerPayload = (outcome: Outcome<AnswerEntity>): AnswerPayload => ({
  answer: outcome.value ? Answer.from(outcome.value) : null,
  userErrors: outcome.userErrors,
});

/** The database id behind a global id of `type`; another type or a malformed id is missing. */
@Resolver(() => Question)
export class QuestionsResolver implements OnModuleInit {
  constructor(
    private readonly questionsService: QuestionsService,
    private readonly users: UsersService,
    private readonly tips: TipsService,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register('Question', async (caller, id) => {
      const [question] = await this.questionsService.findByIds(caller.organizationId, [id]);
      return question ? Question.from(question) : null;
    });
    this.nodes.register('Answer', async (caller, id) => {
      const [answer] = await this.questionsService.answersByIds(caller.organizationId, [id]);
      return answer ? Answer.from(answer) : null;
    });
  }

  @Allow(Permission.QUESTION_READ)
  @Query(() => String, {
    description:
      'Markdown (at most 20,000 characters) as the API renders answers and tips: safe HTML, for an editor’s preview.',
  })
  previewMarkdown(@Args('markdown') markdown: string): string {
    if (markdown.length > 20_000) throw badInput('Preview at most 20,000 characters.');
    return renderMarkdown(markdown);
  }

  @Allow(Permission.QUESTION_READ)
  @Query(() => Question, { description: 'One question of your organization.' })
  async question(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Question> {
    return Question.from(await this.questionsService.visible(caller, requiredIdOf(id, 'Question')));
  }

  @Allow(Permission.QUESTION_READ)
  @Query(() => QuestionConnection, { description: 'Questions, newest first.' })
  async questions(
    @CurrentCaller() caller: Caller,
    @Args() args: QuestionsArgs,
  ): Promise<Connection<Question>> {
    const filter = args.filter;
    const page = checkPageArgs(args);
    if (filter?.team && !caller.teamId)
      return toConnection({ nodes: [], hasNextPage: false, hasPreviousPage: false }, Question.from);
    return toConnection(
      await this.questionsService.list(
        caller,
        {
          askerId: filter?.mine ? caller.userId : undefined,
          offeredTo: filter?.routedToMe ? caller.userId : undefined,
          teamId: filter?.team ? caller.teamId! : undefined,
          statuses: filter?.status ?? undefined,
          tags: filter?.tags?.map(normalizeTag),
        },
        page,
      ),
      Question.from,
    );
  }

  @Allow(Permission.QUESTION_ASK)
  @Mutation(() => QuestionPayload, {
    description:
      'Ask the experts of its tags: it is offered to available experts at once and escalates to your lead at its deadline.',
  })
  async askQuestion(
    @CurrentCaller() caller: Caller,
    @Args('input') input: AskQuestionInput,
  ): Promise<QuestionPayload> {
    return questionPayload(
      await this.questionsService.ask(caller, {
        ...input,
        tags: [...new Set(input.tags.map(normalizeTag))],
      }),
    );
  }

  @Allow(Permission.QUESTION_ANSWER)
  @Mutation(() => QuestionPayload, {
    description:
      'Take a question to answer it. The first claim wins; later ones get a TAKEN error.',
  })
  async claimQuestion(
    @CurrentCaller() caller: Caller,
    @Args('input') input: QuestionIdInput,
  ): Promise<QuestionPayload> {
    return questionPayload(
      await this.questionsService.claim(caller, requiredIdOf(input.questionId, 'Question')),
    );
  }

  @Allow(Permission.QUESTION_READ)
  @Mutation(() => QuestionPayload, {
    description: 'Pass on a question offered to you: the next expert is offered it at once.',
  })
  async declineQuestion(
    @CurrentCaller() caller: Caller,
    @Args('input') input: DeclineQuestionInput,
  ): Promise<QuestionPayload> {
    return questionPayload(
      await this.questionsService.decline(
        caller,
        requiredIdOf(input.questionId, 'Question'),
        input.reason,
      ),
    );
  }

  @Allow(Permission.QUESTION_READ)
  @Mutation(() => QuestionPayload, {
    description: 'Say you have seen a question offered to you (time to see is reported to leads).',
  })
  async markQuestionSeen(
    @CurrentCaller() caller: Caller,
    @Args('input') input: QuestionIdInput,
  ): Promise<QuestionPayload> {
    const question = await this.questionsService.markSeen(
      caller,
      requiredIdOf(input.questionId, 'Question'),
    );
    return { question: Question.from(question), userErrors: [] };
  }

  @Allow(Permission.QUESTION_ANSWER)
  @Mutation(() => AnswerPayload, {
    description: 'Answer a question; answering one nobody claimed claims it.',
  })
  async answerQuestion(
    @CurrentCaller() caller: Caller,
    @Args('input') input: AnswerQuestionInput,
  ): Promise<AnswerPayload> {
    return answerPayload(
      await this.questionsService.answer(
        caller,
        requiredIdOf(input.questionId, 'Question'),
        input.body,
      ),
    );
  }

  @Allow(Permission.ANSWER_EDIT)
  @Mutation(() => AnswerPayload, { description: 'Edit your answer; each edit is a revision.' })
  async updateAnswer(
    @CurrentCaller() caller: Caller,
    @Args('input') input: UpdateAnswerInput,
  ): Promise<AnswerPayload> {
    return answerPayload(
      await this.questionsService.updateAnswer(
        caller,
        requiredIdOf(input.answerId, 'Answer'),
        input.body,
      ),
    );
  }

  @Allow(Permission.ANSWER_VOTE)
  @Mutation(() => AnswerPayload, { description: 'One vote per answer; not on your own.' })
  async voteAnswer(
    @CurrentCaller() caller: Caller,
    @Args('input') input: VoteAnswerInput,
  ): Promise<AnswerPayload> {
    return answerPayload(
      await this.questionsService.vote(caller, requiredIdOf(input.answerId, 'Answer'), input.value),
    );
  }

  @Allow(Permission.QUESTION_MANAGE)
  @Mutation(() => AnswerPayload, {
    description:
      "The asker, the asker's leads and admins: accept an answer (accepting another moves the acceptance).",
  })
  async acceptAnswer(
    @CurrentCaller() caller: Caller,
    @Args('input') input: AnswerIdInput,
  ): Promise<AnswerPayload> {
    return answerPayload(
      await this.questionsService.accept(caller, requiredIdOf(input.answerId, 'Answer')),
    );
  }

  @Allow(Permission.QUESTION_MANAGE)
  @Mutation(() => QuestionPayload, { description: 'Close a question: offers to experts end.' })
  async closeQuestion(
    @CurrentCaller() caller: Caller,
    @Args('input') input: QuestionIdInput,
  ): Promise<QuestionPayload> {
    return questionPayload(
      await this.questionsService.close(caller, requiredIdOf(input.questionId, 'Question')),
    );
  }

  @Allow(Permission.QUESTION_MANAGE)
  @Mutation(() => QuestionPayload, { description: 'Take a closed question back to ANSWERED.' })
  async reopenQuestion(
    @CurrentCaller() caller: Caller,
    @Args('input') input: QuestionIdInput,
  ): Promise<QuestionPayload> {
    return questionPayload(
      await this.questionsService.reopen(caller, requiredIdOf(input.questionId, 'Question')),
    );
  }

  @Allow(Permission.QUESTION_READ)
  @Mutation(() => PromoteAnswerPayload, {
    description:
      'Turn the accepted answer into a draft tip, authored by the answerer, tags carried over (answerer, leads, admins).',
  })
  async promoteAnswerToTip(
    @CurrentCaller() caller: Caller,
    @Args('input') input: QuestionIdInput,
  ): Promise<PromoteAnswerPayload> {
    const outcome = await this.questionsService.promote(
      caller,
      requiredIdOf(input.questionId, 'Question'),
    );
    return {
      question: outcome.value ? Question.from(outcome.value.question) : null,
      tip: outcome.value ? Tip.from(outcome.value.tip) : null,
      userErrors: outcome.userErrors,
    };
  }

  @ResolveField(() => Tip, {
    nullable: true,
    description: 'The tip promoted from its accepted answer (a draft shows to its author only).',
  })
  async tip(@Parent() question: Question, @CurrentCaller() caller: Caller): Promise<Tip | null> {
    if (!question.tipId) return null;
    const [tip] = await this.tips.findByIds(caller.organizationId, [question.tipId]);
    return tip && this.tips.canSee(caller, tip) ? Tip.from(tip) : null;
  }

  @ResolveField(() => String, { description: 'The body rendered as safe HTML, as for tips.' })
  bodyHtml(@Parent() question: Question): string {
    return renderMarkdown(question.body);
  }

  @ResolveField(() => User, { nullable: true })
  asker(@Parent() question: Question, @Context() context: RequestContext): Promise<User | null> {
    return loadUser(this.users, context, question.organizationId, question.askerId);
  }

  @ResolveField(() => User, { nullable: true, description: 'The expert who took it.' })
  claimedBy(
    @Parent() question: Question,
    @Context() context: RequestContext,
  ): Promise<User | null> {
    return loadUser(this.users, context, question.organizationId, question.claimedBy);
  }

  @ResolveField(() => [Answer], { description: 'Oldest first.' })
  async answers(
    @Parent() question: Question,
    @CurrentCaller() caller: Caller,
    @Context() context: RequestContext,
  ): Promise<Answer[]> {
    // one query for the answers of every question in the response
    const answers = await context
      .loader<AnswerEntity[]>('answersOfQuestion', async (ids) => {
        const rows = await this.questionsService.answersOf(caller, ids);
        return ids.map((id) => rows.filter((row) => row.questionId === id));
      })
      .load(question.questionId);
    return (answers ?? []).map(Answer.from);
  }

  @ResolveField(() => Answer, { nullable: true })
  async acceptedAnswer(
    @Parent() question: Question,
    @Context() context: RequestContext,
  ): Promise<Answer | null> {
    if (!question.acceptedAnswerId) return null;
    const answer = await context
      .loader('answerById', async (ids) =>
        byKeys(ids, await this.questionsService.answersByIds(question.organizationId, ids)),
      )
      .load(question.acceptedAnswerId);
    return answer && Answer.from(answer as AnswerEntity);
  }

  @ResolveField(() => [String], {
    nullable: true,
    description:
      'Tags no available expert covered when it was last routed: for the asker, their leads and admins (null for others).',
  })
  uncoveredTags(@Parent() question: Question, @CurrentCaller() caller: Caller): string[] | null {
    return this.questionsService.mayReadRouting(caller, question.entity)
      ? question.uncovered
      : null;
  }

  @ResolveField(() => QuestionOffer, { nullable: true, description: 'Its offer to you, if any.' })
  async myOffer(
    @Parent() question: Question,
    @CurrentCaller() caller: Caller,
    @Context() context: RequestContext,
  ): Promise<QuestionOffer | null> {
    const offer = await context
      .loader('offerToViewer', async (ids) => {
        const offers = await this.questionsService.offersTo(caller, ids);
        return ids.map((id) => offers.get(id) ?? null);
      })
      .load(question.questionId);
    return offer && QuestionOffer.from(offer as never);
  }

  @ResolveField(() => QuestionRoutingReport, {
    nullable: true,
    description: "Offers and routing history: for the asker's leads and admins (null for others).",
  })
  async routing(
    @Parent() question: Question,
    @CurrentCaller() caller: Caller,
  ): Promise<QuestionRoutingReport | null> {
    const report = await this.questionsService.routingOf(caller, question.entity);
    if (!report) return null;
    return {
      offers: report.offers.map(QuestionOffer.from),
      history: report.history.map((event) => ({
        type: event.type,
        at: event.occurredAt,
        round: typeof event.data.round === 'number' ? event.data.round : null,
        reason: typeof event.data.reason === 'string' ? event.data.reason : null,
        organizationId: event.organizationId,
        userId: typeof event.data.expertId === 'string' ? event.data.expertId : event.actorId,
      })),
    };
  }
}

@Resolver(() => Answer)
export class AnswersResolver {
  constructor(
    private readonly questionsService: QuestionsService,
    private readonly users: UsersService,
  ) {}

  @ResolveField(() => String, { description: 'The body rendered as safe HTML, as for tips.' })
  bodyHtml(@Parent() answer: Answer): string {
    return renderMarkdown(answer.body);
  }

  @ResolveField(() => User, { nullable: true })
  author(@Parent() answer: Answer, @Context() context: RequestContext): Promise<User | null> {
    return loadUser(this.users, context, answer.organizationId, answer.authorId);
  }

  @ResolveField(() => Question)
  async question(@Parent() answer: Answer, @Context() context: RequestContext): Promise<Question> {
    const question = await context
      .loader('questionById', async (ids) =>
        byKeys(ids, await this.questionsService.findByIds(answer.organizationId, ids)),
      )
      .load(answer.questionId);
    return Question.from(question as QuestionEntity);
  }

  @ResolveField(() => Boolean, { description: 'Whether it is the accepted answer.' })
  async accepted(@Parent() answer: Answer, @Context() context: RequestContext): Promise<boolean> {
    const question = await this.question(answer, context);
    return question.acceptedAnswerId === answer.answerId;
  }

  @ResolveField(() => Int, { description: 'Your vote: 1, -1, or 0 for none.' })
  async myVote(
    @Parent() answer: Answer,
    @CurrentCaller() caller: Caller,
    @Context() context: RequestContext,
  ): Promise<number> {
    const vote = await context
      .loader('answerVoteOfViewer', async (ids) => {
        const votes = await this.questionsService.votesOf(caller, ids);
        return ids.map((id) => votes.get(id) ?? 0);
      })
      .load(answer.answerId);
    return Number(vote ?? 0);
  }
}

@Resolver(() => QuestionOffer)
export class QuestionOffersResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User, { nullable: true })
  expert(@Parent() offer: QuestionOffer, @Context() context: RequestContext): Promise<User | null> {
    return loadUser(this.users, context, offer.organizationId, offer.expertId);
  }
}

@Resolver(() => RoutingStep)
export class RoutingStepsResolver {
  constructor(private readonly users: UsersService) {}

  @ResolveField(() => User, { nullable: true, description: 'Who acted, or who was offered it.' })
  user(@Parent() step: RoutingStep, @Context() context: RequestContext): Promise<User | null> {
    return loadUser(this.users, context, step.organizationId, step.userId);
  }
}

@Resolver(() => Tip)
export class TipQuestionResolver {
  constructor(private readonly questionsService: QuestionsService) {}

  @ResolveField(() => Question, {
    nullable: true,
    description: 'The question whose accepted answer it was promoted from.',
  })
  async question(@Parent() tip: Tip, @CurrentCaller() caller: Caller): Promise<Question | null> {
    if (!tip.questionId) return null;
    const [question] = await this.questionsService.findByIds(caller.organizationId, [
      tip.questionId,
    ]);
    return question ? Question.from(question) : null;
  }
}
