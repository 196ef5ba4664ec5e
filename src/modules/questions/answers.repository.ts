import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionHost } from '../../database/transaction-host.js';
import { AnswerEntity, AnswerRevisionEntity } from './question.entities.js';

/** Answers, their revisions and votes, always within one organization. */
@Injectable()
export class AnswersRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get answers() {
    return this.tx.repository(AnswerEntity);
  }

  async insert(
    organizationId: string,
    answer: Pick<AnswerEntity, 'questionId' | 'authorId' | 'body'>,
  ): Promise<AnswerEntity> {
    const saved = await this.answers.save(this.answers.create({ ...answer, organizationId }));
    await this.addRevision(organizationId, saved.id, 1, answer.body, answer.authorId);
    return (await this.findById(organizationId, saved.id))!;
  }

  async findById(organizationId: string, id: string): Promise<AnswerEntity | null> {
    return this.answers.findOneBy({ organizationId, id });
  }

  findByIds(organizationId: string, ids: readonly string[]): Promise<AnswerEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.answers.findBy({ organizationId, id: In([...ids]) });
  }

  /** A question's answers, oldest first. */
  /** The answers of these questions, oldest first. */
  ofQuestions(organizationId: string, questionIds: readonly string[]): Promise<AnswerEntity[]> {
    return this.answers.find({
      where: { organizationId, questionId: In([...questionIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Locks the answer's row until the transaction ends; returns it as it is now. */
  async lock(organizationId: string, id: string): Promise<AnswerEntity | null> {
    await this.tx.manager.query(
      `SELECT 1 FROM answers WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
      [organizationId, id],
    );
    return this.findById(organizationId, id);
  }

  /** A new body as the next revision (the caller holds the answer's lock). */
  async revise(answer: AnswerEntity, body: string, editorId: string): Promise<void> {
    const revision = answer.revision + 1;
    await this.answers.update(
      { organizationId: answer.organizationId, id: answer.id },
      { body, revision },
    );
    await this.addRevision(answer.organizationId, answer.id, revision, body, editorId);
  }

  revisions(organizationId: string, answerId: string): Promise<AnswerRevisionEntity[]> {
    return this.tx
      .repository(AnswerRevisionEntity)
      .find({ where: { organizationId, answerId }, order: { number: 'ASC' } });
  }

  /** Sets (1 or -1) or removes (0) the user's vote; returns the vote it replaced (0: none). */
  async vote(
    organizationId: string,
    answerId: string,
    userId: string,
    value: -1 | 0 | 1,
  ): Promise<number> {
    const [previous] = await this.tx.manager.query(
      `SELECT value FROM answer_votes WHERE organization_id = $1 AND answer_id = $2 AND user_id = $3`,
      [organizationId, answerId, userId],
    );
    const before: number = previous?.value ?? 0;
    if (before === value) return before;
    if (value === 0)
      await this.tx.manager.query(
        `DELETE FROM answer_votes WHERE organization_id = $1 AND answer_id = $2 AND user_id = $3`,
        [organizationId, answerId, userId],
      );
    else
      await this.tx.manager.query(
        `INSERT INTO answer_votes (organization_id, answer_id, user_id, value) VALUES ($1, $2, $3, $4)
         ON CONFLICT (answer_id, user_id) DO UPDATE SET value = excluded.value`,
        [organizationId, answerId, userId, value],
      );
    await this.answers.increment({ organizationId, id: answerId }, 'score', value - before);
    return before;
  }

  /** The user's votes on these answers, keyed by answer. */
  async votesOf(
    organizationId: string,
    userId: string,
    answerIds: readonly string[],
  ): Promise<Map<string, number>> {
    const rows: { answer_id: string; value: number }[] = await this.tx.manager.query(
      `SELECT answer_id, value FROM answer_votes
       WHERE organization_id = $1 AND user_id = $2 AND answer_id = ANY($3::uuid[])`,
      [organizationId, userId, [...answerIds]],
    );
    return new Map(rows.map((row) => [row.answer_id, row.value]));
  }

  private async addRevision(
    organizationId: string,
    answerId: string,
    number: number,
    body: string,
    editorId: string,
  ): Promise<void> {
    await this.tx
      .repository(AnswerRevisionEntity)
      .insert({ organizationId, answerId, number, body, editorId });
  }
}
