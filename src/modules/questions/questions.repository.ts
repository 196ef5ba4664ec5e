import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { Page, PageArgs } from '../../database/keyset.js';
import { returnedRows } from '../../database/returned-rows.js';
import { TransactionHost } from '../../database/transaction-host.js';
import {
  DeclineReason,
  QuestionEntity,
  QuestionOfferEntity,
  QuestionStatus,
} from './question.entities.js';

export type NewQuestion = Pick<
  QuestionEntity,
  | 'askerId'
  | 'teamId'
  | 'title'
  | 'body'
  | 'stepsTried'
  | 'language'
  | 'urgency'
  | 'status'
  | 'deadline'
  | 'fromSearchId'
>;

export type QuestionChanges = Partial<
  Pick<
    QuestionEntity,
    | 'status'
    | 'round'
    | 'uncoveredTags'
    | 'claimedBy'
    | 'claimedAt'
    | 'firstAnswerAt'
    | 'acceptedAnswerId'
    | 'answerCount'
    | 'tipId'
    | 'escalatedAt'
    | 'closedAt'
  >
>;

export interface QuestionFilter {
  askerId?: string;
  /** questions with a live offer to this user */
  offeredTo?: string;
  teamId?: string;
  statuses?: QuestionStatus[];
  tags?: string[];
}

/** What routing weighs for each expert, beyond their tags. */
export interface ExpertLoad {
  openQuestions: number;
  lastRoutedAt: Date | null;
  recentAccepted: number;
}

/** An offer nobody has acted on, of a question still waiting for a claim. */
const LIVE_OFFER = `o.claimed_at IS NULL AND o.declined_at IS NULL AND o.withdrawn_at IS NULL`;

/** Questions, their tags and their offers, always within one organization. */
@Injectable()
export class QuestionsRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get questions() {
    return this.tx.repository(QuestionEntity);
  }

  private get offers() {
    return this.tx.repository(QuestionOfferEntity);
  }

  async insert(organizationId: string, question: NewQuestion): Promise<QuestionEntity> {
    const entity = this.questions.create({ ...question, organizationId });
    return this.questions.save(entity);
  }

  async setTags(organizationId: string, questionId: string, tagIds: string[]): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO question_tags (organization_id, question_id, tag_id)
       SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`,
      [organizationId, questionId, tagIds],
    );
  }

  async findById(organizationId: string, id: string): Promise<QuestionEntity | null> {
    const [question] = await this.findByIds(organizationId, [id]);
    return question ?? null;
  }

  async findByIds(organizationId: string, ids: readonly string[]): Promise<QuestionEntity[]> {
    if (ids.length === 0) return [];
    return this.withTags(
      organizationId,
      await this.questions.findBy({ organizationId, id: In([...ids]) }),
    );
  }

  /** Locks the question's row until the transaction ends; returns it as it is now. */
  async lock(organizationId: string, id: string): Promise<QuestionEntity | null> {
    await this.tx.manager.query(
      `SELECT 1 FROM questions WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
      [organizationId, id],
    );
    return this.findById(organizationId, id);
  }

  async update(organizationId: string, id: string, changes: QuestionChanges): Promise<void> {
    await this.questions.update({ organizationId, id }, changes);
  }

  /** Newest first: `first` of them (and one more, if any) after `after`. */
  async list(
    organizationId: string,
    filter: QuestionFilter,
    { first, after }: PageArgs,
  ): Promise<Page<QuestionEntity>> {
    const query = this.questions
      .createQueryBuilder('q')
      .where('q.organizationId = :organizationId', { organizationId });
    if (filter.askerId) query.andWhere('q.askerId = :askerId', { askerId: filter.askerId });
    if (filter.teamId) query.andWhere('q.teamId = :teamId', { teamId: filter.teamId });
    if (filter.statuses?.length)
      query.andWhere('q.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.offeredTo)
      query.andWhere(
        `EXISTS (SELECT 1 FROM question_offers o WHERE o.organization_id = q.organization_id
           AND o.question_id = q.id AND o.expert_id = :offeredTo AND ${LIVE_OFFER})
         AND q.status IN ('OPEN', 'ESCALATED') AND q.claimed_by IS NULL`,
        { offeredTo: filter.offeredTo },
      );
    if (filter.tags?.length)
      query.andWhere(
        `EXISTS (SELECT 1 FROM question_tags qt JOIN tags t ON t.id = qt.tag_id
           WHERE qt.organization_id = q.organization_id AND qt.question_id = q.id
             AND t.name IN (:...tags))`,
        { tags: filter.tags },
      );
    if (after)
      query.andWhere('(q.createdAt, q.id) < (:createdAt, :id)', {
        createdAt: after.createdAt,
        id: after.id,
      });
    const rows = await query
      .orderBy('q.createdAt', 'DESC')
      .addOrderBy('q.id', 'DESC')
      .limit(first + 1)
      .getMany();
    return {
      nodes: await this.withTags(organizationId, rows.slice(0, first)),
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== null,
    };
  }

  /** The asker's questions still waiting for an answer. */
  async waitingOf(organizationId: string, askerId: string): Promise<number> {
    return this.questions.count({
      where: {
        organizationId,
        askerId,
        status: In([QuestionStatus.OPEN, QuestionStatus.CLAIMED, QuestionStatus.ESCALATED]),
      },
    });
  }

  async addOffers(
    organizationId: string,
    questionId: string,
    expertIds: string[],
    round: number,
    toLead = false,
  ): Promise<string[]> {
    if (expertIds.length === 0) return [];
    const rows = await this.tx.manager.query(
      `INSERT INTO question_offers (organization_id, question_id, expert_id, round, to_lead)
       SELECT $1, $2, unnest($3::uuid[]), $4, $5 ON CONFLICT DO NOTHING RETURNING expert_id`,
      [organizationId, questionId, expertIds, round, toLead],
    );
    return rows.map((row: { expert_id: string }) => row.expert_id);
  }

  offersOf(organizationId: string, questionId: string): Promise<QuestionOfferEntity[]> {
    return this.offers.find({
      where: { organizationId, questionId },
      order: { offeredAt: 'ASC', id: 'ASC' },
    });
  }

  async offerTo(
    organizationId: string,
    questionId: string,
    expertId: string,
  ): Promise<QuestionOfferEntity | null> {
    return this.offers.findOneBy({ organizationId, questionId, expertId });
  }

  /** The caller's offers of these questions, keyed by question. */
  async offersTo(
    organizationId: string,
    expertId: string,
    questionIds: readonly string[],
  ): Promise<Map<string, QuestionOfferEntity>> {
    const offers = await this.offers.findBy({
      organizationId,
      expertId,
      questionId: In([...questionIds]),
    });
    return new Map(offers.map((offer) => [offer.questionId, offer]));
  }

  /** Marks a live offer seen, claimed or declined; false when there was no live offer. */
  async settleOffer(
    organizationId: string,
    questionId: string,
    expertId: string,
    change: 'seen' | 'claimed' | { declined: DeclineReason },
  ): Promise<boolean> {
    const set =
      change === 'seen'
        ? 'seen_at = COALESCE(seen_at, clock_timestamp())'
        : change === 'claimed'
          ? 'claimed_at = clock_timestamp(), seen_at = COALESCE(seen_at, clock_timestamp())'
          : 'declined_at = clock_timestamp(), decline_reason = $4';
    const rows = returnedRows(
      await this.tx.manager.query(
        `UPDATE question_offers o SET ${set}
         WHERE o.organization_id = $1 AND o.question_id = $2 AND o.expert_id = $3 AND ${LIVE_OFFER}
         RETURNING o.id`,
        typeof change === 'object'
          ? [organizationId, questionId, expertId, change.declined]
          : [organizationId, questionId, expertId],
      ),
    );
    return rows.length > 0;
  }

  /** Withdraws the live offers of a question (it was claimed, answered or closed); returns whose. */
  async withdrawOffers(organizationId: string, questionId: string): Promise<string[]> {
    const rows = returnedRows<{ expert_id: string }>(
      await this.tx.manager.query(
        `UPDATE question_offers o SET withdrawn_at = clock_timestamp()
         WHERE o.organization_id = $1 AND o.question_id = $2 AND ${LIVE_OFFER}
         RETURNING o.expert_id`,
        [organizationId, questionId],
      ),
    );
    return rows.map((row) => row.expert_id);
  }

  /** Whether the question still has offers nobody has acted on. */
  async hasLiveOffers(organizationId: string, questionId: string): Promise<boolean> {
    const rows = await this.tx.manager.query(
      `SELECT 1 FROM question_offers o WHERE o.organization_id = $1 AND o.question_id = $2 AND ${LIVE_OFFER} LIMIT 1`,
      [organizationId, questionId],
    );
    return rows.length > 0;
  }

  /**
   * For each expert: open questions (live offers of unclaimed questions, plus claimed ones
   * not yet answered), when they were last offered one, and their answers accepted in the
   * last `days` days in any of `tags`.
   */
  async loadOf(
    organizationId: string,
    expertIds: string[],
    tags: string[],
    days: number,
  ): Promise<Map<string, ExpertLoad>> {
    const rows: {
      id: string;
      open: number;
      last_routed_at: Date | null;
      accepted: number;
    }[] = await this.tx.manager.query(
      `WITH accepted AS (
         SELECT a.author_id, count(*)::int AS n
         FROM answers a JOIN questions q
           ON q.organization_id = a.organization_id AND q.accepted_answer_id = a.id
         WHERE a.organization_id = $1 AND a.author_id = ANY($2::uuid[])
           AND a.created_at > clock_timestamp() - make_interval(days => $4)
           AND EXISTS (SELECT 1 FROM question_tags qt JOIN tags t ON t.id = qt.tag_id
                       WHERE qt.organization_id = q.organization_id AND qt.question_id = q.id
                         AND t.name = ANY($3::text[]))
         GROUP BY a.author_id)
       SELECT e.id,
         (SELECT count(*) FROM question_offers o JOIN questions q
            ON q.organization_id = o.organization_id AND q.id = o.question_id
          WHERE o.organization_id = $1 AND o.expert_id = e.id AND ${LIVE_OFFER}
            AND q.status IN ('OPEN', 'ESCALATED') AND q.claimed_by IS NULL)::int
         + (SELECT count(*) FROM questions q WHERE q.organization_id = $1 AND q.claimed_by = e.id
            AND q.status IN ('CLAIMED', 'ESCALATED'))::int AS open,
         (SELECT max(o.offered_at) FROM question_offers o
          WHERE o.organization_id = $1 AND o.expert_id = e.id) AS last_routed_at,
         COALESCE((SELECT n FROM accepted WHERE accepted.author_id = e.id), 0) AS accepted
       FROM unnest($2::uuid[]) AS e(id)`,
      [organizationId, expertIds, tags, days],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          openQuestions: row.open,
          lastRoutedAt: row.last_routed_at,
          recentAccepted: row.accepted,
        },
      ]),
    );
  }

  private async withTags(
    organizationId: string,
    questions: QuestionEntity[],
  ): Promise<QuestionEntity[]> {
    if (questions.length === 0) return questions;
    const rows: { question_id: string; name: string }[] = await this.tx.manager.query(
      `SELECT qt.question_id, t.name FROM question_tags qt JOIN tags t ON t.id = qt.tag_id
       WHERE qt.organization_id = $1 AND qt.question_id = ANY($2::uuid[]) ORDER BY t.name`,
      [organizationId, questions.map((question) => question.id)],
    );
    for (const question of questions)
      question.tags = rows.filter((row) => row.question_id === question.id).map((row) => row.name);
    return questions;
  }
}
