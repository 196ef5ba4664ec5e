/** One word of the query and what else may stand for it. */
export interface QueryWord {
  word: string;
  /** the word being typed: match it as a prefix */
  prefix: boolean;
  /** typo corrections and synonyms */
  alternatives: string[];
}

/**
 * A query word's tsquery: any of its analysed forms (one per text search configuration,
 * prefix, stem prefix, corrections and synonyms), or null when none is left (a word
 * every configuration drops).
 */
export function anyOf(forms: string[]): string | null {
  const distinct = [...new Set(forms.filter((form) => form.trim() !== ''))];
  return distinct.length === 0 ? null : `(${distinct.map((form) => `(${form})`).join(' | ')})`;
}

/** More m-word combinations than this and a match level is skipped: its tsquery grows too large. */
const MAX_COMBINATIONS = 20;

/**
 * How many of `n` query words a match may contain, best first: n, then fewer down to one.
 * Levels whose tsquery would list too many word combinations are left out (a long
 * question then goes from, say, all eight words straight to six).
 */
export function matchLevels(n: number): number[] {
  const levels: number[] = [];
  for (let m = n; m >= 1; m--) {
    if (m === n || m === 1 || combinations(n, m) <= MAX_COMBINATIONS) levels.push(m);
  }
  return levels;
}

/** A tsquery matching documents that contain at least `m` of the word queries. */
export function atLeast(wordQueries: string[], m: number): string {
  if (m >= wordQueries.length) return wordQueries.join(' & ');
  if (m <= 1) return wordQueries.join(' | ');
  return subsets(wordQueries, m)
    .map((subset) => `(${subset.join(' & ')})`)
    .join(' | ');
}

function combinations(n: number, m: number): number {
  let result = 1;
  for (let i = 1; i <= m; i++) result = (result * (n - m + i)) / i;
  return Math.round(result);
}

function subsets<T>(items: T[], m: number): T[][] {
  if (m === 0) return [[]];
  if (items.length < m) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, m - 1).map((subset) => [first, ...subset]), ...subsets(rest, m)];
}
