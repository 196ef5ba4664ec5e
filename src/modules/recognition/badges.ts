import { PointsReason } from './points-rules.js';

export enum BadgeTier {
  BRONZE = 'BRONZE',
  SILVER = 'SILVER',
  GOLD = 'GOLD',
}

/** A badge of the catalog: what it takes, counted from the user's ledger entries. */
export interface Badge {
  key: string;
  name: string;
  /** the ledger entries that count towards it (net of reversals) */
  counts: PointsReason;
  /** counted in each tag on its own: one badge per tag */
  perTag: boolean;
  tiers: Partial<Record<BadgeTier, number>>;
  criterion: string;
}

/** The catalog, in code: every badge is earned from evidence that others used one's knowledge. */
export const BADGES: Badge[] = [
  {
    key: 'FIRST_TIP',
    name: 'First tip',
    counts: PointsReason.TIP_PUBLISHED,
    perTag: false,
    tiers: { BRONZE: 1 },
    criterion: 'Published a first tip.',
  },
  {
    key: 'REUSED',
    name: 'Reused',
    counts: PointsReason.TIP_REUSED,
    perTag: false,
    tiers: { BRONZE: 10, SILVER: 50, GOLD: 250 },
    criterion: 'Tips used on calls by other agents 10, 50 or 250 times.',
  },
  {
    key: 'LIFESAVER',
    name: 'Lifesaver',
    counts: PointsReason.LIVE_CALL_ANSWERED,
    perTag: false,
    tiers: { BRONZE: 5, SILVER: 25, GOLD: 100 },
    criterion: 'Answered 5, 25 or 100 LIVE_CALL questions first, before their deadline.',
  },
  {
    key: 'GO_TO_EXPERT',
    name: 'Go-to expert',
    counts: PointsReason.ANSWER_ACCEPTED,
    perTag: true,
    tiers: { GOLD: 10 },
    criterion: '10 accepted answers in one tag.',
  },
  {
    key: 'EVERGREEN',
    name: 'Evergreen',
    counts: PointsReason.TIP_VERIFIED,
    perTag: false,
    tiers: { SILVER: 10 },
    criterion: 'Tips verified by others 10 times: knowledge kept right.',
  },
  {
    key: 'MENTOR',
    name: 'Mentor',
    counts: PointsReason.MENTEE_HELPED,
    perTag: false,
    tiers: { BRONZE: 1 },
    criterion: 'Answered a question of their mentee: a first mentee helped.',
  },
];

/** The tiers a count reaches, lowest first. */
export function tiersReached(badge: Badge, count: number): BadgeTier[] {
  return (Object.entries(badge.tiers) as [BadgeTier, number][])
    .filter(([, threshold]) => count >= threshold)
    .map(([tier]) => tier);
}
