import { Injectable, OnModuleInit } from '@nestjs/common';
import { Permission, allows } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { forbidden, notFound } from '../../common/graphql/errors.js';
import {
  Outcome,
  UserErrorCode,
  failure,
  success,
  userError,
} from '../../common/graphql/user-error.js';
import type { Page, PageArgs } from '../../database/keyset.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { QUESTION_STATUS, SearchDocument } from '../../search/search-engine.js';
import { SearchIndexer } from '../../search/search-indexer.js';
import type { DomainEvent } from '../events/domain-event.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { ExpertiseService } from '../expertise/expertise.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { TagsService } from '../tags/tags.service.js';
import { TipEntity } from '../tips/tip.entities.js';
import { TipsService } from '../tips/tips.service.js';
import { UsersService } from '../users/users.service.js';
import { AnswersRepository } from './answers.repository.js';
import {
  AnswerEntity,
  DeclineReason,
  QuestionEntity,
  QuestionOfferEntity,
  QuestionStatus,
  Urgency,
} from './question.entities.js';
import { QuestionRouting } from './question-routing.service.js';
import { QuestionFilter, QuestionsRepository } from './questions.repository.js';

export interface NewQuestionDetails {
  title: string;
  body: string;
  stepsTried: string;
  tags: string[];
  language?: string;
  urgency: Urgency;
  fromSearchId?: string | null;
}

/** Questions one agent may have waiting for an answer at once. */
export const MAX_WAITING_PER_ASKER = 5;

/** Statuses in which a question still waits for someone to take it. */
const CLAIMABLE = new Set([QuestionStatus.OPEN, QuestionStatus.ESCALATED]);

/**
 * Asking, claiming, answering, voting, accepting and closing expert questions. Every
 * change locks the question's (or answer's) row, so concurrent callers take turns, and
 * records a domain event in the same transaction.
 */
@Injectable()
export class QuestionsService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionHost,
    private readonly questions: QuestionsRepository,
    private readonly answers: AnswersRepository,
    private readonly routing: QuestionRouting,
    private readonly events: DomainEvents,
    private readonly expertise: ExpertiseService,
    private readonly tags: TagsService,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly tips: TipsService,
    private readonly indexer: SearchIndexer,
  ) {}

  onModuleInit(): void {
    this.indexer.register('QUESTION', (organizationId, ids) =>
      this.searchDocuments(organizationId, ids),
    );
  }

  /**
   * Answered questions, as search finds them: the question, then its accepted (or best)
   * answer. Unanswered ones are left out, and so removed from the index.
   */
  async searchDocuments(organizationId: string, ids: string[]): Promise<SearchDocument[]> {
    const questions = (await this.questions.findByIds(organizationId, ids)).filter(
      (question) => question.answerCount > 0,
    );
    const documents: SearchDocument[] = [];
    for (const question of questions) {
      const answers = await this.answers.ofQuestions(organizationId, [question.id]);
      const best =
        answers.find((answer) => answer.id === question.acceptedAnswerId) ??
        [...answers].sort((a, b) => b.score - a.score)[0];
      documents.push({
        organizationId,
        type: 'QUESTION',
        id: question.id,
        language: question.language,
        status: QUESTION_STATUS,
        tags: question.tags ?? [],
        title: question.title,
        body: [question.body, best?.body ?? ''].filter(Boolean).join('\n\n'),
        reuse: Math.max(0, best?.score ?? 0) + (question.acceptedAnswerId ? 1 : 0),
        freshAt: question.updatedAt,
      });
    }
    return documents;
  }

  /**
   * Within a change's transaction: the question's search document follows it, in the same
   * transaction when the engine allows, else through the outbox once it commits.
   */
  private async reindex(organizationId: string, questionId: string): Promise<void> {
    const documents = await this.searchDocuments(organizationId, [questionId]);
    await this.indexer.update(organizationId, 'QUESTION', [questionId], documents);
    this.tx.afterCommit(() => void this.indexer.drainSoon());
  }

  /** Every question of the organization is readable by its members. */
  async visible(caller: Caller, id: string): Promise<QuestionEntity> {
    const question = await this.questions.findById(caller.organizationId, id);
    if (!question) throw notFound('question');
    return question;
  }

  findByIds(organizationId: string, ids: readonly string[]): Promise<QuestionEntity[]> {
    return this.questions.findByIds(organizationId, ids);
  }

  list(caller: Caller, filter: QuestionFilter, page: PageArgs): Promise<Page<QuestionEntity>> {
    return this.questions.list(caller.organizationId, filter, page);
  }

  async ask(caller: Caller, details: NewQuestionDetails): Promise<Outcome<QuestionEntity>> {
    const { organizationId } = caller;
    // each question reaches several experts at once: one agent cannot flood them
    if ((await this.questions.waitingOf(organizationId, caller.userId)) >= MAX_WAITING_PER_ASKER)
      return failure(
        userError(
          UserErrorCode.NOT_ALLOWED,
          `You have ${MAX_WAITING_PER_ASKER} questions waiting for an answer: close one you no longer need, or wait for an answer.`,
        ),
      );
    const organization = (await this.organizations.findById(organizationId))!;
    const asker = (await this.users.findById(organizationId, caller.userId))!;
    const seconds =
      details.urgency === Urgency.LIVE_CALL
        ? organization.liveCallDeadlineSeconds
        : organization.normalDeadlineSeconds;
    const id = await this.tx.run(async () => {
      const question = await this.questions.insert(organizationId, {
        askerId: caller.userId,
        teamId: asker.teamId,
        title: details.title,
        body: details.body,
        stepsTried: details.stepsTried,
        language: details.language ?? asker.locale.split('-')[0].toLowerCase(),
        urgency: details.urgency,
        status: QuestionStatus.OPEN,
        deadline: new Date(Date.now() + seconds * 1000),
        fromSearchId: details.fromSearchId ?? null,
      });
      const tagIds = await this.tags.idsByName(organizationId, details.tags);
      await this.questions.setTags(organizationId, question.id, [...tagIds.values()]);
      await this.events.record({
        organizationId,
        type: 'question.asked',
        actorId: caller.userId,
        subjectId: question.id,
        data: { urgency: details.urgency, tags: details.tags },
      });
      await this.routing.routeNew((await this.questions.findById(organizationId, question.id))!);
      return question.id;
    });
    return success((await this.questions.findById(organizationId, id))!);
  }

  /** The first claim wins; later ones are told who was faster. */
  async claim(caller: Caller, id: string): Promise<Outcome<QuestionEntity>> {
    const question = await this.answerable(caller, id);
    const claimed = await this.tx.run(async () => {
      const current = (await this.questions.lock(caller.organizationId, id))!;
      if (current.claimedBy === caller.userId) return true;
      if (current.claimedBy || !CLAIMABLE.has(current.status)) return false;
      await this.takeOn(current, caller.userId);
      return true;
    });
    if (!claimed)
      return failure(
        userError(
          UserErrorCode.TAKEN,
          'Another expert claimed or answered this question first.',
          'questionId',
        ),
      );
    return success((await this.questions.findById(caller.organizationId, question.id))!);
  }

  async decline(
    caller: Caller,
    id: string,
    reason: DeclineReason,
  ): Promise<Outcome<QuestionEntity>> {
    await this.visible(caller, id);
    const declined = await this.tx.run(async () => {
      const current = (await this.questions.lock(caller.organizationId, id))!;
      const settled = await this.questions.settleOffer(caller.organizationId, id, caller.userId, {
        declined: reason,
      });
      if (!settled) return false;
      await this.events.record({
        organizationId: caller.organizationId,
        type: 'question.declined',
        actorId: caller.userId,
        subjectId: id,
        data: { reason },
      });
      await this.routing.replaceDecline(current);
      return true;
    });
    if (!declined)
      return failure(
        userError(
          UserErrorCode.NOT_FOUND,
          'You have no open offer of this question: it was claimed, answered, withdrawn or declined already.',
          'questionId',
        ),
      );
    return success((await this.questions.findById(caller.organizationId, id))!);
  }

  /** The expert has seen the offer (the desk says so when it shows it). */
  async markSeen(caller: Caller, id: string): Promise<QuestionEntity> {
    const question = await this.visible(caller, id);
    await this.tx.run(async () => {
      if (await this.questions.settleOffer(caller.organizationId, id, caller.userId, 'seen'))
        await this.events.record({
          organizationId: caller.organizationId,
          type: 'question.seen',
          actorId: caller.userId,
          subjectId: id,
        });
    });
    return question;
  }

  /** An answer; on a question nobody claimed, it claims it. */
  async answer(caller: Caller, questionId: string, body: string): Promise<Outcome<AnswerEntity>> {
    const question = await this.answerable(caller, questionId);
    if (question.status === QuestionStatus.CLOSED)
      return failure(
        userError(
          UserErrorCode.NOT_ALLOWED,
          'The question is closed; reopen it to answer.',
          'questionId',
        ),
      );
    const answer = await this.tx.run(async () => {
      const current = (await this.questions.lock(caller.organizationId, questionId))!;
      if (!current.claimedBy) await this.takeOn(current, caller.userId);
      const answer = await this.answers.insert(caller.organizationId, {
        questionId,
        authorId: caller.userId,
        body,
      });
      const now = new Date();
      await this.questions.update(caller.organizationId, questionId, {
        status: current.status === QuestionStatus.CLOSED ? current.status : QuestionStatus.ANSWERED,
        answerCount: current.answerCount + 1,
        firstAnswerAt: current.firstAnswerAt ?? now,
      });
      await this.routing.stop(current, { keepDeadline: false });
      await this.events.record({
        organizationId: caller.organizationId,
        type: 'question.answered',
        actorId: caller.userId,
        subjectId: questionId,
        data: {
          answerId: answer.id,
          askerId: current.askerId,
          urgency: current.urgency,
          first: current.answerCount === 0,
          beforeDeadline: now <= current.deadline,
        },
      });
      await this.reindex(caller.organizationId, questionId);
      return answer;
    });
    return success(answer);
  }

  /** The answer's author edits it; each edit is a revision. */
  async updateAnswer(caller: Caller, id: string, body: string): Promise<Outcome<AnswerEntity>> {
    const answer = await this.answerById(caller, id);
    if (!allows(caller, Permission.ANSWER_EDIT, { userId: answer.authorId }))
      throw forbidden('Only the author of an answer (or an admin) edits it.');
    await this.tx.run(async () => {
      const current = (await this.answers.lock(caller.organizationId, id))!;
      if (current.body === body) return;
      await this.answers.revise(current, body, caller.userId);
      await this.reindex(caller.organizationId, current.questionId);
    });
    return success((await this.answers.findById(caller.organizationId, id))!);
  }

  /** One vote per user: 1 up, -1 down, 0 takes it back; never on one's own answer. */
  async vote(caller: Caller, id: string, value: -1 | 0 | 1): Promise<Outcome<AnswerEntity>> {
    const answer = await this.answerById(caller, id);
    if (answer.authorId === caller.userId)
      return failure(
        userError(UserErrorCode.NOT_ALLOWED, 'You cannot vote on your own answer.', 'answerId'),
      );
    await this.tx.run(async () => {
      await this.answers.lock(caller.organizationId, id);
      const previous = await this.answers.vote(caller.organizationId, id, caller.userId, value);
      if (previous === value) return;
      await this.events.record({
        organizationId: caller.organizationId,
        type: 'answer.voted',
        actorId: caller.userId,
        subjectId: answer.questionId,
        data: { answerId: id, authorId: answer.authorId, value, previous },
      });
      await this.reindex(caller.organizationId, answer.questionId);
    });
    return success((await this.answers.findById(caller.organizationId, id))!);
  }

  /** The asker, their leads or an admin accept an answer; accepting another moves the acceptance. */
  async accept(caller: Caller, answerId: string): Promise<Outcome<AnswerEntity>> {
    const answer = await this.answerById(caller, answerId);
    const question = await this.managed(caller, answer.questionId);
    await this.tx.run(async () => {
      const current = (await this.questions.lock(caller.organizationId, question.id))!;
      if (current.acceptedAnswerId === answerId) return;
      const previous =
        current.acceptedAnswerId &&
        (await this.answers.findById(caller.organizationId, current.acceptedAnswerId));
      await this.questions.update(caller.organizationId, question.id, {
        acceptedAnswerId: answerId,
      });
      const events = [];
      if (previous)
        events.push({
          organizationId: caller.organizationId,
          type: 'question.unaccepted' as const,
          actorId: caller.userId,
          subjectId: question.id,
          data: { answerId: previous.id, authorId: previous.authorId },
        });
      events.push({
        organizationId: caller.organizationId,
        type: 'question.accepted' as const,
        actorId: caller.userId,
        subjectId: question.id,
        data: { answerId, authorId: answer.authorId, askerId: current.askerId },
      });
      await this.events.record(...events);
      await this.reindex(caller.organizationId, question.id);
    });
    return success((await this.answers.findById(caller.organizationId, answerId))!);
  }

  async close(caller: Caller, id: string): Promise<Outcome<QuestionEntity>> {
    await this.managed(caller, id);
    await this.tx.run(async () => {
      const current = (await this.questions.lock(caller.organizationId, id))!;
      if (current.status === QuestionStatus.CLOSED) return;
      await this.questions.update(caller.organizationId, id, {
        status: QuestionStatus.CLOSED,
        closedAt: new Date(),
      });
      await this.questions.withdrawOffers(caller.organizationId, id);
      await this.routing.stop(current, { keepDeadline: false });
      await this.events.record({
        organizationId: caller.organizationId,
        type: 'question.closed',
        actorId: caller.userId,
        subjectId: id,
        data: { previousStatus: current.status },
      });
    });
    return success((await this.questions.findById(caller.organizationId, id))!);
  }

  /** A closed question with answers goes back to ANSWERED. */
  async reopen(caller: Caller, id: string): Promise<Outcome<QuestionEntity>> {
    await this.managed(caller, id);
    const problem = await this.tx.run(async () => {
      const current = (await this.questions.lock(caller.organizationId, id))!;
      if (current.status !== QuestionStatus.CLOSED) return 'Only a closed question is reopened.';
      if (current.answerCount === 0)
        return 'It was closed without an answer: ask it again instead, so experts are offered it.';
      await this.questions.update(caller.organizationId, id, {
        status: QuestionStatus.ANSWERED,
        closedAt: null,
      });
      await this.events.record({
        organizationId: caller.organizationId,
        type: 'question.reopened',
        actorId: caller.userId,
        subjectId: id,
      });
      return null;
    });
    if (problem) return failure(userError(UserErrorCode.NOT_ALLOWED, problem, 'questionId'));
    return success((await this.questions.findById(caller.organizationId, id))!);
  }

  /**
   * A draft tip from the question and its accepted answer, authored by the answerer (who
   * publishes it), tags carried over, linked both ways. Once per question.
   */
  async promote(
    caller: Caller,
    questionId: string,
  ): Promise<Outcome<{ question: QuestionEntity; tip: TipEntity }>> {
    const question = await this.visible(caller, questionId);
    const answer =
      question.acceptedAnswerId &&
      (await this.answers.findById(caller.organizationId, question.acceptedAnswerId));
    if (!answer)
      return failure(
        userError(
          UserErrorCode.NOT_ALLOWED,
          'Accept an answer first: the tip is made from it.',
          'questionId',
        ),
      );
    if (!allows(caller, Permission.QUESTION_PROMOTE, { userId: answer.authorId }))
      throw forbidden('The answerer, leads and admins turn an accepted answer into a tip.');
    const tip = await this.tx.run(async () => {
      const current = (await this.questions.lock(caller.organizationId, questionId))!;
      if (current.tipId) return null;
      const tip = await this.tips.createFromAnswer(
        caller.organizationId,
        answer.authorId,
        {
          title: current.title,
          body: answer.body,
          tags: current.tags ?? [],
          language: current.language,
        },
        questionId,
      );
      await this.questions.update(caller.organizationId, questionId, { tipId: tip.id });
      await this.events.record({
        organizationId: caller.organizationId,
        type: 'question.promoted',
        actorId: caller.userId,
        subjectId: questionId,
        data: { tipId: tip.id, answerId: answer.id, authorId: answer.authorId },
      });
      return tip;
    });
    if (!tip)
      return failure(
        userError(
          UserErrorCode.TAKEN,
          'This question was turned into a tip already.',
          'questionId',
        ),
      );
    return success({
      question: (await this.questions.findById(caller.organizationId, questionId))!,
      tip,
    });
  }

  /** The answers of these questions, oldest first. */
  answersOf(caller: Caller, questionIds: readonly string[]): Promise<AnswerEntity[]> {
    return this.answers.ofQuestions(caller.organizationId, questionIds);
  }

  answersByIds(organizationId: string, ids: readonly string[]): Promise<AnswerEntity[]> {
    return this.answers.findByIds(organizationId, ids);
  }

  votesOf(caller: Caller, answerIds: readonly string[]): Promise<Map<string, number>> {
    return this.answers.votesOf(caller.organizationId, caller.userId, answerIds);
  }

  offersTo(
    caller: Caller,
    questionIds: readonly string[],
  ): Promise<Map<string, QuestionOfferEntity>> {
    return this.questions.offersTo(caller.organizationId, caller.userId, questionIds);
  }

  /** Whether the caller may see who was offered the question and which tags nobody covered. */
  mayReadRouting(caller: Caller, question: QuestionEntity): boolean {
    return (
      question.askerId === caller.userId ||
      allows(caller, Permission.QUESTION_ROUTING_READ, { teamId: question.teamId })
    );
  }

  /** The question's offers and routing history, for its asker's leads and admins. */
  async routingOf(
    caller: Caller,
    question: QuestionEntity,
  ): Promise<{ offers: QuestionOfferEntity[]; history: DomainEvent[] } | null> {
    if (!allows(caller, Permission.QUESTION_ROUTING_READ, { teamId: question.teamId })) return null;
    return {
      offers: await this.questions.offersOf(caller.organizationId, question.id),
      history: await this.events.about(caller.organizationId, question.id),
    };
  }

  /** Claims the question for `expertId` (its row locked): the other offers are withdrawn. */
  private async takeOn(question: QuestionEntity, expertId: string): Promise<void> {
    const { organizationId, id } = question;
    await this.questions.update(organizationId, id, {
      claimedBy: expertId,
      claimedAt: new Date(),
      status: question.status === QuestionStatus.OPEN ? QuestionStatus.CLAIMED : question.status,
    });
    await this.questions.settleOffer(organizationId, id, expertId, 'claimed');
    const withdrawn = await this.questions.withdrawOffers(organizationId, id);
    await this.routing.stop(question, { keepDeadline: true });
    await this.events.record({
      organizationId,
      type: 'question.claimed',
      actorId: expertId,
      subjectId: id,
      data: { withdrawnFrom: withdrawn },
    });
  }

  /** A question the caller may claim and answer: not their own, and in their field or team. */
  private async answerable(caller: Caller, id: string): Promise<QuestionEntity> {
    const question = await this.visible(caller, id);
    if (question.askerId === caller.userId)
      throw forbidden('You asked this question: an expert, your lead or an admin answers it.');
    // whoever routing would offer it to (earned experts, the asker's mentor) may take it too
    const allowed =
      allows(caller, Permission.QUESTION_ANSWER, { teamId: question.teamId }) ||
      (await this.expertise.isExpertInAny(
        caller.organizationId,
        caller.userId,
        question.tags ?? [],
      )) ||
      (await this.questions.offerTo(caller.organizationId, id, caller.userId)) !== null ||
      (await this.routing.isSourceExpert(question, caller.userId));
    if (!allowed)
      throw forbidden(
        "Experts in the question's tags, those it was offered to, the asker's team leads and admins answer questions.",
      );
    return question;
  }

  /** A question the caller may accept answers of, close and reopen: theirs, their team's, or as admin. */
  private async managed(caller: Caller, id: string): Promise<QuestionEntity> {
    const question = await this.visible(caller, id);
    if (
      !allows(caller, Permission.QUESTION_MANAGE, {
        userId: question.askerId,
        teamId: question.teamId,
      })
    )
      throw forbidden(
        "The asker, the asker's team leads and admins accept answers and close questions.",
      );
    return question;
  }

  private async answerById(caller: Caller, id: string): Promise<AnswerEntity> {
    const answer = await this.answers.findById(caller.organizationId, id);
    if (!answer) throw notFound('answer');
    return answer;
  }
}
