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

/** More word sets than this and a match level's tsquery would grow too large (see levelCondition). */
const MAX_COMBINATIONS = 20;

export const MAX_WORD_WEIGHT = 3;
/** A word in at most this share of the documents is rare, and weighs the most. */
const RARE_SHARE = 0.01;
/** ...in at most this share, uncommon; more common words weigh the least. */
const UNCOMMON_SHARE = 0.1;

/**
 * How much a query word's match counts: 3 for a word in at most 1% of the documents, 2 in
 * at most 10%, else 1 — inverse document frequency in three steps, so that a match on
 * "logging" outranks one on "every" while the classes stay discrete (the ranking reads
 * them in order and stops early). A word the statistics do not list (share 0) is rare.
 */
export function wordWeight(share: number): number {
  if (share <= RARE_SHARE) return MAX_WORD_WEIGHT;
  return share <= UNCOMMON_SHARE ? 2 : 1;
}

/**
 * The smallest sets of words (their indexes) whose weights reach `level`, in a stable
 * order: leaving out any word of a set falls short. Stops after `most` sets; branches
 * that cannot reach the level any more are not explored.
 */
function minimalSets(weights: number[], level: number, most = Infinity): number[][] {
  const sets: number[][] = [];
  // what the words from i on can still add
  const after = weights.map((_, i) => weights.slice(i).reduce((sum, weight) => sum + weight, 0));
  const visit = (from: number, chosen: number[], sum: number) => {
    if (sets.length >= most) return;
    if (sum >= level) {
      if (chosen.every((i) => sum - weights[i] < level)) sets.push(chosen);
      return;
    }
    for (let i = from; i < weights.length && sum + after[i] >= level; i++)
      visit(i + 1, [...chosen, i], sum + weights[i]);
  };
  visit(0, [], 0);
  return sets;
}

/**
 * The match levels of words with these weights, best first: every weight some of the words
 * add up to, from all of them down to the lightest single word.
 */
export function matchLevels(weights: number[]): number[] {
  let sums = new Set<number>();
  for (const weight of weights)
    sums = new Set([...sums, weight, ...[...sums].map((sum) => sum + weight)]);
  return [...sums].sort((a, b) => b - a);
}

/**
 * A match level's condition: documents matching `query` whose matched words weigh at least
 * `minimum` together, or exactly the documents matching `query` when `minimum` is 0.
 */
export interface LevelCondition {
  query: string;
  minimum: number;
}

/**
 * The condition of a match level. Within MAX_COMBINATIONS word sets it is a tsquery of
 * them (atLeast); past that (the middle levels of a long question) the tsquery would grow
 * too large, and the level is the documents having any word of a cover — the rarest words
 * that a document of the level cannot all lack — whose matched words are then weighed.
 * `shares` are the words' estimated shares of the documents: the rarer the cover, the
 * fewer documents the index reads for it.
 */
export function levelCondition(
  wordQueries: string[],
  weights: number[],
  shares: number[],
  level: number,
): LevelCondition {
  if (minimalSets(weights, level, MAX_COMBINATIONS + 1).length <= MAX_COMBINATIONS)
    return { query: atLeast(wordQueries, weights, level), minimum: 0 };
  const rarestFirst = weights
    .map((_, i) => i)
    .sort((a, b) => shares[a] - shares[b] || weights[b] - weights[a] || a - b);
  let missing = weights.reduce((sum, weight) => sum + weight, 0);
  const cover: number[] = [];
  // A document lacking every word of the cover reaches at most the weight of the others.
  for (const i of rarestFirst) {
    if (missing < level) break;
    cover.push(i);
    missing -= weights[i];
  }
  return { query: cover.map((i) => wordQueries[i]).join(' | '), minimum: level };
}

/** A tsquery matching documents whose matched words weigh at least `level` together. */
export function atLeast(wordQueries: string[], weights: number[], level: number): string {
  if (level <= Math.min(...weights)) return wordQueries.join(' | ');
  const sets = minimalSets(weights, level);
  if (sets.length === 1 && sets[0].length === wordQueries.length) return wordQueries.join(' & ');
  return sets.map((set) => `(${set.map((i) => wordQueries[i]).join(' & ')})`).join(' | ');
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
 * The estimated share of documents whose matched words weigh at least `level`, from each
 * word's share (words taken as independent).
 */
export function shareWithAtLeast(shares: number[], weights: number[], level: number): number {
  // chance[s]: the chance that the words so far weigh s together
  let chance = [1];
  shares.forEach((share, i) => {
    const next: number[] = Array.from({ length: chance.length + weights[i] }, () => 0);
    chance.forEach((p, sum) => {
      next[sum] += p * (1 - share);
      next[sum + weights[i]] += p * share;
    });
    chance = next;
  });
  return Math.min(
    1,
    chance.slice(level).reduce((total, p) => total + p, 0),
  );
}

/**
 * What the index should look up for a match level when one word is much more common than
 * the others: the documents whose other words reach the rest of the level, each of which is
 * then checked for the full condition. Reading a common word's documents from the index
 * costs far more than that, above all for a short prefix being typed, whose every
 * completion is read. Null when the index should look up the full condition.
 *
 * `shares` are the words' estimated shares of the documents.
 */
export function narrowerLookup(
  wordQueries: string[],
  shares: number[],
  weights: number[],
  level: number,
  documents: number,
): string | null {
  if (wordQueries.length < 2) return null;
  const common = shares.indexOf(Math.max(...shares));
  const rest = level - weights[common];
  if (rest <= 0) return null; // the common word alone reaches the level
  const others = (values: (string | number)[]) => values.filter((_, i) => i !== common);
  const otherWeights = others(weights) as number[];
  if (rest > otherWeights.reduce((sum, weight) => sum + weight, 0)) return null;
  if (minimalSets(otherWeights, rest, MAX_COMBINATIONS + 1).length > MAX_COMBINATIONS) return null;
  const othersShare = shareWithAtLeast(others(shares) as number[], otherWeights, rest);
  // Without statistics every share is 0: no word is known to be common.
  const worthIt =
    shares[common] > 0 &&
    shares[common] >= COMMON_WORD_FACTOR * othersShare &&
    othersShare * documents <= MAX_CHECKED_MATCHES;
  return worthIt ? atLeast(others(wordQueries) as string[], otherWeights, rest) : null;
}
