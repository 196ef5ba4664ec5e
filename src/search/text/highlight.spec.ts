import { describe, expect, it } from '@jest/globals';
import { highlightAll, snippet } from './highlight.js';
import { normalizeText } from './normalize.js';

/** The straightforward version, word by word, that the fast one must agree with. */
const reference = {
  stemMatches(word: string, terms: string[]): boolean {
    const normalized = normalizeText(word);
    return terms.some((term) =>
      normalized.startsWith(term.length <= 4 ? term : term.slice(0, Math.max(4, term.length - 2))),
    );
  },
  escape: (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
  highlightAll(text: string, terms: string[]): string {
    return text
      .split(/([\p{L}\p{N}\u200C]+)/u)
      .map((part, i) =>
        i % 2 === 1 && this.stemMatches(part, terms)
          ? `<mark>${this.escape(part)}</mark>`
          : this.escape(part),
      )
      .join('');
  },
  snippet(text: string, terms: string[]): string {
    const parts = text.replace(/\s+/g, ' ').split(' ');
    const first = parts.findIndex((part) =>
      part.split(/[^\p{L}\p{N}]+/u).some((word) => word && this.stemMatches(word, terms)),
    );
    const start = Math.max(0, (first < 0 ? 0 : first) - 6);
    const passage = parts.slice(start, start + 24).join(' ');
    return `${start > 0 ? '… ' : ''}${this.highlightAll(passage, terms)}${start + 24 < parts.length ? ' …' : ''}`;
  },
};

describe('highlight', () => {
  it('marks inflected forms and escapes HTML', () => {
    expect(highlightAll('Refunds <b>for</b> cancelled orders', ['refund', 'cancel'])).toBe(
      '<mark>Refunds</mark> &lt;b&gt;for&lt;/b&gt; <mark>cancelled</mark> orders',
    );
  });

  it('marks a word once when several terms match it, and only at its start', () => {
    expect(highlightAll('Prerefund: refund, REFUNDS & "refunded"', ['refund', 'refu'])).toBe(
      'Prerefund: <mark>refund</mark>, <mark>REFUNDS</mark> &amp; &quot;<mark>refunded</mark>&quot;',
    );
  });

  it('marks Persian words written with a zero-width non-joiner, and accented words', () => {
    expect(highlightAll('مشتری می‌خواهم', ['میخواهم'])).toBe('مشتری <mark>می‌خواهم</mark>');
    expect(highlightAll('Päivitä sovellus', ['paivita'])).toBe('<mark>Päivitä</mark> sovellus');
  });

  it('cuts a passage around the first match', () => {
    const text =
      Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ') + ' refund ' + 'end '.repeat(30);
    const passage = snippet(text, ['refund']);
    expect(passage.startsWith('… w54')).toBe(true);
    expect(passage).toContain('<mark>refund</mark>');
    expect(passage.endsWith(' …')).toBe(true);
  });

  it('starts at the beginning without a match, and marks what a short text holds', () => {
    expect(snippet('Nothing\n\nto  see here.', ['refund'])).toBe('Nothing to see here.');
    expect(snippet('A refund.', ['refund'])).toBe('A <mark>refund</mark>.');
  });

  it('finds a Persian word written apart or with a non-joiner for the snippet', () => {
    const text = `${'کلمه '.repeat(30)}من می‌خواهم ${'پایان '.repeat(30)}`.trim();
    expect(snippet(text, ['میخواهم'])).toMatch(/^… (کلمه ){5}من <mark>می‌خواهم<\/mark>/);
  });

  it('agrees with the word-by-word version on generated texts', () => {
    let state = 11;
    const random = () => {
      state = (state * 48271) % 2147483647;
      return state / 2147483647;
    };
    const words = ['refund', 'Refunds', 'card', 'cancel', 'cancelled', 'a', 'the', '<b>', '&', 'x'];
    const pick = () => words[Math.floor(random() * words.length)];
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 60) }, () =>
        random() < 0.1 ? `${pick()},\n` : pick(),
      ).join(' ');
      // Query terms are normalized words: letters and digits.
      const terms = [pick(), pick()]
        .map((term) => term.toLowerCase())
        .filter((t) => /^\w+$/.test(t));
      expect(highlightAll(text, terms)).toBe(reference.highlightAll(text, terms));
      expect(snippet(text, terms)).toBe(reference.snippet(text, terms));
    }
  });
});
