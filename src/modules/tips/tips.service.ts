import { Injectable, OnModuleInit } from '@nestjs/common';
import { Permission, Scope, allows, callerScope } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { forbidden, notFound } from '../../common/graphql/errors.js';
import {
  Outcome,
  UserErrorCode,
  failure,
  success,
  userError,
} from '../../common/graphql/user-error.js';
import { Keyset, Page, PageArgs } from '../../database/keyset.js';
import { TransactionHost } from '../../database/transaction-host.js';
import type { SearchDocument } from '../../search/search-engine.js';
import { SearchIndexer } from '../../search/search-indexer.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { ExpertiseService } from '../expertise/expertise.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { TagsService } from '../tags/tags.service.js';
import { TipActivityRepository } from './tip-activity.repository.js';
import { FLAGS_FOR_REVIEW, REUSE_REPEAT_WINDOW_MS, TipContent, cleanContent } from './tip-rules.js';
import { TipEntity, TipRevisionEntity, TipStatus } from './tip.entities.js';
import { ExternalIdTakenError, TipChanges, TipsRepository } from './tips.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const SEARCHABLE = new Set([TipStatus.PUBLISHED, TipStatus.NEEDS_REVIEW, TipStatus.ARCHIVED]);

export interface NewTipDetails extends TipContent {
  externalId?: string | null;
  publish: boolean;
}

@Injectable()
export class TipsService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionHost,
    private readonly tips: TipsRepository,
    private readonly activity: TipActivityRepository,
    private readonly events: DomainEvents,
    private readonly expertise: ExpertiseService,
    private readonly tags: TagsService,
    private readonly organizations: OrganizationsService,
    private readonly indexer: SearchIndexer,
  ) {}

  onModuleInit(): void {
    this.indexer.register('TIP', (organizationId, ids) =>
      this.searchDocuments(organizationId, ids),
    );
  }

  /** A tip the caller may see: drafts only by their author, archived ones by authors, leads and admins. */
  async visible(caller: Caller, id: string): Promise<TipEntity> {
    const tip = await this.tips.findById(caller.organizationId, id);
    if (!tip || !this.canSee(caller, tip)) throw notFound('tip');
    return tip;
  }

  canSee(caller: Caller, tip: TipEntity): boolean {
    if (tip.status === TipStatus.DRAFT) return tip.authorId === caller.userId;
    if (tip.status === TipStatus.ARCHIVED)
      return allows(caller, Permission.TIP_READ_ARCHIVED, { userId: tip.authorId });
    return true;
  }

  findByIds(organizationId: string, ids: readonly string[]): Promise<TipEntity[]> {
    return this.tips.findByIds(organizationId, ids);
  }

  list(caller: Caller, statuses: TipStatus[], page: PageArgs): Promise<Page<TipEntity>> {
    const allowed = statuses.filter(
      (status) => status !== TipStatus.ARCHIVED || allows(caller, Permission.TIP_READ_ARCHIVED),
    );
    return this.tips.list(
      caller.organizationId,
      { statuses: allowed, viewerId: caller.userId },
      page,
    );
  }

  async create(caller: Caller, details: NewTipDetails): Promise<Outcome<TipEntity>> {
    const externalId = details.externalId || null;
    const content = cleanContent(details);
    const taken = failure(
      userError(
        UserErrorCode.TAKEN,
        `A tip with external id "${externalId}" already exists.`,
        'externalId',
      ),
    );
    if (
      externalId &&
      (await this.tips.findByExternalIds(caller.organizationId, [externalId])).length
    )
      return taken;
    const id = await this.write(caller.organizationId, async () => {
      const published = details.publish ? await this.publication(caller.organizationId) : {};
      const [tip] = await this.tips.insert(caller.organizationId, [
        {
          externalId,
          title: content.title,
          body: content.body,
          language: content.language,
          authorId: caller.userId,
          status: details.publish ? TipStatus.PUBLISHED : TipStatus.DRAFT,
          ...published,
        },
      ]);
      await this.replaceTags(caller.organizationId, new Map([[tip.id, content.tags]]));
      await this.tips.addRevisions([
        this.revision(tip.id, caller, 1, content, ['title', 'body', 'tags', 'language']),
      ]);
      await this.organizations.addLanguage(caller.organizationId, content.language);
      if (details.publish)
        await this.recordPublished(
          { ...tip, authorId: caller.userId, tags: content.tags },
          caller.userId,
        );
      return tip.id;
    }).catch((error: unknown) => {
      if (error instanceof ExternalIdTakenError) return null;
      throw error;
    });
    if (!id) return taken;
    return success((await this.tips.findById(caller.organizationId, id))!);
  }

  /**
   * A draft tip from a question's accepted answer, authored by the answerer and linked to
   * the question; in the caller's transaction.
   */
  async createFromAnswer(
    organizationId: string,
    authorId: string,
    content: TipContent,
    questionId: string,
  ): Promise<TipEntity> {
    const id = await this.write(organizationId, async () => {
      const [tip] = await this.tips.insert(organizationId, [
        { externalId: null, ...content, authorId, status: TipStatus.DRAFT },
      ]);
      await this.tips.update(organizationId, tip.id, { questionId });
      await this.replaceTags(organizationId, new Map([[tip.id, content.tags]]));
      const author = { userId: authorId, organizationId } as Caller;
      await this.tips.addRevisions([
        this.revision(tip.id, author, 1, content, ['title', 'body', 'tags', 'language']),
      ]);
      return tip.id;
    });
    return (await this.tips.findById(organizationId, id))!;
  }

  /** Every edit is a new revision: who, when, what changed. */
  async update(
    caller: Caller,
    id: string,
    changes: Partial<TipContent>,
  ): Promise<Outcome<TipEntity>> {
    const tip = await this.editable(caller, id);
    const content = cleanContent(changes);
    const next: TipContent = {
      title: content.title ?? tip.title,
      body: content.body ?? tip.body,
      tags: content.tags ?? tip.tags ?? [],
      language: content.language ?? tip.language,
    };
    const changed = (['title', 'body', 'tags', 'language'] as const).filter(
      (field) =>
        JSON.stringify(next[field]) !==
        JSON.stringify(field === 'tags' ? (tip.tags ?? []) : tip[field]),
    );
    if (changed.length === 0) return success(tip);
    await this.saveRevision(caller, tip, next, changed);
    return success((await this.tips.findById(caller.organizationId, id))!);
  }

  async restoreRevision(caller: Caller, id: string, number: number): Promise<Outcome<TipEntity>> {
    const tip = await this.editable(caller, id);
    const revision = await this.tips.findRevision(caller.organizationId, id, number);
    if (!revision)
      return failure(
        userError(UserErrorCode.NOT_FOUND, `The tip has no revision ${number}.`, 'revision'),
      );
    const { title, body, tags, language } = revision;
    await this.saveRevision(caller, tip, { title, body, tags, language }, [
      `restored revision ${number}`,
    ]);
    return success((await this.tips.findById(caller.organizationId, id))!);
  }

  revisions(caller: Caller, tip: TipEntity, page: PageArgs): Promise<Page<TipRevisionEntity>> {
    return this.tips.listRevisions(caller.organizationId, tip.id, page);
  }

  async publish(caller: Caller, id: string): Promise<Outcome<TipEntity>> {
    const tip = await this.visible(caller, id);
    if (!allows(caller, Permission.TIP_EDIT, { userId: tip.authorId }))
      throw forbidden('Only the author, leads and admins publish a draft.');
    if (tip.status !== TipStatus.DRAFT) {
      return failure(userError(UserErrorCode.NOT_ALLOWED, 'Only a draft can be published.', 'id'));
    }
    return this.changeStatus(
      tip,
      { status: TipStatus.PUBLISHED, ...(await this.publication(tip.organizationId)) },
      () => this.recordPublished(tip, caller.userId),
    );
  }

  /** A tip became visible to everyone: its author's knowledge is out (recognition, tag digests). */
  private recordPublished(
    tip: Pick<TipEntity, 'id' | 'organizationId' | 'authorId'> & { tags?: string[] },
    actorId: string,
  ) {
    return this.events.record({
      organizationId: tip.organizationId,
      type: 'tip.published',
      actorId,
      subjectId: tip.id,
      data: { authorId: tip.authorId, tags: tip.tags ?? [] },
    });
  }

  async archive(caller: Caller, id: string): Promise<Outcome<TipEntity>> {
    const tip = await this.visible(caller, id);
    if (!(await this.mayEdit(caller, tip)))
      throw forbidden(
        "Only the author, experts in the tip's tags, leads and admins archive a tip.",
      );
    return this.changeStatus(tip, { status: TipStatus.ARCHIVED });
  }

  /** Experts in the tip's tags, leads and admins confirm a tip is right: it is verified for another period. */
  async verify(caller: Caller, id: string): Promise<Outcome<TipEntity>> {
    const tip = await this.visible(caller, id);
    if (!(await this.mayCurate(caller, tip)))
      throw forbidden("Only experts in the tip's tags, leads and admins verify tips.");
    if (tip.status !== TipStatus.PUBLISHED && tip.status !== TipStatus.NEEDS_REVIEW) {
      return failure(
        userError(
          UserErrorCode.NOT_ALLOWED,
          'Only published tips and tips needing review are verified.',
          'id',
        ),
      );
    }
    return this.changeStatus(
      tip,
      {
        status: TipStatus.PUBLISHED,
        reviewReason: null,
        ...(await this.verification(tip.organizationId)),
      },
      async () => {
        await this.activity.clearFlags(tip.organizationId, tip.id);
        await this.events.record({
          organizationId: tip.organizationId,
          type: 'tip.verified',
          actorId: caller.userId,
          subjectId: tip.id,
          data: { counts: tip.authorId !== caller.userId },
        });
      },
    );
  }

  /** A lead's flag, or flags from three different agents, send a tip to review. */
  async flag(caller: Caller, id: string, reason: string): Promise<Outcome<TipEntity>> {
    const tip = await this.visible(caller, id);
    if (tip.status !== TipStatus.PUBLISHED && tip.status !== TipStatus.NEEDS_REVIEW) {
      return failure(
        userError(UserErrorCode.NOT_ALLOWED, 'Only published tips can be flagged.', 'id'),
      );
    }
    await this.write(tip.organizationId, async () => {
      const flags = await this.activity.addFlag(tip.organizationId, tip.id, caller.userId, reason);
      await this.events.record({
        organizationId: tip.organizationId,
        type: 'tip.flagged',
        actorId: caller.userId,
        subjectId: tip.id,
        data: { counts: false },
      });
      const review =
        tip.status === TipStatus.PUBLISHED &&
        (allows(caller, Permission.TIP_SEND_TO_REVIEW) || flags >= FLAGS_FOR_REVIEW);
      if (review)
        await this.tips.update(tip.organizationId, tip.id, {
          status: TipStatus.NEEDS_REVIEW,
          reviewReason: reason,
        });
      return tip.id;
    });
    return success((await this.tips.findById(tip.organizationId, tip.id))!);
  }

  /** "Used on call": once an hour per user counts; the author's own use never counts towards recognition. */
  async markUsed(caller: Caller, id: string): Promise<TipEntity> {
    const tip = await this.visible(caller, id);
    if (tip.status === TipStatus.DRAFT) return tip;
    await this.write(tip.organizationId, async () => {
      // one agent's clicks at once must count once: they take turns on the tip's row
      await this.tips.lock(tip.organizationId, tip.id);
      const since = new Date(Date.now() - REUSE_REPEAT_WINDOW_MS);
      if (
        await this.events.happenedSince(
          tip.organizationId,
          tip.id,
          caller.userId,
          'tip.used',
          since,
        )
      )
        return [];
      const counts = tip.authorId !== caller.userId;
      await this.events.record({
        organizationId: tip.organizationId,
        type: 'tip.used',
        actorId: caller.userId,
        subjectId: tip.id,
        data: { counts },
      });
      if (!counts) return [];
      await this.tips.addToCounter(tip.organizationId, tip.id, 'usedCount', 1);
      return [tip.id]; // reuse ranks the tip: the index learns it
    });
    return (await this.tips.findById(tip.organizationId, tip.id))!;
  }

  /** One helpful vote per user, which they can take back; an author's vote on their own tip is not counted. */
  async setHelpful(caller: Caller, id: string, helpful: boolean): Promise<TipEntity> {
    const tip = await this.visible(caller, id);
    await this.write(tip.organizationId, async () => {
      const changed = helpful
        ? await this.activity.addHelpfulVote(tip.organizationId, tip.id, caller.userId)
        : await this.activity.removeHelpfulVote(tip.organizationId, tip.id, caller.userId);
      if (!changed) return [];
      const counts = tip.authorId !== caller.userId;
      await this.events.record({
        organizationId: tip.organizationId,
        type: helpful ? 'tip.helpfulAdded' : 'tip.helpfulRemoved',
        actorId: caller.userId,
        subjectId: tip.id,
        data: { counts },
      });
      if (!counts) return [];
      await this.tips.addToCounter(tip.organizationId, tip.id, 'helpfulCount', helpful ? 1 : -1);
      return [tip.id];
    });
    return (await this.tips.findById(tip.organizationId, tip.id))!;
  }

  async setBookmark(caller: Caller, id: string, bookmarked: boolean): Promise<TipEntity> {
    const tip = await this.visible(caller, id);
    if (bookmarked) await this.activity.addBookmark(caller.organizationId, caller.userId, tip.id);
    else await this.activity.removeBookmark(caller.organizationId, caller.userId, tip.id);
    return tip;
  }

  /**
   * The caller's bookmarks, newest first (those they can still see), each with its place
   * in the list: when it was made, and the tip's id.
   */
  async bookmarks(caller: Caller, page: PageArgs): Promise<Page<Keyset & { tip: TipEntity }>> {
    const rows = await this.activity.listBookmarks(caller.organizationId, caller.userId, page);
    const tips = new Map(
      (
        await this.tips.findByIds(
          caller.organizationId,
          rows.map((row) => row.tipId),
        )
      ).map((tip) => [tip.id, tip]),
    );
    const nodes = rows.slice(0, page.first).flatMap((row) => {
      const tip = tips.get(row.tipId);
      return tip && this.canSee(caller, tip) ? [{ createdAt: row.createdAt, id: tip.id, tip }] : [];
    });
    return { nodes, hasNextPage: rows.length > page.first, hasPreviousPage: page.after !== null };
  }

  votedHelpful(caller: Caller, tipIds: readonly string[]): Promise<Set<string>> {
    return this.activity.votedTips(caller.organizationId, caller.userId, tipIds);
  }

  bookmarked(caller: Caller, tipIds: readonly string[]): Promise<Set<string>> {
    return this.activity.bookmarkedTips(caller.organizationId, caller.userId, tipIds);
  }

  /** Scheduled: published tips past their verification date go to review. */
  async expireVerifications(now = new Date()): Promise<number> {
    const expired = await this.tx.run(async () => {
      const tips = await this.tips.expire(now);
      for (const organizationId of new Set(tips.map((tip) => tip.organizationId)))
        await this.indexer.updateFromSource(
          organizationId,
          'TIP',
          tips.filter((tip) => tip.organizationId === organizationId).map((tip) => tip.id),
        );
      return tips;
    });
    if (expired.length && !this.tx.inTransaction) this.indexer.drainSoon();
    return expired.length;
  }

  /** The searchable form of tips; drafts are left out (and so removed from the index). */
  async searchDocuments(organizationId: string, ids: string[]): Promise<SearchDocument[]> {
    return searchDocuments(await this.tips.findByIds(organizationId, ids));
  }

  /**
   * Runs `work` in a transaction that also indexes the tips it returns (in the database's
   * engine, and through the outbox for Meilisearch), then starts the outbox's delivery.
   * Inside an outer transaction the delivery waits for the indexer's timer.
   */
  async write<T extends string | string[]>(
    organizationId: string,
    work: () => Promise<T>,
  ): Promise<T> {
    const result = await this.tx.run(async () => {
      const ids = await work();
      await this.indexer.updateFromSource(organizationId, 'TIP', [ids].flat());
      return ids;
    });
    if (!this.tx.inTransaction) this.indexer.drainSoon();
    return result;
  }

  /** The author edits their own tips; experts in the tip's tags, leads and admins edit any. */
  private async editable(caller: Caller, id: string): Promise<TipEntity> {
    const tip = await this.visible(caller, id);
    if (!(await this.mayEdit(caller, tip)))
      throw forbidden("Only the author, experts in the tip's tags, leads and admins edit a tip.");
    return tip;
  }

  /** Its author, and whoever curates it. */
  private async mayEdit(caller: Caller, tip: TipEntity): Promise<boolean> {
    return (
      allows(caller, Permission.TIP_EDIT, { userId: tip.authorId }) || this.mayCurate(caller, tip)
    );
  }

  /** Replaces the tags (normalized names) of each tip; tags are created on first use. */
  async replaceTags(organizationId: string, tagsByTip: Map<string, string[]>): Promise<void> {
    const ids = await this.tags.idsByName(organizationId, [...tagsByTip.values()].flat());
    await this.tips.setTags(
      organizationId,
      new Map([...tagsByTip].map(([tipId, names]) => [tipId, names.map((name) => ids.get(name)!)])),
    );
  }

  /** Leads and admins, and experts in one of the tip's tags. */
  private async mayCurate(caller: Caller, tip: TipEntity): Promise<boolean> {
    if (allows(caller, Permission.TIP_CURATE)) return true;
    if (callerScope(caller, Permission.TIP_CURATE) !== Scope.EXPERTISE) return false;
    const inExpertise = await this.expertise.isExpertInAny(
      caller.organizationId,
      caller.userId,
      tip.tags ?? [],
    );
    return allows(caller, Permission.TIP_CURATE, { inExpertise });
  }

  private async saveRevision(
    caller: Caller,
    tip: TipEntity,
    next: TipContent,
    changed: string[],
  ): Promise<void> {
    await this.write(tip.organizationId, async () => {
      // concurrent editors take turns, each writing the next revision
      const current = await this.tips.lock(tip.organizationId, tip.id);
      const number = (current ?? tip).revision + 1;
      const changes: TipChanges = {
        title: next.title,
        body: next.body,
        language: next.language,
        revision: number,
      };
      await this.tips.update(tip.organizationId, tip.id, changes);
      await this.replaceTags(tip.organizationId, new Map([[tip.id, next.tags]]));
      await this.tips.addRevisions([
        this.revision(tip.id, caller, number, next, changed, tip.organizationId),
      ]);
      await this.organizations.addLanguage(tip.organizationId, next.language);
      return tip.id;
    });
  }

  private revision(
    tipId: string,
    caller: Caller,
    number: number,
    content: TipContent,
    changed: string[],
    organizationId = caller.organizationId,
  ): Omit<TipRevisionEntity, 'id' | 'createdAt'> {
    return { organizationId, tipId, number, ...content, changed, editorId: caller.userId };
  }

  private async changeStatus(
    tip: TipEntity,
    changes: TipChanges,
    alsoDo?: () => Promise<void>,
  ): Promise<Outcome<TipEntity>> {
    await this.write(tip.organizationId, async () => {
      await this.tips.update(tip.organizationId, tip.id, changes);
      await alsoDo?.();
      return tip.id;
    });
    return success((await this.tips.findById(tip.organizationId, tip.id))!);
  }

  /** A tip verified now is due for verification again after the organization's period. */
  async verification(organizationId: string): Promise<Pick<TipEntity, 'verifyBy' | 'verifiedAt'>> {
    const organization = await this.organizations.findById(organizationId);
    const now = new Date();
    return {
      verifyBy: new Date(now.getTime() + (organization?.tipVerifyDays ?? 90) * DAY_MS),
      verifiedAt: now,
    };
  }

  /** Fields a tip gets when it is published. */
  async publication(
    organizationId: string,
  ): Promise<Pick<TipEntity, 'verifyBy' | 'verifiedAt' | 'publishedAt'>> {
    return { ...(await this.verification(organizationId)), publishedAt: new Date() };
  }
}

/** Tips as search documents; drafts are never searchable. */
export function searchDocuments(tips: TipEntity[]): SearchDocument[] {
  return tips
    .filter((tip) => SEARCHABLE.has(tip.status))
    .map((tip) => ({
      organizationId: tip.organizationId,
      type: 'TIP',
      id: tip.id,
      language: tip.language,
      status: tip.status,
      tags: tip.tags ?? [],
      title: tip.title,
      body: tip.body,
      reuse: tip.usedCount + tip.helpfulCount,
      freshAt: tip.verifiedAt ?? tip.updatedAt,
    }));
}
