import { describe, expect, it } from '@jest/globals';
import { BADGES, BadgeTier, tiersReached } from './badges.js';

const badge = (key: string) => BADGES.find((b) => b.key === key)!;

describe('tiersReached', () => {
  it('gives each tier at its exact threshold, and none one below', () => {
    expect(tiersReached(badge('REUSED'), 9)).toEqual([]);
    expect(tiersReached(badge('REUSED'), 10)).toEqual([BadgeTier.BRONZE]);
    expect(tiersReached(badge('REUSED'), 49)).toEqual([BadgeTier.BRONZE]);
    expect(tiersReached(badge('REUSED'), 50)).toEqual([BadgeTier.BRONZE, BadgeTier.SILVER]);
    expect(tiersReached(badge('REUSED'), 250)).toEqual([
      BadgeTier.BRONZE,
      BadgeTier.SILVER,
      BadgeTier.GOLD,
    ]);
    expect(tiersReached(badge('FIRST_TIP'), 1)).toEqual([BadgeTier.BRONZE]);
    expect(tiersReached(badge('GO_TO_EXPERT'), 9)).toEqual([]);
  });
});
