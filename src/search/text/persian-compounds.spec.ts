import { describe, expect, it } from '@jest/globals';
import { adjacentJoins, isPersianWord, splitCandidates } from './persian-compounds.js';

describe('Persian compounds', () => {
  it('joins adjacent Persian words only', () => {
    expect(adjacentJoins(['پشتیبانی', 'کننده', 'router', 'شبکه'])).toEqual([
      { at: 0, joined: 'پشتیبانیکننده' },
    ]);
    expect(adjacentJoins(['router', 'reset'])).toEqual([]);
  });

  it('cuts a joined word where both parts could be words, or the second a suffix', () => {
    const cuts = splitCandidates('کتابها');
    expect(cuts).toContainEqual(['کتاب', 'ها']);
    expect(cuts).toContainEqual(['کتا', 'بها']);
    expect(cuts.every(([left]) => left.length >= 2)).toBe(true);
    expect(splitCandidates('کتابی')).toContainEqual(['کتاب', 'ی']);
    expect(splitCandidates('refund')).toEqual([]);
    expect(isPersianWord('پشتیبانی')).toBe(true);
  });
});
