import { Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { Resolver, Subscription } from '@nestjs/graphql';
import { Allow, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller, RequestContext } from '../../common/context/request-context.js';
import { notFound } from '../../common/graphql/errors.js';
import { LivePubSub } from '../../common/live/live-pubsub.js';
import type { DomainEvent } from '../events/domain-event.js';
import { EventDispatcher } from '../events/event-dispatcher.js';
import { EventDeliveryModule } from '../events/events.module.js';
import { QuestionsModule } from '../questions/questions.module.js';
import { QuestionsService } from '../questions/questions.service.js';
import { QuestionEntity, Urgency } from '../questions/question.entities.js';
import { UsersService } from '../users/users.service.js';
import { UsersModule } from '../users/users.module.js';
import { InboxModule } from './inbox.module.js';
import { InboxService } from './inbox.service.js';
import { Notification } from './inbox.types.js';
import { NewNotification, NotificationEntity, NotificationKind } from './notification.entity.js';

interface NotificationMessage {
  organizationId: string;
  userId: string;
  notificationId: string;
}

/** Events whose notification names who acted. */
const NAMES_ACTOR = new Set([
  'question.claimed',
  'kudos.given',
  'mentor.granted',
  'mentorship.requested',
  'mentorship.declined',
  'mentorship.started',
  'coaching.recorded',
]);

const notificationChannel = (userId: string) => `notification.added:${userId}`;

/**
 * The inbox's consumer of the event log: who is told what. Notifications are written in
 * the consumer's transaction (so each event notifies once), and sent live once it commits.
 */
@Injectable()
export class InboxLive implements OnModuleInit {
  private readonly logger = new Logger('Inbox');

  constructor(
    private readonly dispatcher: EventDispatcher,
    private readonly inbox: InboxService,
    private readonly questions: QuestionsService,
    private readonly users: UsersService,
    private readonly pubsub: LivePubSub,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register({
      name: 'inbox',
      from: 'now',
      handle: async (events) => {
        await this.inbox.add(await this.notificationsOf(events));
        await this.inbox.scheduleDigests(events);
      },
    });
    this.inbox.onAdded((added) => this.publish(added));
  }

  private publish(added: NotificationEntity[]): void {
    for (const notification of added) {
      const message: NotificationMessage = {
        organizationId: notification.organizationId,
        userId: notification.userId,
        notificationId: notification.id,
      };
      this.pubsub
        .publish(notificationChannel(notification.userId), message)
        .catch((error: unknown) =>
          this.logger.warn(`A live notification was not sent: ${String(error)}`),
        );
    }
  }

  private async notificationsOf(events: DomainEvent[]): Promise<NewNotification[]> {
    const notifications: NewNotification[] = [];
    const questions = new Map<string, QuestionEntity>();
    const names = new Map<string, string>();
    for (const organizationId of new Set(events.map((event) => event.organizationId))) {
      const mine = events.filter((event) => event.organizationId === organizationId);
      const questionIds = mine
        .filter((event) => event.type.startsWith('question.'))
        .map((event) => event.subjectId);
      for (const question of await this.questions.findByIds(organizationId, [
        ...new Set(questionIds),
      ]))
        questions.set(question.id, question);
      const claimers = mine
        .filter((event) => NAMES_ACTOR.has(event.type) && event.actorId)
        .map((event) => event.actorId!);
      for (const user of await this.users.findByIds(organizationId, [...new Set(claimers)]))
        names.set(user.id, user.displayName);
    }
    for (const event of events) {
      const to = (userId: unknown, kind: NotificationKind, message: string) => {
        if (typeof userId === 'string' && userId !== event.actorId)
          notifications.push({
            organizationId: event.organizationId,
            userId,
            kind,
            message,
            subjectId: event.subjectId,
            eventId: event.id,
          });
      };
      if (event.type === 'badge.awarded') {
        const tier = String(event.data.tier).toLowerCase();
        const tag = event.data.tag ? ` in ${String(event.data.tag)}` : '';
        to(
          event.subjectId,
          NotificationKind.BADGE_AWARDED,
          `You earned the ${tier} ${String(event.data.name)} badge${tag}.`,
        );
        continue;
      }
      if (event.type === 'kudos.given') {
        to(
          event.subjectId,
          NotificationKind.KUDOS_RECEIVED,
          `${names.get(event.actorId ?? '') ?? 'A colleague'} gave you kudos: ${String(event.data.message)}`,
        );
        continue;
      }
      if (event.type === 'mentor.granted') {
        to(
          event.subjectId,
          NotificationKind.MENTOR_ROLE_GRANTED,
          `${names.get(event.actorId ?? '') ?? 'Your lead'} made you a mentor in ${(event.data.tags as string[]).join(', ')}.`,
        );
        continue;
      }
      const actor = names.get(event.actorId ?? '') ?? 'A colleague';
      if (event.type === 'mentorship.requested') {
        to(
          event.data.mentorId,
          NotificationKind.MENTORSHIP_REQUESTED,
          `${actor} asks you to mentor them in ${(event.data.tags as string[]).join(', ')}.`,
        );
        continue;
      }
      if (event.type === 'mentorship.declined') {
        to(
          event.subjectId,
          NotificationKind.MENTORSHIP_DECLINED,
          `${actor} cannot mentor you now; ask another mentor.`,
        );
        continue;
      }
      if (event.type === 'mentorship.started') {
        const tags = (event.data.tags as string[]).join(', ');
        to(event.subjectId, NotificationKind.MENTORSHIP_STARTED, `You have a mentor in ${tags}.`);
        to(
          event.data.mentorId,
          NotificationKind.MENTORSHIP_STARTED,
          `You have a new mentee in ${tags}.`,
        );
        continue;
      }
      if (event.type === 'coaching.recorded') {
        to(
          event.subjectId,
          NotificationKind.COACHING_SESSION_RECORDED,
          `${actor} recorded your coaching session.`,
        );
        continue;
      }
      if (event.type === 'expertise.granted') {
        to(
          event.subjectId,
          NotificationKind.EXPERTISE_GRANTED,
          `You are now an expert in ${String(event.data.tag)}.`,
        );
        continue;
      }
      if (!event.type.startsWith('question.')) continue;
      const question = questions.get(event.subjectId);
      if (!question) continue;
      const title = `“${question.title}”`;
      switch (event.type) {
        case 'question.offered':
          to(
            event.data.expertId,
            NotificationKind.QUESTION_OFFERED,
            question.urgency === Urgency.LIVE_CALL
              ? `A customer is waiting: can you answer ${title}?`
              : `A question for you: ${title}`,
          );
          break;
        case 'question.claimed':
          to(
            question.askerId,
            NotificationKind.QUESTION_CLAIMED,
            `${names.get(event.actorId ?? '') ?? 'An expert'} is answering ${title}.`,
          );
          break;
        case 'question.answered':
          to(
            question.askerId,
            NotificationKind.QUESTION_ANSWERED,
            `Your question ${title} has an answer.`,
          );
          break;
        case 'question.accepted':
          to(
            event.data.authorId,
            NotificationKind.ANSWER_ACCEPTED,
            `Your answer to ${title} was accepted.`,
          );
          break;
        case 'question.escalated':
          for (const leadId of (event.data.leadIds as string[]) ?? [])
            to(
              leadId,
              NotificationKind.QUESTION_ESCALATED,
              `Unanswered past its deadline: ${title}`,
            );
          break;
      }
    }
    return notifications;
  }
}

@Resolver(() => Notification)
export class InboxSubscriptionsResolver {
  constructor(
    private readonly inbox: InboxService,
    private readonly pubsub: LivePubSub,
  ) {}

  @Allow(Permission.INBOX)
  @Subscription(() => Notification, {
    description: 'Your new notifications, as they arrive.',
    resolve(
      this: InboxSubscriptionsResolver,
      message: NotificationMessage,
      _args,
      context: { req: { context: RequestContext } },
    ) {
      return this.current(message, context.req.context.caller!);
    },
  })
  notificationAdded(@CurrentCaller() caller: Caller): AsyncIterableIterator<NotificationMessage> {
    return this.pubsub.subscribe(notificationChannel(caller.userId));
  }

  private async current(message: NotificationMessage, caller: Caller): Promise<Notification> {
    const found =
      message.organizationId === caller.organizationId &&
      (await this.inbox.find(caller, message.notificationId));
    if (!found) throw notFound('notification');
    return Notification.from(found);
  }
}

/** Notifications made from the event log, and sent live: where the API runs. */
@Module({
  imports: [InboxModule, QuestionsModule, UsersModule, EventDeliveryModule],
  providers: [InboxLive, InboxSubscriptionsResolver],
})
export class InboxLiveModule {}
