import { describe, expect, it } from '@jest/globals';
import { allowedTypos, editDistance } from './edit-distance.js';

describe('editDistance', () => {
  it.each([
    ['receive', 'recieve', 1],
    ['address', 'adress', 1],
    ['cancel', 'cancle', 1],
    ['kitten', 'sitting', 3],
    ['same', 'same', 0],
    ['', 'abc', 3],
  ])('%s → %s is %d', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe('allowedTypos', () => {
  it('allows one typo from 5 letters and two from 9', () => {
    expect(allowedTypos('card')).toBe(0);
    expect(allowedTypos('refund')).toBe(1);
    expect(allowedTypos('reimbursement')).toBe(2);
  });
});
