import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { PageArgs } from '../../database/keyset.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { BookmarkEntity, HelpfulVoteEntity, TipFlagEntity } from './tip.entities.js';

/** What agents keep about tips: helpful votes, flags and bookmarks (what they did is in the domain-event log). */
@Injectable()
export class TipActivityRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Adds the vote; false when the user had already voted. */
  async addHelpfulVote(organizationId: string, tipId: string, userId: string): Promise<boolean> {
    const result = await this.tx.manager.query(
      `INSERT INTO tip_helpful_votes (organization_id, tip_id, user_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING tip_id`,
      [organizationId, tipId, userId],
    );
    return result.length > 0;
  }

  /** Removes the vote; false when there was none. */
  async removeHelpfulVote(organizationId: string, tipId: string, userId: string): Promise<boolean> {
    const result = await this.tx
      .repository(HelpfulVoteEntity)
      .delete({ organizationId, tipId, userId });
    return (result.affected ?? 0) > 0;
  }

  async votedTips(
    organizationId: string,
    userId: string,
    tipIds: readonly string[],
  ): Promise<Set<string>> {
    const votes = await this.tx
      .repository(HelpfulVoteEntity)
      .findBy({ organizationId, userId, tipId: In([...tipIds]) });
    return new Set(votes.map((vote) => vote.tipId));
  }

  /** Records the flag (once per user); returns how many distinct agents have flagged the tip. */
  async addFlag(
    organizationId: string,
    tipId: string,
    userId: string,
    reason: string,
  ): Promise<number> {
    await this.tx.manager.query(
      `INSERT INTO tip_flags (organization_id, tip_id, user_id, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [organizationId, tipId, userId, reason],
    );
    return this.tx.repository(TipFlagEntity).countBy({ organizationId, tipId });
  }

  async clearFlags(organizationId: string, tipId: string): Promise<void> {
    await this.tx.repository(TipFlagEntity).delete({ organizationId, tipId });
  }

  async addBookmark(organizationId: string, userId: string, tipId: string): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO bookmarks (organization_id, user_id, tip_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [organizationId, userId, tipId],
    );
  }

  async removeBookmark(organizationId: string, userId: string, tipId: string): Promise<void> {
    await this.tx.repository(BookmarkEntity).delete({ organizationId, userId, tipId });
  }

  async bookmarkedTips(
    organizationId: string,
    userId: string,
    tipIds: readonly string[],
  ): Promise<Set<string>> {
    const rows = await this.tx
      .repository(BookmarkEntity)
      .findBy({ organizationId, userId, tipId: In([...tipIds]) });
    return new Set(rows.map((row) => row.tipId));
  }

  /** The user's bookmarks, newest first: `first` of them (and one more, if any) after `after`. */
  listBookmarks(
    organizationId: string,
    userId: string,
    { first, after }: PageArgs,
  ): Promise<BookmarkEntity[]> {
    const query = this.tx
      .repository(BookmarkEntity)
      .createQueryBuilder('b')
      .where('b.organizationId = :organizationId AND b.userId = :userId', {
        organizationId,
        userId,
      });
    if (after) {
      query.andWhere('(b.createdAt, b.tipId) < (:createdAt, :tipId)', {
        createdAt: after.createdAt,
        tipId: after.id,
      });
    }
    return query
      .orderBy('b.createdAt', 'DESC')
      .addOrderBy('b.tipId', 'DESC')
      .limit(first + 1)
      .getMany();
  }
}
