import { describe, expect, it } from '@jest/globals';
import { normalizeForIndex, normalizeText, words } from './normalize.js';

describe('normalizeText', () => {
  it('lower-cases and removes Latin accents', () => {
    expect(normalizeText('Crème Brûlée ÅNGSTRÖM')).toBe('creme brulee angstrom');
  });

  it('writes Arabic yeh and kaf as Persian', () => {
    expect(normalizeText('كيك')).toBe('کیک');
  });

  it('turns Persian and Arabic-Indic digits into ASCII', () => {
    expect(normalizeText('۱۲۳ ٤٥٦')).toBe('123 456');
  });

  it('removes Arabic diacritics and tatweel', () => {
    expect(normalizeText('كِتَاب')).toBe(normalizeText('كتاب'));
    expect(normalizeText('کـــتاب')).toBe('کتاب');
  });

  it('makes می‌خواهم, میخواهم and می خواهم the same word', () => {
    const forms = ['می‌خواهم', 'میخواهم', 'می خواهم'].map(normalizeForIndex);
    expect(new Set(forms).size).toBe(1);
    expect(words(forms[0])).toEqual(['میخواهم']);
    expect(normalizeForIndex('نمی خواهم')).toBe('نمیخواهم');
  });

  it('does not join می when it stands before a Latin word', () => {
    expect(normalizeForIndex('می test')).toBe('می test');
  });

  it('splits words at punctuation', () => {
    expect(words(normalizeText('Refund: customer’s card, (VISA)!'))).toEqual([
      'refund',
      'customer',
      's',
      'card',
      'visa',
    ]);
  });
});
