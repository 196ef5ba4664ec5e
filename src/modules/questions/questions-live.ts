import { Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { Args, ID, Int, Parent, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { Allow, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller, RequestContext } from '../../common/context/request-context.js';
import { notFound } from '../../common/graphql/errors.js';
import { idOfType } from '../../common/graphql/global-id.js';
import { LivePubSub } from '../../common/live/live-pubsub.js';
import { TransactionHost } from '../../database/transaction-host.js';
import type { DomainEvent } from '../events/domain-event.js';
import { EventDeliveryModule } from '../events/events.module.js';
import { EventDispatcher } from '../events/event-dispatcher.js';
import { Question } from './question.types.js';
import { QuestionsModule } from './questions.module.js';
import { QuestionsService } from './questions.service.js';

/** What a live message carries: which question to read afresh for the subscriber. */
interface QuestionMessage {
  organizationId: string;
  questionId: string;
}

const offeredChannel = (userId: string) => `question.offered:${userId}`;
const questionChannel = (organizationId: string, questionId: string) =>
  `question.updated:${organizationId}:${questionId}`;

/** The live messages a committed event makes. */
function messagesOf(event: DomainEvent): { channel: string; message: QuestionMessage }[] {
  if (!event.type.startsWith('question.') && event.type !== 'answer.voted') return [];
  if (event.type === 'question.seen') return [];
  const message = { organizationId: event.organizationId, questionId: event.subjectId };
  const messages = [{ channel: questionChannel(event.organizationId, event.subjectId), message }];
  if (event.type === 'question.offered' && typeof event.data.expertId === 'string')
    messages.push({ channel: offeredChannel(event.data.expertId), message });
  return messages;
}

/**
 * Turns committed domain events into live messages: an offer to the offered expert, any
 * change of a question to whoever watches it. A consumer of the event log, so a change
 * that rolls back reaches nobody; messages go out once the consumer's position commits.
 */
@Injectable()
export class QuestionsLive implements OnModuleInit {
  private readonly logger = new Logger('Live');

  constructor(
    private readonly dispatcher: EventDispatcher,
    private readonly pubsub: LivePubSub,
    private readonly tx: TransactionHost,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register({
      name: 'live',
      from: 'now',
      handle: async (events) => {
        const messages = events.flatMap(messagesOf);
        this.tx.afterCommit(() => {
          for (const { channel, message } of messages)
            this.pubsub
              .publish(channel, message)
              .catch((error: unknown) =>
                this.logger.warn(`A live message was not sent: ${String(error)}`),
              );
        });
      },
    });
  }
}

const callerOf = (context: { req: { context: RequestContext } }): Caller =>
  context.req.context.caller!;

@Resolver(() => Question)
export class QuestionSubscriptionsResolver {
  constructor(
    private readonly questions: QuestionsService,
    private readonly pubsub: LivePubSub,
  ) {}

  @Allow(Permission.QUESTION_READ)
  @Subscription(() => Question, {
    description:
      'Questions offered to you, as they are offered (a LIVE_CALL offer: a customer is waiting; see deadline).',
    resolve(this: QuestionSubscriptionsResolver, message: QuestionMessage, _args, context) {
      return this.current(message, context);
    },
  })
  questionOffered(@CurrentCaller() caller: Caller): AsyncIterableIterator<QuestionMessage> {
    return this.pubsub.subscribe(offeredChannel(caller.userId));
  }

  @Allow(Permission.QUESTION_READ)
  @Subscription(() => Question, {
    description:
      'A question each time it changes: offered, claimed, answered, accepted, escalated …',
    resolve(this: QuestionSubscriptionsResolver, message: QuestionMessage, _args, context) {
      return this.current(message, context);
    },
  })
  async questionUpdated(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<AsyncIterableIterator<QuestionMessage>> {
    const questionId = idOfType(id, 'Question');
    if (!questionId) throw notFound('question');
    await this.questions.visible(caller, questionId);
    return this.pubsub.subscribe(questionChannel(caller.organizationId, questionId));
  }

  @ResolveField(() => Int, {
    description: "Seconds until the deadline by the server's clock (0 once past): the countdown.",
  })
  secondsToDeadline(@Parent() question: Question): number {
    return Math.max(0, Math.ceil((question.deadline.getTime() - Date.now()) / 1000));
  }

  private async current(
    message: QuestionMessage,
    context: { req: { context: RequestContext } },
  ): Promise<Question> {
    const caller = callerOf(context);
    if (message.organizationId !== caller.organizationId) throw notFound('question');
    return Question.from(await this.questions.visible(caller, message.questionId));
  }
}

/** Live offers and question changes over subscriptions: where the API runs. */
@Module({
  imports: [QuestionsModule, EventDeliveryModule],
  providers: [QuestionsLive, QuestionSubscriptionsResolver],
})
export class QuestionsLiveModule {}
