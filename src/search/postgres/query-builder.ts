/** One word of the query and what else may stand for it. */
export interface QueryWord {
  word: string;
  /** the word being typed: match it as a prefix */
  prefix: boolean;
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

/** A walk in rank order must read this many times fewer documents than a lookup. */
const WALK_MARGIN = 2;

/**
 * Whether a match class is read by walking the documents in rank order, rather than looked
 * up in the index and sorted. A walk reads about `limit × documents / matches` documents
 * before its page is full; a lookup reads every match. The two cost the same at
 * √(limit × documents) matches (about 1,000 for a page of ten among 100,000 documents).
 * The walk must be clearly cheaper, because it reads the whole organization when the
 * class turns out rarer than estimated.
 */
export function walksRankOrder(expectedMatches: number, documents: number, limit: number): boolean {
  return expectedMatches > 0 && expectedMatches >= WALK_MARGIN * Math.sqrt(limit * documents);
}

/** How search_rank reads a match class (see migration 1764600000000-search-statements). */
export type ClassRead = 'lookup' | 'sort' | 'walk' | 'probe';

/**
 * How to read a match class that no narrower lookup serves, from the matches it is
 * expected to have and the most it can have (those of the whole-document class, which
 * holds it): look it up and sort when even that is too few to walk for; walk the rank
 * order when the class itself is common enough; otherwise probe — walk a bounded stretch
 * of the rank order, then look up and sort if that did not fill the page. The statistics
 * of titles do not see the many rarer completions of a prefix, so a title class of a
 * word common in the tips may hold anything from none to thousands of matches.
 */
export function classRead(
  expectedMatches: number,
  mostMatches: number,
  documents: number,
  limit: number,
): Exclude<ClassRead, 'lookup'> {
  if (!walksRankOrder(mostMatches, documents, limit)) return 'sort';
  return walksRankOrder(expectedMatches, documents, limit) ? 'walk' : 'probe';
}

/**
 * How many documents a probe walks through: 2·√(limit × documents), enough to fill the
 * page from any class of ½·√(limit × documents) matches or more. Below that, a lookup and
 * sort costs less than the walk (a document read in rank order costs about a quarter of
 * one looked up and sorted), and the probe gives way to it; the two together cost at
 * most about twice the cheaper of them.
 */
export function probeBudget(documents: number, limit: number): number {
  return Math.ceil(2 * Math.sqrt(limit * documents));
}

/** A word is read from the index only if that reads this many times fewer documents than checking it on the others' matches. */
const COMMON_WORD_FACTOR = 4;
/** ...and the others' matches, checked one by one, are at most this many. */
const MAX_CHECKED_MATCHES = 1_000;

/**
 * The estimated share of documents with at least `m` of the words, from each word's share
 * (words taken as independent; documents with more than `m` are counted more than once).
 */
export function shareWithAtLeast(shares: number[], m: number): number {
  const sum = subsets(shares, m).reduce(
    (total, subset) => total + subset.reduce((product, share) => product * share, 1),
    0,
  );
  return Math.min(1, sum);
}

/**
 * What the index should look up for a match level when one word is much more common than
 * the others: the documents with enough of the other words (at least `m - 1` of them),
 * each of which is then checked for the full condition. Reading a common word's documents
 * from the index costs far more than that, above all for a short prefix being typed,
 * whose every completion is read. Null when the index should look up the full condition.
 *
 * `shares` are the words' estimated shares of the documents.
 */
export function narrowerLookup(
  wordQueries: string[],
  shares: number[],
  m: number,
  documents: number,
): string | null {
  if (m < 2 || wordQueries.length < 2) return null;
  const common = shares.indexOf(Math.max(...shares));
  const others = wordQueries.filter((_, i) => i !== common);
  const othersShare = shareWithAtLeast(
    shares.filter((_, i) => i !== common),
    m - 1,
  );
  // Without statistics every share is 0: no word is known to be common.
  const worthIt =
    shares[common] > 0 &&
    shares[common] >= COMMON_WORD_FACTOR * othersShare &&
    othersShare * documents <= MAX_CHECKED_MATCHES;
  return worthIt ? atLeast(others, m - 1) : null;
}
