import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../events/domain-events.service.js';
import { ExpertiseService } from '../expertise/expertise.service.js';
import { JobQueue } from '../jobs/job-queue.js';
import type { Job } from '../jobs/jobs.repository.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { UsersService } from '../users/users.service.js';
import { QuestionEntity, QuestionStatus, Urgency } from './question.entities.js';
import { QuestionsRepository } from './questions.repository.js';
import { chooseExperts, rankCandidates, uncoveredTags } from './routing.js';

export const WIDEN_JOB = 'question.widen';
export const DEADLINE_JOB = 'question.deadline';
/** Answers accepted within this many days make an expert rank higher. */
const RECENT_ACCEPTED_DAYS = 90;
/** A LIVE_CALL question is offered to this many experts at once, and widened by as many. */
const LIVE_CALL_FAN_OUT = 3;

/**
 * Offers questions to available experts, widens the offer when nobody claims it, and
 * escalates to the asker's leads at the deadline. Every step runs inside the transaction
 * of the change or job that caused it, with the question's row locked, and is recorded
 * as a domain event.
 */
/** Experts in any of `tags`, with the ones each covers. */
export type ExpertSource = (
  organizationId: string,
  tags: string[],
  askerId: string,
) => Promise<Map<string, string[]>>;

/** Experts offered a question before anyone else when available (the asker's mentors). */
export type PreferenceSource = (
  organizationId: string,
  tags: string[],
  askerId: string,
) => Promise<Set<string>>;

@Injectable()
export class QuestionRouting implements OnModuleInit {
  private readonly sources: ExpertSource[] = [];
  private readonly preferences: PreferenceSource[] = [];

  constructor(
    private readonly questions: QuestionsRepository,
    private readonly expertise: ExpertiseService,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Adds a source of experts beside granted expertise (recognition adds earned expertise):
   * users, with the question's tags each covers.
   */
  addExpertSource(source: ExpertSource): void {
    this.sources.push(source);
  }

  /** Whether another source (earned expertise, mentoring) counts the user an expert for the question. */
  async isSourceExpert(question: QuestionEntity, userId: string): Promise<boolean> {
    for (const source of this.sources)
      if (
        (await source(question.organizationId, question.tags ?? [], question.askerId)).has(userId)
      )
        return true;
    return false;
  }

  /** Adds a source of preferred experts (mentoring: the asker's mentors first). */
  addPreferenceSource(source: PreferenceSource): void {
    this.preferences.push(source);
  }

  onModuleInit(): void {
    this.jobs.handle(WIDEN_JOB, (job) => this.widen(job));
    this.jobs.handle(DEADLINE_JOB, (job) => this.escalate(job));
  }

  /** A new question: its deadline, and its first offers. */
  async routeNew(question: QuestionEntity): Promise<void> {
    await this.jobs.schedule(question.organizationId, DEADLINE_JOB, question.id, question.deadline);
    await this.offer(question, this.fanOut(question));
  }

  /** An expert declined: the next one is offered it at once. */
  async replaceDecline(question: QuestionEntity): Promise<void> {
    if (this.waitingForClaim(question)) await this.offer(question, 1);
  }

  /** The question was claimed, answered or closed: no more widening, no escalation once answered. */
  async stop(question: QuestionEntity, { keepDeadline }: { keepDeadline: boolean }): Promise<void> {
    await this.jobs.cancel(WIDEN_JOB, question.id);
    if (!keepDeadline) await this.jobs.cancel(DEADLINE_JOB, question.id);
  }

  private fanOut(question: QuestionEntity): number {
    return question.urgency === Urgency.LIVE_CALL ? LIVE_CALL_FAN_OUT : 1;
  }

  private waitingForClaim(question: QuestionEntity): boolean {
    return question.status === QuestionStatus.OPEN && question.claimedBy === null;
  }

  /**
   * Offers the question to up to `count` experts not offered it before; when no expert is
   * available at all, to the asker's leads (once). Schedules the next widening.
   */
  private async offer(question: QuestionEntity, count: number): Promise<void> {
    const { organizationId } = question;
    const organization = (await this.organizations.findById(organizationId))!;
    const tags = question.tags ?? [];
    const experts = await this.expertise.expertsIn(organizationId, tags);
    for (const source of this.sources)
      for (const [userId, covered] of await source(organizationId, tags, question.askerId))
        experts.set(userId, [...new Set([...(experts.get(userId) ?? []), ...covered])].sort());
    experts.delete(question.askerId);
    const available = await this.users.routable(
      organizationId,
      [...experts.keys()],
      question.language,
    );
    const load = await this.questions.loadOf(organizationId, available, tags, RECENT_ACCEPTED_DAYS);
    const preferred = await this.preferredExperts(question);
    const candidates = available
      .map((userId) => ({
        userId,
        matchedTags: experts.get(userId)!,
        ...load.get(userId)!,
        preferred: preferred.has(userId),
      }))
      .filter((candidate) => candidate.openQuestions < organization.maxOpenQuestionsPerExpert);
    const offered = new Set(
      (await this.questions.offersOf(organizationId, question.id)).map((offer) => offer.expertId),
    );
    const chosen = chooseExperts(
      rankCandidates(candidates.filter((candidate) => !offered.has(candidate.userId))),
      count,
    );
    const round = question.round + 1;
    let added = await this.questions.addOffers(
      organizationId,
      question.id,
      chosen.map((candidate) => candidate.userId),
      round,
    );
    let toLead = false;
    if (added.length === 0 && !(await this.questions.hasLiveOffers(organizationId, question.id))) {
      const leads = await this.users.leadsOf(organizationId, question.teamId);
      toLead = true;
      added = await this.questions.addOffers(
        organizationId,
        question.id,
        leads.filter((id) => id !== question.askerId),
        round,
        true,
      );
    }
    await this.questions.update(organizationId, question.id, {
      round,
      uncoveredTags: uncoveredTags(tags, candidates),
    });
    await this.recordOffers(question, added, round, toLead);
    const widenSeconds =
      question.urgency === Urgency.LIVE_CALL
        ? organization.liveCallWidenSeconds
        : organization.normalWidenSeconds;
    const widenAt = new Date(Date.now() + widenSeconds * 1000);
    if (widenAt < question.deadline)
      await this.jobs.schedule(organizationId, WIDEN_JOB, question.id, widenAt);
  }

  /** Experts offered the question before anyone else, if available: the asker's mentors. */
  private async preferredExperts(question: QuestionEntity): Promise<Set<string>> {
    const preferred = new Set<string>();
    for (const source of this.preferences)
      for (const userId of await source(
        question.organizationId,
        question.tags ?? [],
        question.askerId,
      ))
        preferred.add(userId);
    return preferred;
  }

  /** Nobody claimed it in time: the next experts are offered it. */
  private async widen(job: Job): Promise<void> {
    const question = await this.questions.lock(job.organizationId, job.key);
    if (!question || !this.waitingForClaim(question)) return;
    await this.events.record({
      organizationId: question.organizationId,
      type: 'question.widened',
      subjectId: question.id,
      data: { round: question.round + 1 },
    });
    await this.offer(question, this.fanOut(question));
  }

  /** The deadline passed without an answer: escalated, and offered to the asker's leads. */
  private async escalate(job: Job): Promise<void> {
    const question = await this.questions.lock(job.organizationId, job.key);
    if (
      !question ||
      (question.status !== QuestionStatus.OPEN && question.status !== QuestionStatus.CLAIMED)
    )
      return;
    const { organizationId } = question;
    await this.jobs.cancel(WIDEN_JOB, question.id);
    await this.questions.update(organizationId, question.id, {
      status: QuestionStatus.ESCALATED,
      escalatedAt: new Date(),
    });
    const leads = (await this.users.leadsOf(organizationId, question.teamId)).filter(
      (id) => id !== question.askerId,
    );
    const added = await this.questions.addOffers(
      organizationId,
      question.id,
      leads,
      question.round,
      true,
    );
    await this.recordOffers(question, added, question.round, true);
    await this.events.record({
      organizationId,
      type: 'question.escalated',
      subjectId: question.id,
      data: { leadIds: leads, claimedBy: question.claimedBy },
    });
  }

  private async recordOffers(
    question: QuestionEntity,
    expertIds: string[],
    round: number,
    toLead: boolean,
  ): Promise<void> {
    await this.events.record(
      ...expertIds.map((expertId) => ({
        organizationId: question.organizationId,
        type: 'question.offered' as const,
        subjectId: question.id,
        data: { expertId, round, toLead, deadline: question.deadline.toISOString() },
      })),
    );
  }
}
