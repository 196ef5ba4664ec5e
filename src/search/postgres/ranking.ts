/**
 * The PostgreSQL engine's ranking, in one place: its match classes, filters and order, the
 * `search_rank` function that reads the classes (installed by a migration generated from
 * this module: `npm run search:ranking-migration`; test/search-ranking-source.test.ts
 * fails while the database's function differs from the one written here), and the
 * statement the engine runs on it.
 *
 * Ranking is by class, then static order. A document's match level is the weight of the
 * query words it matches; within a level, its tier is 2 when the title alone reaches the
 * level, 1 when the title and tags do, else 0. Then published before needing review
 * before archived (`standing`), more reuse, fresher, and the id.
 */

/** A level's classes, best first, and the vector each reads. */
export const TIERS = [
  { tier: 2, vector: 'title_tsv' },
  { tier: 1, vector: 'head_tsv' },
  { tier: 0, vector: 'tsv' },
] as const;

/** How search_rank reads a match class (see classRead in query-builder.ts). */
export type ClassRead = 'lookup' | 'sort' | 'walk' | 'probe';

/** The static order within a class, on the documents `d`. */
export const RANK_ORDER = 'd.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id';

/** Where the filters' values come from: the function's parameters or the statement's. */
interface FilterValues {
  organization: string;
  statuses: string;
  tags: string;
  language: string;
}

/** The filters of every search on the documents `d`: organization, statuses, tags, language. */
export function filters(values: FilterValues): string {
  return `d.organization_id = ${values.organization} AND d.status = ANY(${values.statuses})
  AND (${values.tags} IS NULL OR d.tags @> ${values.tags}) AND (${values.language} IS NULL OR d.language = ${values.language})`;
}

// ---- search_rank ------------------------------------------------------------------------

const FUNCTION_FILTERS = filters({
  organization: 'p_org',
  statuses: 'p_statuses',
  tags: 'p_tags',
  language: 'p_language',
});
/** The same order, which the rank index does not give: the matches are sorted. */
const SORTED = 'd.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id';
const COLUMNS = `d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status`;

/** A query has at most this many words (the rest of a longer one is left out). */
export const MAX_QUERY_WORDS = 15;

/** The weight of the query words (p_words, p_weights) a vector matches. */
const weightOf = (vector: string) =>
  `(${Array.from(
    { length: MAX_QUERY_WORDS },
    (_, i) => `CASE WHEN ${vector} @@ p_words[${i + 1}] THEN p_weights[${i + 1}] ELSE 0 END`,
  ).join('\n          + ')})`;

/**
 * Whether a vector is in the level's class. `@@` under the name ts_match_vq is not taken
 * to an index by the planner, for checks on rows already read.
 */
const inClass = (vector: string, operator: 'index' | 'check') =>
  operator === 'index' ? `${vector} @@ v_query` : `ts_match_vq(${vector}, v_query)`;

/** The tier of a document of the level. */
const TIER_OF = `CASE WHEN ${inClass('d.title_tsv', 'check')} THEN 2
        WHEN ${inClass('d.head_tsv', 'check')} THEN 1 ELSE 0 END`;

/**
 * The weighed levels v_level to v_last as one read: the documents matching the last one's
 * cover (v_query) whose matched words weigh at least its minimum, each placed in its level
 * (the first of the run whose minimum its weight reaches) and tier, best first.
 */
const WEIGHED_LEVELS = `RETURN QUERY
      SELECT (c.at - 1) * 3 + 2 - t.tier, c.at, t.tier, ${COLUMNS.replaceAll('d.', 'c.')}
      FROM (
        SELECT x.*, v_level + (SELECT count(*)::int FROM unnest(p_minimums[v_level:v_last]) AS m
          WHERE m > x.weight) AS at
        FROM (SELECT ${COLUMNS}, d.title_tsv, d.head_tsv, ${weightOf('d.tsv')} AS weight
          FROM search_documents d WHERE ${FUNCTION_FILTERS} AND d.tsv @@ v_query) x
        WHERE x.weight >= v_minimum) c
      CROSS JOIN LATERAL (SELECT CASE WHEN ${weightOf('c.title_tsv')} >= p_minimums[c.at] THEN 2
        WHEN ${weightOf('c.head_tsv')} >= p_minimums[c.at] THEN 1 ELSE 0 END AS tier) t
      ORDER BY c.at, t.tier DESC, ${RANK_ORDER.replaceAll('d.', 'c.')}
      LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;`;

/**
 * A class's top documents as RETURN QUERY, each with its tier, then their count in v_rows.
 * `tier` is the class's own, or TIER_OF (evaluated for the documents returned only).
 */
function returnQuery(from: string, condition: string, order: string, tier: string): string {
  if (tier !== TIER_OF)
    return `RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - ${tier}, v_level, ${tier}, ${COLUMNS}
      FROM ${from} d WHERE ${condition} ORDER BY ${order} LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;`;
  return `RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, ${COLUMNS}
      FROM (SELECT ${COLUMNS}, d.title_tsv, d.head_tsv FROM ${from} d
        WHERE ${condition} ORDER BY ${order} LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT ${tier} AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;`;
}

/**
 * One way of reading a class of the vector:
 * - lookup: the index looks up the narrower query; each match is checked for the class;
 * - sort: the index looks up the class's query; the matches are sorted;
 * - walk: the documents are read in rank order, each checked, until the page is full;
 * - probe: a walk through at most p_budget documents; when that does not fill the page,
 *   a sort.
 * The plans cannot depend on how common the words are (ts_match_vq, and `standing + 0`
 * as an order the rank index does not give), so one plan per statement serves every search.
 */
function readClass(vector: string, read: ClassRead, tier: string): string {
  const documents = `search_documents d WHERE ${FUNCTION_FILTERS}`;
  const sort = returnQuery(
    'search_documents',
    `${FUNCTION_FILTERS} AND ${inClass(`d.${vector}`, 'index')}`,
    SORTED,
    tier,
  );
  switch (read) {
    case 'lookup':
      return returnQuery(
        'search_documents',
        `${FUNCTION_FILTERS} AND d.${vector} @@ v_lookup AND ${inClass(`d.${vector}`, 'check')}`,
        SORTED,
        tier,
      );
    case 'sort':
      return sort;
    case 'walk':
      return returnQuery(
        'search_documents',
        `${FUNCTION_FILTERS} AND ${inClass(`d.${vector}`, 'check')}`,
        RANK_ORDER,
        tier,
      );
    case 'probe':
      return `${returnQuery(
        `(SELECT * FROM ${documents} ORDER BY ${RANK_ORDER} LIMIT p_budget)`,
        inClass(`d.${vector}`, 'check'),
        RANK_ORDER,
        tier,
      )}
      IF v_rows < p_limit THEN ${sort} END IF;`;
  }
}

/** The class of a tier, read the way p_reads says for it. */
function classOf(tier: 0 | 1 | 2, tierOfRows: string): string {
  const at = TIERS.findIndex((t) => t.tier === tier);
  const { vector } = TIERS[at];
  const reads = (['lookup', 'sort', 'walk', 'probe'] as const).map(
    (read) => `v_read = '${read}' THEN\n      ${readClass(vector, read, tierOfRows)}`,
  );
  return `v_read := p_reads[(v_level - 1) * ${TIERS.length} + ${at + 1}];
    IF ${reads.join('\n    ELSIF ')}
    END IF;`;
}

/** The function's parameters and result columns. */
export const SEARCH_RANK_SIGNATURE = `search_rank(
  p_org uuid, p_statuses text[], p_tags text[], p_language text,
  p_queries tsquery[], p_lookups tsquery[], p_reads text[], p_limit int, p_budget int,
  p_words tsquery[] DEFAULT NULL, p_weights int[] DEFAULT NULL, p_minimums int[] DEFAULT NULL,
  p_sparse boolean[] DEFAULT NULL)
RETURNS TABLE (branch int, level_at int, tier int, doc_type text, doc_id uuid,
  standing smallint, reuse int, fresh_at timestamptz, title text, body text, tags text[],
  language text, status text)`;

/**
 * The body of search_rank: the top `p_limit` documents of each match class, best first,
 * stopping at the first class that fills the page.
 *
 * Levels (`p_queries`, `p_lookups`, `p_minimums`: see LevelCondition) come best first; a
 * level's classes are read as `p_reads` says, three per level in TIERS order. A level
 * expected to hold fewer than a page of documents (`p_sparse`) is read whole first:
 * when it has fewer than a page of documents, that is every one of them, each returned
 * with its tier, and its title and headline classes need no reading of their own;
 * otherwise they are read too, and the search stops there. A common level is read class
 * by class, best first, stopping at the first that fills the page (often its title class,
 * for the word being typed).
 * Consecutive weighed levels (a minimum weight) are read together (WEIGHED_LEVELS): one
 * lookup of the last one's cover, instead of one of each level's. A run ends at the first
 * level expected to fill the page: a lower level's cover holds more common words. Rows carry their class
 * as `branch` ((level - 1) × 3 + 2 − tier: smaller is better), and as `level_at` (the
 * level's position in p_queries) and `tier`. A probe walks at most `p_budget` documents.
 * `p_words` and `p_weights` are the query's words and their weights.
 */
export const SEARCH_RANK_BODY = `
#variable_conflict use_column
DECLARE
  v_levels int := coalesce(array_length(p_queries, 1), 0);
  v_level int := 1;
  v_last int;
  v_query tsquery;
  v_lookup tsquery;
  v_minimum int;
  v_read text;
  v_rows bigint;
BEGIN
  WHILE v_level <= v_levels LOOP
    IF coalesce(p_minimums[v_level], 0) > 0 THEN
      v_last := v_level;
      WHILE v_last < v_levels AND coalesce(p_minimums[v_last + 1], 0) > 0
          AND coalesce(p_sparse[v_last], false) LOOP
        v_last := v_last + 1;
      END LOOP;
      v_query := p_queries[v_last];
      v_minimum := p_minimums[v_last];
      ${WEIGHED_LEVELS}
      IF v_rows >= p_limit THEN RETURN; END IF;
      v_level := v_last + 1;
      CONTINUE;
    END IF;
    v_query := p_queries[v_level];
    v_lookup := p_lookups[v_level];
    IF coalesce(p_sparse[v_level], false) THEN
      ${classOf(0, TIER_OF)}
      IF v_rows >= p_limit THEN
        ${classOf(2, '2')}
        IF v_rows < p_limit THEN
          ${classOf(1, '1')}
        END IF;
        RETURN;
      END IF;
    ELSE
      ${classOf(2, '2')}
      IF v_rows >= p_limit THEN RETURN; END IF;
      ${classOf(1, '1')}
      IF v_rows >= p_limit THEN RETURN; END IF;
      ${classOf(0, '0')}
      IF v_rows >= p_limit THEN RETURN; END IF;
    END IF;
    v_level := v_level + 1;
  END LOOP;
END
`;

/** The function as a migration creates it. */
export const SEARCH_RANK_FUNCTION = `CREATE FUNCTION ${SEARCH_RANK_SIGNATURE}
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $fn$${SEARCH_RANK_BODY}$fn$`;

// ---- the statement ----------------------------------------------------------------------

/** The ranking statement's parameters, in order ($1 is the organization). */
const PARAMETERS = [
  'organization',
  'statuses',
  'tags',
  'language',
  'queries',
  'lookups',
  'reads',
  'limit',
  'budget',
  'words',
  'weights',
  'minimums',
  'sparse',
  'first',
  'offset',
  /** with totals: the query of every word, and of any word */
  'everyWord',
  'anyWord',
] as const;
type Parameter = (typeof PARAMETERS)[number];
const TOTALS_PARAMETERS = 2;

/** A parameter's placeholder. */
const $ = (name: Parameter) => `$${PARAMETERS.indexOf(name) + 1}`;

export type RankValues = Record<Exclude<Parameter, 'everyWord' | 'anyWord'>, unknown> &
  Partial<Record<'everyWord' | 'anyWord', unknown>>;

/** The statement's values in the order of its placeholders. */
export function rankValues(values: RankValues, withTotals: boolean): unknown[] {
  return PARAMETERS.slice(0, withTotals ? undefined : -TOTALS_PARAMETERS).map(
    (name) => values[name],
  );
}

/** The filters of the statement's own queries (the totals). */
export const STATEMENT_FILTERS = filters({
  organization: $('organization'),
  statuses: `${$('statuses')}::text[]`,
  tags: `${$('tags')}::text[]`,
  language: `${$('language')}::text`,
});

/** The tag facets a search returns at most. */
export const MAX_FACETS = 20;

/** The total and the tag facets of the `counted` matches. */
export const TOTALS = `(SELECT count(*) FROM counted)::int AS total,
  (SELECT coalesce(json_agg(json_build_object('tag', tag, 'count', n)), '[]'::json) FROM (
    SELECT tag, count(*)::int AS n FROM counted, unnest(tags) AS tag
    GROUP BY tag ORDER BY n DESC, tag LIMIT ${MAX_FACETS}) f) AS facets`;

/**
 * The matches the total and the facets count, at most `counted` of them: those with every
 * word, or with any word when fewer than a page have them all.
 */
const countedMatches = (counted: number) => `every_word AS (
    SELECT d.tags FROM search_documents d
    WHERE ${STATEMENT_FILTERS} AND d.tsv @@ ${$('everyWord')}::tsquery LIMIT ${counted}),
  any_word AS (
    SELECT d.tags FROM search_documents d
    WHERE ${STATEMENT_FILTERS} AND d.tsv @@ ${$('anyWord')}::tsquery
      AND (SELECT count(*) FROM every_word) < ${$('limit')}
    LIMIT ${counted}),
  counted AS (
    SELECT tags FROM every_word WHERE (SELECT count(*) FROM every_word) >= ${$('limit')}
    UNION ALL SELECT tags FROM any_word)`;

const HIT_ORDER = `branch, ${RANK_ORDER.replaceAll('d.', '')}`;

/**
 * A page of ranked hits: the best class of each document search_rank lists, `first` from
 * `offset`; with the totals when `counted` (the most matches they count) is given.
 */
export function rankStatement(counted?: number): string {
  return `
  WITH found AS (
    SELECT DISTINCT ON (doc_type, doc_id) *
    FROM search_rank(${$('organization')}, ${$('statuses')}, ${$('tags')}, ${$('language')},
      ${$('queries')}::tsquery[], ${$('lookups')}::tsquery[], ${$('reads')}, ${$('limit')},
      ${$('budget')}, ${$('words')}::tsquery[], ${$('weights')}, ${$('minimums')}, ${$('sparse')})
    ORDER BY doc_type, doc_id, branch),
  top AS (
    SELECT * FROM found ORDER BY ${HIT_ORDER} LIMIT ${$('first')} OFFSET ${$('offset')})${
      counted === undefined ? '' : `,\n  ${countedMatches(counted)}`
    }
  SELECT ${counted === undefined ? 'NULL AS total, NULL AS facets' : TOTALS},
    (SELECT coalesce(json_agg(top ORDER BY ${HIT_ORDER}), '[]'::json) FROM top) AS hits`;
}
