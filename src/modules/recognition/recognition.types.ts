import {
  ArgsType,
  Field,
  Float,
  ID,
  InputType,
  Int,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import { IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { Trimmed } from '../../common/validation/decorators.js';
import { ConnectionType } from '../../common/graphql/connection.js';
import { toGlobalId } from '../../common/graphql/global-id.js';
import { UserError } from '../../common/graphql/user-error.js';
import { User } from '../users/user.types.js';
import { PointsReason, RecognitionRules } from './points-rules.js';
import { BADGES, Badge, BadgeTier } from './badges.js';
import type { KudosRow } from './kudos.repository.js';
import type { LedgerEntry, UserBadgeRow } from './recognition.repository.js';
import { RecognitionPeriod } from './recognition.service.js';

registerEnumType(RecognitionPeriod, {
  name: 'RecognitionPeriod',
  description: "In the organization's time zone: the ISO week, the calendar month, or all time.",
});
registerEnumType(PointsReason, { name: 'PointsReason' });

const TIP_REASONS = new Set([
  PointsReason.TIP_PUBLISHED,
  PointsReason.TIP_REUSED,
  PointsReason.HELPFUL_VOTE,
  PointsReason.HELPFUL_VOTE_TAKEN_BACK,
  PointsReason.TIP_VERIFIED,
]);

@ObjectType({
  description: 'One line of the points ledger: what was earned (or taken back), and why.',
})
export class PointsEntry {
  @Field(() => Int, { description: 'Negative for a reversal.' })
  amount: number;

  @Field(() => PointsReason)
  reason: PointsReason;

  @Field(() => [String])
  tags: string[];

  @Field(() => ID, { nullable: true, description: 'The tip or question it is about.' })
  subjectId: string | null;

  @Field()
  createdAt: Date;

  static from(entry: LedgerEntry): PointsEntry {
    const type = TIP_REASONS.has(entry.reason) ? 'Tip' : 'Question';
    // kudos have no subject
    return {
      amount: entry.amount,
      reason: entry.reason,
      tags: entry.tags,
      subjectId: entry.subjectId ? toGlobalId(type, entry.subjectId) : null,
      createdAt: entry.createdAt,
    };
  }
}

export const PointsEntryConnection = ConnectionType(PointsEntry, 'PointsEntry');

@ObjectType('RecognitionRules', {
  description: 'Points each kind of evidence earns in this organization, and the daily cap.',
})
export class RecognitionRulesType implements RecognitionRules {
  @Field(() => Int, {
    description: 'Another agent used your tip on a call (once per agent a day).',
  })
  tipReused: number;

  @Field(() => Int, { description: 'Another user found your tip helpful.' })
  helpfulVote: number;

  @Field(() => Int, { description: 'Your answer was accepted (not counted against the cap).' })
  answerAccepted: number;

  @Field(() => Int, {
    description: 'You answered a LIVE_CALL question first, before its deadline.',
  })
  liveCallAnswered: number;

  @Field(() => Int, { description: 'Someone else verified your tip.' })
  tipVerified: number;

  @Field(() => Int, { description: "A lead's kudos." })
  kudos: number;

  @Field(() => Int, { description: 'Most points a day, accepted answers aside.' })
  dailyCap: number;
}

const points = (max: number) => (target: object, key: string) => {
  const message = `Must be a whole number from 0 to ${max}.`;
  IsOptional()(target, key);
  IsInt({ message })(target, key);
  Min(0, { message })(target, key);
  Max(max, { message })(target, key);
};

@InputType()
export class UpdateRecognitionRulesInput {
  @Field(() => Int, { nullable: true })
  @points(1000)
  tipReused?: number | null;

  @Field(() => Int, { nullable: true })
  @points(1000)
  helpfulVote?: number | null;

  @Field(() => Int, { nullable: true })
  @points(1000)
  answerAccepted?: number | null;

  @Field(() => Int, { nullable: true })
  @points(1000)
  liveCallAnswered?: number | null;

  @Field(() => Int, { nullable: true })
  @points(1000)
  tipVerified?: number | null;

  @Field(() => Int, { nullable: true })
  @points(1000)
  kudos?: number | null;

  @Field(() => Int, { nullable: true })
  @points(100_000)
  dailyCap?: number | null;
}

@ObjectType()
export class RecognitionRulesPayload {
  @Field(() => RecognitionRulesType, { nullable: true })
  rules?: RecognitionRulesType | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType()
export class LeaderboardEntry {
  @Field(() => User)
  user: User;

  @Field(() => Int)
  points: number;
}

export const LeaderboardConnection = ConnectionType(LeaderboardEntry, 'Leaderboard');

@ArgsType()
export class LeaderboardArgs {
  @Field(() => RecognitionPeriod, { defaultValue: RecognitionPeriod.ALL_TIME })
  period: RecognitionPeriod = RecognitionPeriod.ALL_TIME;

  @Field(() => ID, {
    nullable: true,
    description: "One team's members; the organization when left out.",
  })
  teamId?: string | null;

  @Field(() => String, { nullable: true, description: 'Points earned in one tag.' })
  tag?: string | null;

  @Field(() => Int, { defaultValue: 10, description: 'From 1 to 100.' })
  first: number = 10;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

registerEnumType(BadgeTier, { name: 'BadgeTier' });

@ObjectType('UserBadge', { description: 'A badge tier a user reached; never revoked.' })
export class UserBadge {
  @Field({ description: 'e.g. "FIRST_TIP".' })
  key: string;

  @Field()
  name: string;

  @Field(() => BadgeTier)
  tier: BadgeTier;

  @Field(() => String, { nullable: true, description: 'For badges earned in one tag.' })
  tag: string | null;

  @Field({ description: 'The evidence that earned it, e.g. "10 × TIP_REUSED".' })
  evidence: string;

  @Field()
  awardedAt: Date;

  organizationId: string;
  userId: string;

  static from(row: UserBadgeRow): UserBadge {
    return {
      key: row.badge,
      name: BADGES.find((badge) => badge.key === row.badge)?.name ?? row.badge,
      tier: row.tier as BadgeTier,
      tag: row.tag || null,
      evidence: row.evidence,
      awardedAt: row.awardedAt,
      organizationId: row.organizationId,
      userId: row.userId,
    };
  }
}

@ObjectType()
export class BadgeThreshold {
  @Field(() => BadgeTier)
  tier: BadgeTier;

  @Field(() => Int)
  threshold: number;
}

@ObjectType('Badge', { description: 'A badge of the catalog, and what earns it.' })
export class BadgeType {
  @Field()
  key: string;

  @Field()
  name: string;

  @Field()
  criterion: string;

  @Field({ description: 'Earned in each tag on its own.' })
  perTag: boolean;

  @Field(() => [BadgeThreshold])
  tiers: BadgeThreshold[];

  static from(badge: Badge): BadgeType {
    return {
      key: badge.key,
      name: badge.name,
      criterion: badge.criterion,
      perTag: badge.perTag,
      tiers: (Object.entries(badge.tiers) as [BadgeTier, number][]).map(([tier, threshold]) => ({
        tier,
        threshold,
      })),
    };
  }
}

@ObjectType('Kudos', { description: 'Thanks from a colleague; a lead’s kudos earn points.' })
export class KudosType {
  @Field(() => ID)
  id: string;

  @Field()
  message: string;

  @Field({ description: 'Given by a lead or admin (and so worth points).' })
  byLead: boolean;

  @Field()
  createdAt: Date;

  organizationId: string;
  fromUserId: string;
  toUserId: string;

  static from(row: KudosRow): KudosType {
    return {
      id: row.id,
      message: row.message,
      byLead: row.byLead,
      createdAt: row.createdAt,
      organizationId: row.organizationId,
      fromUserId: row.fromUserId,
      toUserId: row.toUserId,
    };
  }
}

@InputType()
export class GiveKudosInput {
  @Field(() => ID)
  userId: string;

  @Field(() => ID, { nullable: true, description: 'The tip it is for, if any.' })
  tipId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The answer it is for, if any.' })
  answerId?: string | null;

  @Field({ description: '1-500 characters.' })
  @Trimmed()
  @Length(1, 500, { message: 'The message must be 1-500 characters.' })
  message: string;
}

@ObjectType()
export class KudosPayload {
  @Field(() => KudosType, { nullable: true })
  kudos?: KudosType | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

export enum RecognitionFeedKind {
  BADGE = 'BADGE',
  KUDOS = 'KUDOS',
  MENTOR_ROLE = 'MENTOR_ROLE',
}
registerEnumType(RecognitionFeedKind, { name: 'RecognitionFeedKind' });

@ObjectType({ description: 'A recognition as it happened: a badge, kudos, a mentor role.' })
export class RecognitionFeedItem {
  @Field(() => RecognitionFeedKind)
  kind: RecognitionFeedKind;

  @Field()
  at: Date;

  @Field({ description: 'What it was, e.g. "Gold Go-to expert in billing" or the kudos.' })
  message: string;

  organizationId: string;
  userId: string;
  byId: string | null;
}

export const RecognitionFeedConnection = ConnectionType(RecognitionFeedItem, 'RecognitionFeed');

@ObjectType({ description: 'Expertise earned in a tag from points and accepted answers in it.' })
export class EarnedExpertise {
  @Field()
  tag: string;

  @Field(() => Int, { description: '1 to 3.' })
  level: number;
}

@ObjectType({ description: 'Someone a lead could make a mentor, with the evidence in one look.' })
export class MentorCandidate {
  @Field(() => User)
  user: User;

  @Field(() => Int)
  points: number;

  @Field(() => Int, { description: 'Uses of their tips by other agents (once per agent a day).' })
  reusedByOthers: number;

  @Field(() => Int)
  acceptedAnswers: number;

  @Field(() => Int)
  helpfulVotes: number;

  @Field(() => Float, { description: 'Helpful votes per reuse of their tips.' })
  helpfulRatio: number;

  @Field(() => Int, { description: 'LIVE_CALL questions they answered first, in time.' })
  liveCallsInTime: number;

  @Field({ description: 'Their most recent evidence: how active they are.' })
  lastEvidenceAt: Date;
}

export const MentorCandidateConnection = ConnectionType(MentorCandidate, 'MentorCandidate');

@ArgsType()
export class MentorCandidatesArgs {
  @Field(() => String, { nullable: true, description: 'Evidence in one tag.' })
  tag?: string | null;

  @Field(() => ID, { nullable: true, description: "One team's people (a lead: their own team)." })
  teamId?: string | null;

  @Field(() => Int, { defaultValue: 20, description: 'From 1 to 100.' })
  first: number = 20;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
