import {
  Args,
  ArgsType,
  Field,
  ID,
  Int,
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
import { notFound } from '../../common/graphql/errors.js';
import { idOfType } from '../../common/graphql/global-id.js';
import type { DomainEvent } from '../events/domain-event.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { User } from '../users/user.types.js';
import { loadUser } from '../users/user-loader.js';
import { UsersService } from '../users/users.service.js';
import {
  RecognitionFeedConnection,
  RecognitionFeedItem,
  RecognitionFeedKind,
} from './recognition.types.js';

@ArgsType()
class FeedArgs {
  @Field(() => ID, {
    nullable: true,
    description: "One team's recognitions; the organization's when left out.",
  })
  teamId?: string | null;

  @Field(() => Int, { defaultValue: 20, description: `From 1 to ${MAX_PAGE_SIZE}.` })
  first: number = 20;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

export const FEED_KINDS = {
  'badge.awarded': RecognitionFeedKind.BADGE,
  'kudos.given': RecognitionFeedKind.KUDOS,
  'mentor.granted': RecognitionFeedKind.MENTOR_ROLE,
} as const;

export function feedItemOf(event: DomainEvent): RecognitionFeedItem {
  const data = event.data as Record<string, string | string[] | boolean | undefined>;
  const tier = String(data.tier ?? '').toLowerCase();
  const message =
    event.type === 'badge.awarded'
      ? `${tier.charAt(0).toUpperCase()}${tier.slice(1)} ${String(data.name)}${data.tag ? ` in ${String(data.tag)}` : ''}`
      : event.type === 'kudos.given'
        ? String(data.message)
        : `Mentor in ${(data.tags as string[]).join(', ')}`;
  return {
    kind: FEED_KINDS[event.type as keyof typeof FEED_KINDS],
    at: event.occurredAt,
    message,
    organizationId: event.organizationId,
    userId: event.subjectId,
    byId: event.actorId,
  };
}

@Resolver(() => RecognitionFeedItem)
export class RecognitionFeedResolver {
  constructor(
    private readonly events: DomainEvents,
    private readonly users: UsersService,
  ) {}

  @Allow(Permission.RECOGNITION_VIEW)
  @Query(() => RecognitionFeedConnection, {
    description: 'Badges, kudos and mentor roles as they happened, newest first.',
  })
  async recognitionFeed(
    @CurrentCaller() caller: Caller,
    @Args() args: FeedArgs,
  ): Promise<Connection<RecognitionFeedItem>> {
    const { offset, first } = pageOf(args);
    let members: string[] | null = null;
    if (args.teamId) {
      const teamId = idOfType(args.teamId, 'Team');
      if (!teamId) throw notFound('team');
      members = await this.users.memberIds(caller.organizationId, teamId);
    }
    const rows = await this.events.recent(
      caller.organizationId,
      Object.keys(FEED_KINDS) as (keyof typeof FEED_KINDS)[],
      members,
      offset,
      first + 1,
    );
    return byPosition(rows.map(feedItemOf), offset, first);
  }

  @ResolveField(() => User, { nullable: true, description: 'Who was recognized.' })
  user(
    @Parent() item: RecognitionFeedItem,
    @Context() context: RequestContext,
  ): Promise<User | null> {
    return this.load(item.organizationId, item.userId, context);
  }

  @ResolveField(() => User, { nullable: true, description: 'Who gave it (kudos, mentor roles).' })
  by(
    @Parent() item: RecognitionFeedItem,
    @Context() context: RequestContext,
  ): Promise<User | null> {
    return item.byId ? this.load(item.organizationId, item.byId, context) : Promise.resolve(null);
  }

  private async load(organizationId: string, id: string, context: RequestContext) {
    return loadUser(this.users, context, organizationId, id);
  }
}
