import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { Allow, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller, RequestContext } from '../../common/context/request-context.js';
import { notFound } from '../../common/graphql/errors.js';
import { idOfType } from '../../common/graphql/global-id.js';
import { LivePubSub } from '../../common/live/live-pubsub.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { EventDispatcher } from '../events/event-dispatcher.js';
import { UsersService } from '../users/users.service.js';
import { FEED_KINDS, feedItemOf } from './feed.resolver.js';
import { RecognitionFeedItem } from './recognition.types.js';

interface FeedMessage {
  organizationId: string;
  eventId: string;
  userId: string;
}

const feedChannel = (organizationId: string) => `recognition.feed:${organizationId}`;

/** Sends badges, kudos and mentor roles to the organization's feed subscribers once committed. */
@Injectable()
export class RecognitionFeedLive implements OnModuleInit {
  private readonly logger = new Logger('RecognitionFeed');

  constructor(
    private readonly dispatcher: EventDispatcher,
    private readonly pubsub: LivePubSub,
    private readonly tx: TransactionHost,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register({
      name: 'recognition-feed',
      from: 'now',
      handle: async (events) => {
        const messages = events
          .filter((event) => event.type in FEED_KINDS)
          .map((event) => ({
            organizationId: event.organizationId,
            eventId: event.id,
            userId: event.subjectId,
          }));
        this.tx.afterCommit(() => {
          for (const message of messages)
            this.pubsub
              .publish(feedChannel(message.organizationId), message)
              .catch((error: unknown) =>
                this.logger.warn(`A feed message was not sent: ${String(error)}`),
              );
        });
      },
    });
  }
}

@Resolver(() => RecognitionFeedItem)
export class RecognitionFeedSubscriptions {
  constructor(
    private readonly pubsub: LivePubSub,
    private readonly events: DomainEvents,
    private readonly users: UsersService,
  ) {}

  @Allow(Permission.RECOGNITION_VIEW)
  @Subscription(() => RecognitionFeedItem, {
    description: 'Badges, kudos and mentor roles as they happen (one team’s, when given).',
    async filter(
      this: RecognitionFeedSubscriptions,
      message: FeedMessage,
      variables: { teamId?: string | null },
      context: { req: { context: RequestContext } },
    ) {
      const caller = context.req.context.caller!;
      if (message.organizationId !== caller.organizationId) return false;
      if (!variables.teamId) return true;
      const [user] = await this.users.findByIds(caller.organizationId, [message.userId]);
      return user?.teamId === idOfType(variables.teamId, 'Team');
    },
    async resolve(
      this: RecognitionFeedSubscriptions,
      message: FeedMessage,
      _args,
      context: { req: { context: RequestContext } },
    ) {
      const caller = context.req.context.caller!;
      const event = await this.events.byId(caller.organizationId, message.eventId);
      if (!event) throw notFound('recognition');
      return feedItemOf(event);
    },
  })
  recognitionAdded(
    @CurrentCaller() caller: Caller,
    @Args('teamId', { type: () => ID, nullable: true }) teamId?: string | null,
  ): AsyncIterableIterator<FeedMessage> {
    if (teamId && !idOfType(teamId, 'Team')) throw notFound('team');
    return this.pubsub.subscribe(feedChannel(caller.organizationId));
  }
}
