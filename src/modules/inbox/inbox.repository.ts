import { Injectable } from '@nestjs/common';
import type { Page, PageArgs } from '../../database/keyset.js';
import { returnedRows } from '../../database/returned-rows.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { NewNotification, NotificationEntity } from './notification.entity.js';

/** Notifications and tag watches, always of one user in one organization. */
@Injectable()
export class InboxRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get notifications() {
    return this.tx.repository(NotificationEntity);
  }

  /** Adds notifications, skipping any already made from the same event; returns the new ones. */
  async add(notifications: NewNotification[]): Promise<NotificationEntity[]> {
    if (notifications.length === 0) return [];
    const rows = await this.tx.manager.query(
      `INSERT INTO notifications (organization_id, user_id, kind, message, subject_id, event_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::bigint[])
       ON CONFLICT (user_id, event_id, kind) DO NOTHING
       RETURNING id`,
      [
        notifications.map((n) => n.organizationId),
        notifications.map((n) => n.userId),
        notifications.map((n) => n.kind),
        notifications.map((n) => n.message),
        notifications.map((n) => n.subjectId),
        notifications.map((n) => n.eventId),
      ],
    );
    const ids = rows.map((row: { id: string }) => row.id);
    return ids.length ? this.notifications.findBy(ids.map((id: string) => ({ id }))) : [];
  }

  async findById(
    organizationId: string,
    userId: string,
    id: string,
  ): Promise<NotificationEntity | null> {
    return this.notifications.findOneBy({ organizationId, userId, id });
  }

  /** The user's notifications, newest first. */
  async list(
    organizationId: string,
    userId: string,
    unreadOnly: boolean,
    { first, after }: PageArgs,
  ): Promise<Page<NotificationEntity>> {
    const query = this.notifications
      .createQueryBuilder('n')
      .where('n.organizationId = :organizationId AND n.userId = :userId', {
        organizationId,
        userId,
      });
    if (unreadOnly) query.andWhere('n.readAt IS NULL');
    if (after)
      query.andWhere('(n.createdAt, n.id) < (:createdAt, :id)', {
        createdAt: after.createdAt,
        id: after.id,
      });
    const rows = await query
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(first + 1)
      .getMany();
    return {
      nodes: rows.slice(0, first),
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== null,
    };
  }

  /** Marks these notifications (all, when `ids` is null) read; returns how many changed. */
  async markRead(organizationId: string, userId: string, ids: string[] | null): Promise<number> {
    const rows = returnedRows(
      await this.tx.manager.query(
        `UPDATE notifications SET read_at = clock_timestamp()
         WHERE organization_id = $1 AND user_id = $2 AND read_at IS NULL
           AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))
         RETURNING id`,
        [organizationId, userId, ids],
      ),
    );
    return rows.length;
  }

  async unreadCount(organizationId: string, userId: string): Promise<number> {
    return this.notifications
      .createQueryBuilder('n')
      .where('n.organizationId = :organizationId AND n.userId = :userId AND n.readAt IS NULL', {
        organizationId,
        userId,
      })
      .getCount();
  }

  async watch(organizationId: string, userId: string, tagId: string): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO tag_watches (organization_id, user_id, tag_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [organizationId, userId, tagId],
    );
  }

  async unwatch(organizationId: string, userId: string, tagId: string): Promise<void> {
    await this.tx.manager.query(
      `DELETE FROM tag_watches WHERE organization_id = $1 AND user_id = $2 AND tag_id = $3`,
      [organizationId, userId, tagId],
    );
  }

  /** Tag names each user watches, among `tagNames` (all of them when null). */
  async watched(
    organizationId: string,
    tagNames: string[] | null,
    userId: string | null = null,
  ): Promise<Map<string, string[]>> {
    const rows: { user_id: string; name: string }[] = await this.tx.manager.query(
      `SELECT w.user_id, t.name FROM tag_watches w JOIN tags t ON t.id = w.tag_id
       WHERE w.organization_id = $1 AND ($2::text[] IS NULL OR t.name = ANY($2::text[]))
         AND ($3::uuid IS NULL OR w.user_id = $3)
       ORDER BY t.name`,
      [organizationId, tagNames, userId],
    );
    const byUser = new Map<string, string[]>();
    for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.name]);
    return byUser;
  }
}
