import { describe, expect, it } from '@jest/globals';
import { highlightAll, snippet } from './highlight.js';

describe('highlight', () => {
  it('marks inflected forms and escapes HTML', () => {
    expect(highlightAll('Refunds <b>for</b> cancelled orders', ['refund', 'cancel'])).toBe(
      '<mark>Refunds</mark> &lt;b&gt;for&lt;/b&gt; <mark>cancelled</mark> orders',
    );
  });

  it('marks Persian words written with a zero-width non-joiner', () => {
    expect(highlightAll('مشتری می‌خواهم', ['میخواهم'])).toBe('مشتری <mark>می‌خواهم</mark>');
  });

  it('cuts a passage around the first match', () => {
    const text =
      Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ') + ' refund ' + 'end '.repeat(30);
    const passage = snippet(text, ['refund']);
    expect(passage.startsWith('… w54')).toBe(true);
    expect(passage).toContain('<mark>refund</mark>');
    expect(passage.endsWith(' …')).toBe(true);
  });
});
