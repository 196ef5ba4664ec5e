/**
 * Persian compounds are written joined ("پشتیبانیکننده"), with a zero-width non-joiner
 * (which normalization removes, so it reads as joined) or with a space ("پشتیبانی کننده").
 * A query in one spelling finds a text in another through two extra forms of its words:
 * two adjacent Persian query words also match their join, and a joined query word also
 * matches its two parts when both are words of the organization's texts (or the second is
 * a plural or possessive suffix).
 */
const PERSIAN_WORD = /^[\u0600-\u06FF]+$/u;

/** Suffixes written apart as often as joined: the plural and possessive endings. */
export const PERSIAN_SUFFIXES = new Set(['ها', 'های', 'هایی', 'ی', 'ای']);

/** The shortest part a joined word is split into (suffixes excepted). */
const MIN_PART = 2;

export const isPersianWord = (word: string): boolean => PERSIAN_WORD.test(word);

/** A tsquery term for a Persian word (letters only, so quoting is enough); `prefix` matches it as typed. */
export const persianTerm = (word: string, prefix = false): string =>
  `'${word}'${prefix ? ':*' : ''}`;

/** Each pair of adjacent Persian words, joined, with the index of its first word. */
export function adjacentJoins(words: string[]): { at: number; joined: string }[] {
  const joins: { at: number; joined: string }[] = [];
  for (let i = 0; i + 1 < words.length; i++)
    if (isPersianWord(words[i]) && isPersianWord(words[i + 1]))
      joins.push({ at: i, joined: words[i] + words[i + 1] });
  return joins;
}

/** Ways to read a joined Persian word as two: every cut leaving parts long enough. */
export function splitCandidates(word: string): [string, string][] {
  if (!isPersianWord(word)) return [];
  const letters = [...word];
  const candidates: [string, string][] = [];
  for (let cut = MIN_PART; cut <= letters.length - 1; cut++) {
    const left = letters.slice(0, cut).join('');
    const right = letters.slice(cut).join('');
    if (right.length >= MIN_PART || PERSIAN_SUFFIXES.has(right)) candidates.push([left, right]);
  }
  return candidates;
}
