import { describe, expect, it } from '@jest/globals';
import { TermFrequencies } from './term-frequencies.js';

describe('TermFrequencies', () => {
  // As Postgres lists them: unsorted, then the minimum, maximum and null share.
  const frequencies = new TermFrequencies(
    ['refund', 'card', 'refus', 'cardholder', "o'neil"],
    [0.2, 0.3, 0.05, 0.02, 0.01, 0.01, 0.3, 0],
    1000,
  );

  it('reads a listed lexeme', () => {
    expect(frequencies.of("'card'")).toBeCloseTo(0.3);
    expect(frequencies.of("'o''neil'")).toBeCloseTo(0.01);
  });

  it('sums the listed completions of a prefix', () => {
    expect(frequencies.of("'ref':*")).toBeCloseTo(0.25);
    expect(frequencies.of("'card':*")).toBeCloseTo(0.32);
  });

  it('takes an unlisted lexeme or prefix to be in half the least share listed', () => {
    expect(frequencies.of("'zebra'")).toBeCloseTo(0.005);
    expect(frequencies.of("'zeb':*")).toBeCloseTo(0.005);
  });

  it('adds up alternatives, up to every document', () => {
    expect(frequencies.of("( 'refund' | 'card' ) | 'zebra'")).toBeCloseTo(0.505);
    expect(frequencies.of("'card' | 'card':* | 'refund' | 'ref':*")).toBe(1);
  });

  it('knows nothing without statistics', () => {
    expect(TermFrequencies.NONE.of("'card'")).toBe(0);
    expect(TermFrequencies.NONE.documents).toBe(0);
  });
});
