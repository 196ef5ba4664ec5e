import { Args, ArgsType, Field, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentCaller } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import {
  Connection,
  ConnectionArgs,
  checkPageArgs,
  toConnection,
} from '../../common/graphql/connection.js';
import { InboxService } from './inbox.service.js';
import {
  MarkNotificationsReadInput,
  MarkNotificationsReadPayload,
  Notification,
  NotificationConnection,
  WatchTagInput,
  WatchTagPayload,
} from './inbox.types.js';

@ArgsType()
class NotificationsArgs extends ConnectionArgs {
  @Field({ defaultValue: false })
  unreadOnly: boolean = false;
}

@Resolver(() => Notification)
export class InboxResolver {
  constructor(private readonly inbox: InboxService) {}

  @Allow(Permission.INBOX)
  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  async notifications(
    @CurrentCaller() caller: Caller,
    @Args() args: NotificationsArgs,
  ): Promise<Connection<Notification>> {
    return toConnection(
      await this.inbox.list(caller, args.unreadOnly, checkPageArgs(args)),
      Notification.from,
    );
  }

  @Allow(Permission.INBOX)
  @Query(() => Int)
  unreadNotificationCount(@CurrentCaller() caller: Caller): Promise<number> {
    return this.inbox.unreadCount(caller);
  }

  @Allow(Permission.INBOX)
  @Query(() => [String], { description: 'Tags you watch: a digest of what is new in them.' })
  watchedTags(@CurrentCaller() caller: Caller): Promise<string[]> {
    return this.inbox.watchedTags(caller);
  }

  @Allow(Permission.INBOX)
  @Mutation(() => MarkNotificationsReadPayload)
  async markNotificationsRead(
    @CurrentCaller() caller: Caller,
    @Args('input') input: MarkNotificationsReadInput,
  ): Promise<MarkNotificationsReadPayload> {
    const marked = await this.inbox.markRead(caller, input.ids ?? null);
    return { marked, unreadCount: await this.inbox.unreadCount(caller), userErrors: [] };
  }

  @Allow(Permission.INBOX)
  @Mutation(() => WatchTagPayload, {
    description: 'Watch a tag (or stop): new questions and tips in it arrive as an hourly digest.',
  })
  async watchTag(
    @CurrentCaller() caller: Caller,
    @Args('input') input: WatchTagInput,
  ): Promise<WatchTagPayload> {
    const outcome = await this.inbox.watch(caller, input.tag, input.watch);
    return { watchedTags: outcome.value ?? null, userErrors: outcome.userErrors };
  }
}
