import { Injectable } from '@nestjs/common';
import { Permission, Scope, allows, callerScope } from '../../common/auth/policy.js';
import { forbidden } from '../../common/graphql/errors.js';
import type { Caller } from '../../common/context/request-context.js';
import { TransactionHost } from '../../database/transaction-host.js';
import type { DomainEvent } from '../events/domain-event.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { MentoringService } from '../mentoring/mentoring.service.js';
import type { OrganizationEntity } from '../organizations/organization.entity.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { QuestionsService } from '../questions/questions.service.js';
import { TipsService } from '../tips/tips.service.js';
import { UsersService } from '../users/users.service.js';
import {
  PointsReason,
  RecognitionRules,
  UNCAPPED,
  capped,
  expertiseLevel,
  periodsOf,
} from './points-rules.js';
import { BADGES, tiersReached } from './badges.js';
import {
  CandidateEvidence,
  LedgerEntry,
  RecognitionRepository,
  UserBadgeRow,
} from './recognition.repository.js';

export enum RecognitionPeriod {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  ALL_TIME = 'ALL_TIME',
}

/** A credit an event earns, before the daily cap. */
interface Credit {
  userId: string;
  amount: number;
  reason: PointsReason;
  key: string;
  subjectId: string | null;
  tags: string[];
}

/** A credit an event takes back: the newest one not yet reversed whose key starts so. */
interface Reversal {
  keyPrefix: string;
  reason: PointsReason;
}

const EARNING = new Set([
  'kudos.given',
  'tip.published',
  'tip.used',
  'tip.helpfulAdded',
  'tip.helpfulRemoved',
  'tip.verified',
  'question.answered',
  'question.accepted',
  'question.unaccepted',
]);

/**
 * Points from evidence that others used one's knowledge: read off the domain events, each
 * written once to the ledger under its idempotency key, in the transaction that moves the
 * recognition consumer's position. Never for one's own actions; taking a vote or an
 * acceptance back writes a reversal; a daily cap limits all but accepted answers.
 */
@Injectable()
export class RecognitionService {
  constructor(
    private readonly ledger: RecognitionRepository,
    private readonly organizations: OrganizationsService,
    private readonly tips: TipsService,
    private readonly questions: QuestionsService,
    private readonly users: UsersService,
    private readonly tx: TransactionHost,
    private readonly events: DomainEvents,
    private readonly mentoring: MentoringService,
  ) {}

  rules(organizationId: string): Promise<RecognitionRules> {
    return this.ledger.rules(organizationId);
  }

  async updateRules(caller: Caller, changes: Partial<RecognitionRules>): Promise<RecognitionRules> {
    const rules = { ...(await this.ledger.rules(caller.organizationId)) };
    for (const [name, value] of Object.entries(changes))
      if (value !== undefined && value !== null) rules[name as keyof RecognitionRules] = value;
    await this.ledger.saveRules(caller.organizationId, rules, caller.userId);
    return rules;
  }

  /** Writes what these events earn (the recognition consumer's batch). */
  async credit(events: DomainEvent[]): Promise<void> {
    // each organization's settings and rules, read once per batch
    const settings = new Map<string, [OrganizationEntity | null, RecognitionRules]>();
    for (const event of events) {
      if (!EARNING.has(event.type)) continue;
      let setting = settings.get(event.organizationId);
      if (!setting) {
        setting = [
          await this.organizations.findById(event.organizationId),
          await this.ledger.rules(event.organizationId),
        ];
        settings.set(event.organizationId, setting);
      }
      const [organization, rules] = setting;
      if (!organization) continue;
      const periods = periodsOf(new Date(event.occurredAt), organization.timeZone);
      const { credits, reversals } = await this.earned(event, rules, periods.day);
      for (const credit of credits) {
        const amount = UNCAPPED.has(credit.reason)
          ? credit.amount
          : capped(
              credit.amount,
              await this.ledger.cappedOn(event.organizationId, credit.userId, periods.day),
              rules.dailyCap,
            );
        // a capped credit is still written, at 0: evidence for badges, and shown in the history
        const added = await this.ledger.add({
          organizationId: event.organizationId,
          userId: credit.userId,
          amount,
          reason: credit.reason,
          eventId: event.id,
          subjectId: credit.subjectId,
          tags: credit.tags,
          idempotencyKey: credit.key,
          reverses: null,
          ...periods,
        });
        if (added) await this.awardBadges(event, added);
      }
      for (const reversal of reversals) {
        const original = await this.ledger.latestUnreversed(
          event.organizationId,
          reversal.keyPrefix,
          event.id,
        );
        if (!original) continue;
        await this.ledger.add({
          ...original,
          amount: -original.amount,
          reason: reversal.reason,
          eventId: event.id,
          // one reversal per event that takes something back: a replay finds it done
          idempotencyKey: `reversal:${event.id}`,
          reverses: original.id,
          ...periods,
        });
      }
    }
  }

  /** Awards the badges an entry's reason counts towards, at every tier reached now. */
  private async awardBadges(event: DomainEvent, entry: LedgerEntry): Promise<void> {
    for (const badge of BADGES.filter((b) => b.counts === entry.reason)) {
      for (const tag of badge.perTag ? entry.tags : [null]) {
        const count = await this.ledger.evidence(
          entry.organizationId,
          entry.userId,
          entry.reason,
          tag,
        );
        for (const tier of tiersReached(badge, count)) {
          const awarded = await this.ledger.award({
            organizationId: entry.organizationId,
            userId: entry.userId,
            badge: badge.key,
            tier,
            tag: tag ?? '',
            evidence: `${count} × ${entry.reason}${tag ? ` in ${tag}` : ''}`,
          });
          if (awarded)
            await this.events.record({
              organizationId: entry.organizationId,
              type: 'badge.awarded',
              subjectId: entry.userId,
              data: { badge: badge.key, tier, tag, name: badge.name, causedBy: event.id },
            });
        }
      }
    }
  }

  /** Earned expertise of users: the tags they reached a level in, highest points first. */
  async earnedExpertise(
    organizationId: string,
    userIds: readonly string[],
  ): Promise<Map<string, { tag: string; level: number }[]>> {
    const byUser = new Map<string, { tag: string; level: number }[]>();
    for (const row of await this.ledger.earnedByTag(organizationId, userIds, null)) {
      const level = expertiseLevel(row.points, row.accepted);
      if (level > 0)
        byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), { tag: row.tag, level }]);
    }
    return byUser;
  }

  /** Users with earned expertise in any of `tags`, and which: routing's second source of experts. */
  async earnedExpertsIn(organizationId: string, tags: string[]): Promise<Map<string, string[]>> {
    const experts = new Map<string, string[]>();
    for (const row of await this.ledger.earnedByTag(organizationId, null, tags))
      if (expertiseLevel(row.points, row.accepted) > 0)
        experts.set(row.userId, [...(experts.get(row.userId) ?? []), row.tag]);
    return experts;
  }

  /**
   * People ranked by the evidence that others use their knowledge: for leads (their own
   * team) and admins (any team, or everyone) choosing mentors.
   */
  async mentorCandidates(
    caller: Caller,
    scope: { tag?: string; teamId?: string },
    offset: number,
    limit: number,
  ): Promise<CandidateEvidence[]> {
    const teamId =
      scope.teamId ??
      (callerScope(caller, Permission.MENTOR_GRANT) === Scope.TEAM ? caller.teamId : undefined);
    if (teamId !== undefined && !allows(caller, Permission.MENTOR_GRANT, { teamId }))
      throw forbidden('Leads see the mentor candidates of their own team.');
    const members = teamId ? await this.users.memberIds(caller.organizationId, teamId) : null;
    return this.ledger.candidates(caller.organizationId, scope.tag ?? null, members, offset, limit);
  }

  badgesOf(organizationId: string, userIds: readonly string[]): Promise<UserBadgeRow[]> {
    return this.ledger.badgesOf(organizationId, userIds);
  }

  holders(organizationId: string, badge: string, limit: number): Promise<UserBadgeRow[]> {
    return this.ledger.holders(organizationId, badge, limit);
  }

  /** What an event earns and takes back, by the rules in force. */
  private async earned(
    event: DomainEvent,
    rules: RecognitionRules,
    day: string,
  ): Promise<{ credits: Credit[]; reversals: Reversal[] }> {
    const none = { credits: [], reversals: [] };
    const actor = event.actorId;
    if (event.type === 'kudos.given') {
      // only a lead's kudos earn points: peers' kudos cannot be traded for them
      if (event.data.byLead !== true || event.subjectId === actor) return none;
      return {
        credits: [
          {
            userId: event.subjectId,
            amount: rules.kudos,
            reason: PointsReason.KUDOS,
            key: `kudos:${String(event.data.kudosId)}`,
            subjectId: null,
            tags: [],
          },
        ],
        reversals: [],
      };
    }
    if (event.type.startsWith('tip.')) {
      const [tip] = await this.tips.findByIds(event.organizationId, [event.subjectId]);
      // one's own tip earns nothing, but publishing it is one's own act by nature
      if (!tip || (tip.authorId === actor && event.type !== 'tip.published')) return none;
      const credit = (amount: number, reason: PointsReason, key: string): Credit => ({
        userId: tip.authorId,
        amount,
        reason,
        key,
        subjectId: tip.id,
        tags: tip.tags ?? [],
      });
      switch (event.type) {
        case 'tip.published':
          // no points (never an activity goal); evidence for the first-tip badge, once
          return {
            credits: [credit(0, PointsReason.TIP_PUBLISHED, `first-tip:${tip.authorId}`)],
            reversals: [],
          };
        case 'tip.used':
          // once per reusing agent per day
          return {
            credits: [
              credit(rules.tipReused, PointsReason.TIP_REUSED, `reuse:${tip.id}:${actor}:${day}`),
            ],
            reversals: [],
          };
        case 'tip.helpfulAdded':
          return {
            credits: [
              credit(
                rules.helpfulVote,
                PointsReason.HELPFUL_VOTE,
                `helpful:${tip.id}:${actor}:${event.id}`,
              ),
            ],
            reversals: [],
          };
        case 'tip.helpfulRemoved':
          return {
            credits: [],
            reversals: [
              {
                keyPrefix: `helpful:${tip.id}:${actor}:`,
                reason: PointsReason.HELPFUL_VOTE_TAKEN_BACK,
              },
            ],
          };
        case 'tip.verified':
          return {
            credits: [credit(rules.tipVerified, PointsReason.TIP_VERIFIED, `verified:${event.id}`)],
            reversals: [],
          };
      }
      return none;
    }
    const [question] = await this.questions.findByIds(event.organizationId, [event.subjectId]);
    if (!question) return none;
    const about = { subjectId: question.id, tags: question.tags ?? [] };
    const authorId = String(event.data.authorId ?? '');
    const answerId = String(event.data.answerId ?? '');
    switch (event.type) {
      case 'question.answered': {
        if (!actor || actor === question.askerId) return none;
        const credits: Credit[] = [];
        const inTime =
          event.data.urgency === 'LIVE_CALL' &&
          event.data.beforeDeadline === true &&
          event.data.first === true;
        if (inTime)
          credits.push({
            userId: actor,
            amount: rules.liveCallAnswered,
            reason: PointsReason.LIVE_CALL_ANSWERED,
            key: `livecall:${question.id}`,
            ...about,
          });
        const mentors = await this.mentoring.mentorsOf(
          event.organizationId,
          question.askerId,
          question.tags ?? [],
        );
        if (mentors.has(actor))
          credits.push({
            userId: actor,
            amount: 0,
            reason: PointsReason.MENTEE_HELPED,
            key: `mentee-helped:${question.id}`,
            ...about,
          });
        return { credits, reversals: [] };
      }
      case 'question.accepted':
        if (!authorId || authorId === actor) return none;
        return {
          credits: [
            {
              userId: authorId,
              amount: rules.answerAccepted,
              reason: PointsReason.ANSWER_ACCEPTED,
              key: `accepted:${answerId}:${event.id}`,
              ...about,
            },
          ],
          reversals: [],
        };
      case 'question.unaccepted':
        return {
          credits: [],
          reversals: [
            { keyPrefix: `accepted:${answerId}:`, reason: PointsReason.ACCEPTANCE_MOVED },
          ],
        };
    }
    return none;
  }

  /**
   * Recomputes every organization's balances from the ledger (they are a materialized
   * sum of it), one organization a transaction, reporting progress.
   */
  async rebuild(
    organizationIds: string[],
    progress?: (done: number, total: number) => void,
  ): Promise<void> {
    for (const [i, organizationId] of organizationIds.entries()) {
      await this.tx.run(() => this.ledger.rebuildBalances(organizationId));
      progress?.(i + 1, organizationIds.length);
    }
  }

  /** The period key of now in the organization's time zone ('all' for all time). */
  async periodKey(organizationId: string, period: RecognitionPeriod): Promise<string> {
    if (period === RecognitionPeriod.ALL_TIME) return 'all';
    const organization = await this.organizations.findById(organizationId);
    const periods = periodsOf(new Date(), organization?.timeZone ?? 'UTC');
    return period === RecognitionPeriod.WEEK ? periods.week : periods.month;
  }

  /** Points of users in a period: the caller's own, their team's (leads), anyone's (admins). */
  async points(
    caller: Caller,
    userIds: readonly string[],
    period: RecognitionPeriod,
  ): Promise<Map<string, number>> {
    const users = await this.users.findByIds(caller.organizationId, userIds);
    const readable = users.filter((user) =>
      allows(caller, Permission.RECOGNITION_READ, {
        userId: user.id,
        teamId: user.teamId,
        role: user.role,
      }),
    );
    const points = await this.ledger.points(
      caller.organizationId,
      readable.map((user) => user.id),
      await this.periodKey(caller.organizationId, period),
    );
    return new Map(readable.map((user) => [user.id, points.get(user.id) ?? 0]));
  }

  history(caller: Caller, offset: number, limit: number): Promise<LedgerEntry[]> {
    return this.ledger.history(caller.organizationId, caller.userId, offset, limit);
  }

  async leaderboard(
    caller: Caller,
    period: RecognitionPeriod,
    scope: { teamId?: string; tag?: string },
    offset: number,
    limit: number,
  ): Promise<{ userId: string; points: number }[]> {
    const members = scope.teamId
      ? await this.users.memberIds(caller.organizationId, scope.teamId)
      : null;
    return this.ledger.leaderboard(
      caller.organizationId,
      await this.periodKey(caller.organizationId, period),
      scope.tag ?? '',
      members,
      offset,
      limit,
    );
  }
}
