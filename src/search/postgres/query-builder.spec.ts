import { describe, expect, it } from '@jest/globals';
import {
  atLeast,
  classRead,
  levelCondition,
  probeBudget,
  matchLevels,
  narrowerLookup,
  shareWithAtLeast,
  walksRankOrder,
  wordWeight,
} from './query-builder.js';

const even = (n: number) => Array.from({ length: n }, () => 1);

describe('query builder', () => {
  it('weighs a rare word 3, an uncommon one 2, a common one 1', () => {
    expect(wordWeight(0)).toBe(3); // not in the statistics
    expect(wordWeight(0.005)).toBe(3);
    expect(wordWeight(0.05)).toBe(2);
    expect(wordWeight(0.4)).toBe(1);
  });

  it('lists every match level best first', () => {
    expect(matchLevels(even(3))).toEqual([3, 2, 1]);
    expect(matchLevels(even(8))).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(matchLevels([3, 3, 2])).toEqual([8, 6, 5, 3, 2]);
    // a rare word (3) and two common ones (1): the rare one alone beats both common ones
    expect(matchLevels([3, 1, 1])).toEqual([5, 4, 3, 2, 1]);
  });

  it('matches words that weigh at least the level together', () => {
    expect(atLeast(['a', 'b', 'c'], even(3), 3)).toBe('a & b & c');
    expect(atLeast(['a', 'b', 'c'], even(3), 2)).toBe('(a & b) | (a & c) | (b & c)');
    expect(atLeast(['a', 'b', 'c'], even(3), 1)).toBe('a | b | c');
    expect(atLeast(['rare', 'x', 'y'], [3, 1, 1], 4)).toBe('(rare & x) | (rare & y)');
    expect(atLeast(['rare', 'x', 'y'], [3, 1, 1], 3)).toBe('(rare)');
    expect(atLeast(['rare', 'x', 'y'], [3, 1, 1], 2)).toBe('(rare) | (x & y)');
  });

  it('weighs the matches of a level whose word sets are too many to list', () => {
    const queries = Array.from({ length: 8 }, (_, i) => `w${i}`);
    // all eight, or seven of them: a few word sets
    expect(levelCondition(queries, even(8), even(8), 7)).toEqual({
      query: atLeast(queries, even(8), 7),
      minimum: 0,
    });
    // five of eight: 56 sets. A document with five lacks at most three words, so it has one
    // of any four: the four rarest.
    const shares = [0.5, 0.01, 0.2, 0.02, 0.3, 0.005, 0.4, 0.1];
    expect(levelCondition(queries, even(8), shares, 5)).toEqual({
      query: 'w5 | w1 | w3 | w7',
      minimum: 5,
    });
    // weights 3 (six words) and 1 (two): 8 is three of the heavy ones or two and both
    // light ones (35 sets); without five heavy words, the other three weigh 5
    expect(levelCondition(queries, [3, 3, 3, 3, 3, 3, 1, 1], even(8), 8)).toEqual({
      query: 'w0 | w1 | w2 | w3 | w4',
      minimum: 8,
    });
  });

  it('walks the rank order only when that reads clearly fewer documents than a lookup', () => {
    // A page of 11 among 100,000 documents: a walk and a lookup cost the same at ~1,049 matches.
    expect(walksRankOrder(5_000, 100_000, 11)).toBe(true);
    expect(walksRankOrder(1_500, 100_000, 11)).toBe(false);
    expect(walksRankOrder(300, 600, 11)).toBe(true);
    expect(walksRankOrder(100, 600, 11)).toBe(false);
    // Without statistics nothing is known to be common.
    expect(walksRankOrder(0, 0, 11)).toBe(false);
  });

  it('walks, probes or sorts a class by its own estimate and the most it can hold', () => {
    expect(classRead(5_000, 20_000, 100_000, 11)).toBe('walk');
    // The title class of a word common in the tips: the statistics cannot tell.
    expect(classRead(10, 20_000, 100_000, 11)).toBe('probe');
    // Even the whole-tip class is rare: so is every class it holds.
    expect(classRead(10, 500, 100_000, 11)).toBe('sort');
    expect(probeBudget(100_000, 11)).toBe(2098);
  });

  it('estimates the share of documents whose matched words weigh at least the level', () => {
    expect(shareWithAtLeast([0.5, 0.1, 0.2], even(3), 3)).toBeCloseTo(0.01);
    // two or three of them: 0.05 + 0.1 + 0.02, less twice the chance of all three
    expect(shareWithAtLeast([0.5, 0.1, 0.2], even(3), 2)).toBeCloseTo(0.15);
    expect(shareWithAtLeast([0.5, 0.6], even(2), 1)).toBeCloseTo(0.8);
    expect(shareWithAtLeast([0.01, 0.5, 0.2], [3, 1, 1], 2)).toBeCloseTo(0.01 + 0.99 * 0.1);
  });

  describe('narrower lookup', () => {
    const words = ["'saka'", "'ritra'", "'gos':*"];

    it('leaves a common word (here a short prefix) to be checked on the others’ matches', () => {
      const shares = [0.005, 0.002, 0.17];
      expect(narrowerLookup(words, shares, even(3), 3, 100_000)).toBe("'saka' & 'ritra'");
      expect(narrowerLookup(words, shares, even(3), 2, 100_000)).toBe("'saka' | 'ritra'");
    });

    it('looks up every word when the others match too many documents to check', () => {
      expect(narrowerLookup(words, [0.2, 0.3, 0.9], even(3), 2, 100_000)).toBeNull();
    });

    it('looks up every word when none is much more common', () => {
      expect(narrowerLookup(words, [0.01, 0.01, 0.02], even(3), 2, 100_000)).toBeNull();
    });

    it('looks up every word without statistics', () => {
      expect(narrowerLookup(words, [0, 0, 0], even(3), 3, 0)).toBeNull();
    });

    it('looks up every word at the level of any one word', () => {
      expect(narrowerLookup(words, [0.01, 0.002, 0.17], even(3), 1, 100_000)).toBeNull();
    });
  });
});
