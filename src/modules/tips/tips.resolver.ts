import { OnModuleInit } from '@nestjs/common';
import {
  Args,
  ArgsType,
  Field,
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
import {
  Connection,
  ConnectionArgs,
  checkPageArgs,
  toConnection,
} from '../../common/graphql/connection.js';
import { requiredIdOf } from '../../common/graphql/global-id.js';
import { NodeRegistry } from '../../common/graphql/node-registry.js';
import { Outcome } from '../../common/graphql/user-error.js';
import { renderMarkdown } from '../../common/markdown.js';
import { User } from '../users/user.types.js';
import { loadUser } from '../users/user-loader.js';
import { UsersService } from '../users/users.service.js';
import { TipEntity, TipStatus } from './tip.entities.js';
import {
  CreateTipInput,
  FlagTipInput,
  RestoreTipRevisionInput,
  SetTipBookmarkInput,
  SetTipHelpfulInput,
  Tip,
  TipConnection,
  TipIdInput,
  TipPayload,
  TipRevision,
  TipRevisionConnection,
  UpdateTipInput,
} from './tip.types.js';
import { TipsService } from './tips.service.js';

@ArgsType()
class TipsArgs extends ConnectionArgs {
  @Field(() => [TipStatus], {
    defaultValue: [TipStatus.PUBLISHED, TipStatus.NEEDS_REVIEW],
    description: 'Drafts are listed for their author only; archived tips for leads and admins.',
  })
  statuses: TipStatus[] = [TipStatus.PUBLISHED, TipStatus.NEEDS_REVIEW];
}

const tipPayload = (outcome: Outcome<TipEntity>): TipPayload => ({
  tip: outcome.value && Tip.from(outcome.value),
  userErrors: outcome.userErrors,
});

const without = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

@Resolver(() => Tip)
export class TipsResolver implements OnModuleInit {
  constructor(
    private readonly tipsService: TipsService,
    private readonly users: UsersService,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register('Tip', async (caller, id) => {
      const [tip] = await this.tipsService.findByIds(caller.organizationId, [id]);
      return tip && this.tipsService.canSee(caller, tip) ? Tip.from(tip) : null;
    });
  }

  @Allow(Permission.TIP_READ)
  @Query(() => TipConnection, { description: 'Tips, oldest first. Use `search` to find tips.' })
  async tips(@CurrentCaller() caller: Caller, @Args() args: TipsArgs): Promise<Connection<Tip>> {
    return toConnection(
      await this.tipsService.list(caller, args.statuses, checkPageArgs(args)),
      Tip.from,
    );
  }

  @Allow(Permission.TIP_USE)
  @Query(() => TipConnection, { description: 'Tips you bookmarked, newest first.' })
  async bookmarks(
    @CurrentCaller() caller: Caller,
    @Args() args: ConnectionArgs,
  ): Promise<Connection<Tip>> {
    return toConnection(await this.tipsService.bookmarks(caller, checkPageArgs(args)), (row) =>
      Tip.from(row.tip),
    );
  }

  @ResolveField(() => String, {
    description: 'The body rendered as HTML, safe to show (no raw HTML, no script links).',
  })
  bodyHtml(@Parent() tip: Tip): string {
    return renderMarkdown(tip.body);
  }

  @ResolveField(() => User, { nullable: true })
  async author(@Parent() tip: Tip, @Context() context: RequestContext): Promise<User | null> {
    const { organizationId } = tip;
    return loadUser(this.users, context, organizationId, tip.authorId);
  }

  @ResolveField(() => Boolean, { description: 'Whether you marked it helpful.' })
  viewerFoundHelpful(
    @Parent() tip: Tip,
    @CurrentCaller() caller: Caller,
    @Context() context: RequestContext,
  ) {
    return this.viewerFlag(context, 'tipVotedByViewer', tip, (ids) =>
      this.tipsService.votedHelpful(caller, ids),
    );
  }

  @ResolveField(() => Boolean, { description: 'Whether you bookmarked it.' })
  viewerBookmarked(
    @Parent() tip: Tip,
    @CurrentCaller() caller: Caller,
    @Context() context: RequestContext,
  ) {
    return this.viewerFlag(context, 'tipBookmarkedByViewer', tip, (ids) =>
      this.tipsService.bookmarked(caller, ids),
    );
  }

  /** A yes/no about the caller and a tip, loaded for all tips of the response at once. */
  private async viewerFlag(
    context: RequestContext,
    name: string,
    tip: Tip,
    fetch: (tipIds: readonly string[]) => Promise<Set<string>>,
  ): Promise<boolean> {
    const flag = await context
      .loader(name, async (ids) => {
        const set = await fetch(ids);
        return ids.map((id) => set.has(id));
      })
      .load(tip.tipId);
    return Boolean(flag);
  }

  @ResolveField(() => TipRevisionConnection, { description: 'Every edit, oldest first.' })
  async revisions(
    @Parent() tip: Tip,
    @CurrentCaller() caller: Caller,
    @Args() args: ConnectionArgs,
  ): Promise<Connection<TipRevision>> {
    const entity = await this.tipsService.visible(caller, tip.tipId);
    return toConnection(
      await this.tipsService.revisions(caller, entity, checkPageArgs(args)),
      TipRevision.from,
    );
  }

  @Allow(Permission.TIP_CREATE)
  @Mutation(() => TipPayload, {
    description: 'Write a tip: a draft, or published at once with `publish: true`.',
  })
  async createTip(
    @CurrentCaller() caller: Caller,
    @Args('input') input: CreateTipInput,
  ): Promise<TipPayload> {
    return tipPayload(await this.tipsService.create(caller, input));
  }

  @Allow(Permission.TIP_EDIT)
  @Mutation(() => TipPayload, { description: 'Edit a tip; the edit is a new revision.' })
  async updateTip(
    @CurrentCaller() caller: Caller,
    @Args('input') input: UpdateTipInput,
  ): Promise<TipPayload> {
    const changes = {
      title: without(input.title),
      body: without(input.body),
      tags: without(input.tags),
      language: without(input.language),
    };
    return tipPayload(
      await this.tipsService.update(caller, requiredIdOf(input.id, 'Tip'), changes),
    );
  }

  @Allow(Permission.TIP_EDIT)
  @Mutation(() => TipPayload, {
    description: 'Make an earlier revision current again (as a new revision).',
  })
  async restoreTipRevision(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RestoreTipRevisionInput,
  ): Promise<TipPayload> {
    return tipPayload(
      await this.tipsService.restoreRevision(caller, requiredIdOf(input.id, 'Tip'), input.revision),
    );
  }

  @Allow(Permission.TIP_EDIT)
  @Mutation(() => TipPayload)
  async publishTip(
    @CurrentCaller() caller: Caller,
    @Args('input') input: TipIdInput,
  ): Promise<TipPayload> {
    return tipPayload(await this.tipsService.publish(caller, requiredIdOf(input.id, 'Tip')));
  }

  @Allow(Permission.TIP_EDIT)
  @Mutation(() => TipPayload, {
    description: 'Archived tips are found only by leads and admins who ask for them.',
  })
  async archiveTip(
    @CurrentCaller() caller: Caller,
    @Args('input') input: TipIdInput,
  ): Promise<TipPayload> {
    return tipPayload(await this.tipsService.archive(caller, requiredIdOf(input.id, 'Tip')));
  }

  @Allow(Permission.TIP_CURATE)
  @Mutation(() => TipPayload, {
    description:
      "Experts in the tip's tags, leads and admins confirm it is right; flags are cleared.",
  })
  async verifyTip(
    @CurrentCaller() caller: Caller,
    @Args('input') input: TipIdInput,
  ): Promise<TipPayload> {
    return tipPayload(await this.tipsService.verify(caller, requiredIdOf(input.id, 'Tip')));
  }

  @Allow(Permission.TIP_FLAG)
  @Mutation(() => TipPayload, {
    description: "Report a problem; a lead's flag or three agents' flags send the tip to review.",
  })
  async flagTip(
    @CurrentCaller() caller: Caller,
    @Args('input') input: FlagTipInput,
  ): Promise<TipPayload> {
    return tipPayload(
      await this.tipsService.flag(caller, requiredIdOf(input.id, 'Tip'), input.reason),
    );
  }

  @Allow(Permission.TIP_USE)
  @Mutation(() => TipPayload, {
    description: 'You used this tip on a call (repeats within the hour count once).',
  })
  async markTipUsed(
    @CurrentCaller() caller: Caller,
    @Args('input') input: TipIdInput,
  ): Promise<TipPayload> {
    return {
      tip: Tip.from(await this.tipsService.markUsed(caller, requiredIdOf(input.id, 'Tip'))),
      userErrors: [],
    };
  }

  @Allow(Permission.TIP_USE)
  @Mutation(() => TipPayload, { description: 'Mark a tip helpful, or take the vote back.' })
  async setTipHelpful(
    @CurrentCaller() caller: Caller,
    @Args('input') input: SetTipHelpfulInput,
  ): Promise<TipPayload> {
    return {
      tip: Tip.from(
        await this.tipsService.setHelpful(caller, requiredIdOf(input.id, 'Tip'), input.helpful),
      ),
      userErrors: [],
    };
  }

  @Allow(Permission.TIP_USE)
  @Mutation(() => TipPayload)
  async setTipBookmark(
    @CurrentCaller() caller: Caller,
    @Args('input') input: SetTipBookmarkInput,
  ): Promise<TipPayload> {
    return {
      tip: Tip.from(
        await this.tipsService.setBookmark(caller, requiredIdOf(input.id, 'Tip'), input.bookmarked),
      ),
      userErrors: [],
    };
  }
}
