import { describe, expect, it } from '@jest/globals';
import { findCardNumber } from './card-numbers.js';

describe('findCardNumber', () => {
  it.each([
    ['customer card 4111 1111 1111 1111 declined', '1111'],
    ['4111-1111-1111-1111', '1111'],
    ['amex 378282246310005', '0005'],
    ['ref 99 5555555555554444 thanks', '4444'],
  ])('finds the card in %j', (text, last4) => {
    expect(findCardNumber(text)).toBe(last4);
  });

  it.each([
    'call back on +358 40 123 4567',
    'order 4111 1111 1111 1112 is late',
    'refund of 1,250.00 EUR on 12/03/2026',
    'the last four digits are 1111',
    '0000 0000 0000 0000',
  ])('leaves %j alone', (text) => {
    expect(findCardNumber(text)).toBeNull();
  });
});
