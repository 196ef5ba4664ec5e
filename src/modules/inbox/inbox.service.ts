import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Caller } from '../../common/context/request-context.js';
import {
  Outcome,
  UserErrorCode,
  failure,
  success,
  userError,
} from '../../common/graphql/user-error.js';
import type { Page, PageArgs } from '../../database/keyset.js';
import { TransactionHost } from '../../database/transaction-host.js';
import type { DomainEvent } from '../events/domain-event.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { JobQueue } from '../jobs/job-queue.js';
import type { Job } from '../jobs/jobs.repository.js';
import { normalizeTag } from '../tags/tag-name.js';
import { TagsService } from '../tags/tags.service.js';
import { InboxRepository } from './inbox.repository.js';
import { NewNotification, NotificationEntity, NotificationKind } from './notification.entity.js';

export const DIGEST_JOB = 'inbox.digest';
export const MAX_WATCHED_TAGS = 50;
/** Watched tags are summed up at most this often per user: a digest, not a message per event. */
export const DIGEST_EVERY_MS = 60 * 60 * 1000;
const DIGESTED = ['question.asked', 'tip.published'] as const;

/** Each user's notifications, and the tags they watch. */
@Injectable()
export class InboxService implements OnModuleInit {
  private readonly listeners: ((added: NotificationEntity[]) => void)[] = [];

  constructor(
    private readonly tx: TransactionHost,
    private readonly inbox: InboxRepository,
    private readonly tags: TagsService,
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.handle(DIGEST_JOB, (job) => this.digest(job));
  }

  list(caller: Caller, unreadOnly: boolean, page: PageArgs): Promise<Page<NotificationEntity>> {
    return this.inbox.list(caller.organizationId, caller.userId, unreadOnly, page);
  }

  find(caller: Caller, id: string): Promise<NotificationEntity | null> {
    return this.inbox.findById(caller.organizationId, caller.userId, id);
  }

  markRead(caller: Caller, ids: string[] | null): Promise<number> {
    return this.inbox.markRead(caller.organizationId, caller.userId, ids);
  }

  unreadCount(caller: Caller): Promise<number> {
    return this.inbox.unreadCount(caller.organizationId, caller.userId);
  }

  /** Called with new notifications once their transaction commits (the live messages). */
  onAdded(listener: (added: NotificationEntity[]) => void): void {
    this.listeners.push(listener);
  }

  /** Adds notifications made from events (each once); returns the new ones. */
  async add(notifications: NewNotification[]): Promise<NotificationEntity[]> {
    const added = await this.inbox.add(notifications);
    if (added.length)
      this.tx.afterCommit(() => this.listeners.forEach((listener) => listener(added)));
    return added;
  }

  async watch(caller: Caller, tag: string, watch: boolean): Promise<Outcome<string[]>> {
    const name = normalizeTag(tag);
    const watched = await this.watchedTags(caller);
    if (watch && !watched.includes(name) && watched.length >= MAX_WATCHED_TAGS)
      return failure(
        userError(
          UserErrorCode.NOT_ALLOWED,
          `You watch ${MAX_WATCHED_TAGS} tags already; stop watching one first.`,
          'tag',
        ),
      );
    const [found] = watch
      ? await this.tags.ensure(caller.organizationId, [name])
      : await this.tags.findByNames(caller.organizationId, [name]);
    if (found) {
      if (watch) await this.inbox.watch(caller.organizationId, caller.userId, found.id);
      else await this.inbox.unwatch(caller.organizationId, caller.userId, found.id);
    }
    return success(await this.watchedTags(caller));
  }

  async watchedTags(caller: Caller): Promise<string[]> {
    return (
      (await this.inbox.watched(caller.organizationId, null, caller.userId)).get(caller.userId) ??
      []
    );
  }

  /**
   * New questions and tips in watched tags: each watcher (but the one who wrote it) gets a
   * digest within the hour, one for everything that happened meanwhile.
   */
  async scheduleDigests(events: DomainEvent[]): Promise<void> {
    const tagsOf = (event: DomainEvent) =>
      Array.isArray(event.data.tags) ? (event.data.tags as string[]) : [];
    const digested = events.filter(
      (event) => (DIGESTED as readonly string[]).includes(event.type) && tagsOf(event).length,
    );
    for (const organizationId of new Set(digested.map((event) => event.organizationId))) {
      const mine = digested.filter((event) => event.organizationId === organizationId);
      const watchers = await this.inbox.watched(organizationId, [...new Set(mine.flatMap(tagsOf))]);
      for (const event of mine) {
        const at = new Date(event.occurredAt).getTime();
        for (const [userId, tags] of watchers) {
          if (userId === event.actorId || !tagsOf(event).some((tag) => tags.includes(tag)))
            continue;
          await this.jobs.scheduleOnce(
            organizationId,
            DIGEST_JOB,
            userId,
            new Date(at + DIGEST_EVERY_MS),
            {
              since: new Date(at - 1).toISOString(),
            },
          );
        }
      }
    }
  }

  private async digest(job: Job): Promise<void> {
    const userId = job.key;
    const watched = new Set(
      (await this.inbox.watched(job.organizationId, null, userId)).get(userId) ?? [],
    );
    const since = new Date(String(job.data.since));
    const events = (await this.events.since(job.organizationId, [...DIGESTED], since)).filter(
      (event) =>
        event.actorId !== userId &&
        ((event.data.tags as string[] | undefined) ?? []).some((tag) => watched.has(tag)),
    );
    if (events.length === 0) return;
    const questions = events.filter((event) => event.type === 'question.asked').length;
    const tips = events.length - questions;
    const tags = [
      ...new Set(
        events.flatMap((event) => (event.data.tags as string[]).filter((tag) => watched.has(tag))),
      ),
    ];
    const parts = [
      questions && `${questions} new question${questions > 1 ? 's' : ''}`,
      tips && `${tips} new tip${tips > 1 ? 's' : ''}`,
    ].filter(Boolean);
    await this.add([
      {
        organizationId: job.organizationId,
        userId,
        kind: NotificationKind.TAG_DIGEST,
        message: `${parts.join(' and ')} in ${tags.join(', ')}`,
        subjectId: null,
        eventId: events.at(-1)!.id,
      },
    ]);
  }
}
