import { addDays, weekdayOf, zonedInstant } from '../../common/time-zone.js';

/** How many points each kind of evidence earns in an organization, and the daily cap. */
export interface RecognitionRules {
  /** another agent marked one's tip used on a call (once per agent per day) */
  tipReused: number;
  /** another user found one's tip helpful */
  helpfulVote: number;
  /** one's answer was accepted (not capped) */
  answerAccepted: number;
  /** one answered a LIVE_CALL question first, before its deadline */
  liveCallAnswered: number;
  /** someone else verified one's tip */
  tipVerified: number;
  /** a lead's kudos */
  kudos: number;
  /** most points a user earns in a day, accepted answers aside */
  dailyCap: number;
}

export const DEFAULT_RULES: RecognitionRules = {
  tipReused: 10,
  helpfulVote: 5,
  answerAccepted: 25,
  liveCallAnswered: 15,
  tipVerified: 5,
  kudos: 10,
  dailyCap: 200,
};

export enum PointsReason {
  TIP_REUSED = 'TIP_REUSED',
  HELPFUL_VOTE = 'HELPFUL_VOTE',
  HELPFUL_VOTE_TAKEN_BACK = 'HELPFUL_VOTE_TAKEN_BACK',
  ANSWER_ACCEPTED = 'ANSWER_ACCEPTED',
  ACCEPTANCE_MOVED = 'ACCEPTANCE_MOVED',
  LIVE_CALL_ANSWERED = 'LIVE_CALL_ANSWERED',
  TIP_VERIFIED = 'TIP_VERIFIED',
  KUDOS = 'KUDOS',
  /** evidence for the first-tip badge: no points (never an activity goal) */
  TIP_PUBLISHED = 'TIP_PUBLISHED',
  /** evidence for the mentor badge: a mentor answered their mentee's question (no points of its own) */
  MENTEE_HELPED = 'MENTEE_HELPED',
}

/** Credits the daily cap does not limit: accepted answers (as Apache Answer does) and reversals. */
export const UNCAPPED = new Set([
  PointsReason.TIP_PUBLISHED,
  PointsReason.MENTEE_HELPED,
  PointsReason.ANSWER_ACCEPTED,
  PointsReason.HELPFUL_VOTE_TAKEN_BACK,
  PointsReason.ACCEPTANCE_MOVED,
]);

/** The day, ISO week and month of an instant in a time zone: the periods points count in. */
export function periodsOf(
  at: Date,
  timeZone: string,
): { day: string; week: string; month: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  // ISO 8601 week: the week with the year's first Thursday is week 1
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / (7 * 86_400_000)) + 1;
  return {
    day,
    week: `W${thursday.getUTCFullYear()}-${String(week).padStart(2, '0')}`,
    month: `M${parts.year}-${parts.month}`,
  };
}

/** When the current ISO week or calendar month began in a time zone, as an instant. */
export function periodStart(period: 'WEEK' | 'MONTH', timeZone: string, now = new Date()): Date {
  const { day } = periodsOf(now, timeZone);
  const first = period === 'WEEK' ? addDays(day, -weekdayOf(day)) : `${day.slice(0, 8)}01`;
  return zonedInstant(first, 0, timeZone);
}

/** Earned expertise in a tag, from the points and accepted answers earned in it: 0 is none. */
export const EXPERTISE_LEVELS: { level: number; points: number; accepted: number }[] = [
  { level: 3, points: 500, accepted: 25 },
  { level: 2, points: 200, accepted: 10 },
  { level: 1, points: 50, accepted: 3 },
];

export function expertiseLevel(points: number, accepted: number): number {
  return (
    EXPERTISE_LEVELS.find((step) => points >= step.points || accepted >= step.accepted)?.level ?? 0
  );
}

/** What a cap leaves of a credit: all of it, part, or nothing. */
export function capped(amount: number, earnedToday: number, cap: number): number {
  return Math.max(0, Math.min(amount, cap - earnedToday));
}
