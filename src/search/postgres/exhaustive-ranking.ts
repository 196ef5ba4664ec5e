import type { EntityManager } from 'typeorm';
import type { SearchRequest } from '../search-engine.js';
import { RANK_ORDER, STATEMENT_FILTERS, TOTALS } from './ranking.js';

/** What a ranking returns of a document, with its class. */
export interface RankedRow {
  doc_type: 'TIP' | 'QUESTION';
  doc_id: string;
  title: string;
  body: string;
  tags: string[];
  language: string;
  status: string;
  level: number;
  tier: number;
}

export interface RankedPage {
  total: number | null;
  facets: { tag: string; count: number }[] | null;
  /** up to `first` + 1, to tell whether there are more */
  hits: RankedRow[];
}

/**
 * The ranking of ranking.ts computed over every match, for the tests and the benchmark to
 * check that the engine's bounded reading returns the same page. Exact and slow: never
 * on the way of an agent's search.
 */
export async function rankEveryMatch(
  manager: EntityManager,
  request: SearchRequest,
  /** the values of the filters' placeholders */
  filterValues: unknown[],
  wordQueries: string[],
  weights: number[],
): Promise<RankedPage> {
  const values = [...filterValues];
  const add = (value: unknown) => `$${values.push(value)}`;
  const words = wordQueries.map((query) => add(query));
  // the weight of the words a vector matches
  const weight = (vector: string) =>
    words.map((word, i) => `(d.${vector} @@ ${word}::tsquery)::int * ${weights[i]}`).join(' + ');
  const any = add(wordQueries.join(' | '));
  const top = weights.reduce((sum, w) => sum + w, 0);
  const limit = request.first + request.offset + 1;
  const order = `level DESC, tier DESC, ${RANK_ORDER.replaceAll('d.', '')}`;
  const [row] = (await manager.query(
    `WITH matches AS (
       SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at,
         d.title, d.body, d.tags, d.language, d.status,
         ${weight('tsv')} AS level, ${weight('title_tsv')} AS in_title, ${weight('head_tsv')} AS in_head
       FROM search_documents d WHERE ${STATEMENT_FILTERS} AND d.tsv @@ ${any}::tsquery),
     ranked AS (
       SELECT *, CASE WHEN in_title >= level THEN 2 WHEN in_head >= level THEN 1 ELSE 0 END AS tier
       FROM matches),
     counted AS (
       SELECT * FROM ranked
       WHERE level = ${top} OR (SELECT count(*) FROM ranked WHERE level = ${top}) < ${limit})
     SELECT ${request.withTotals ? TOTALS : 'NULL AS total, NULL AS facets'},
       (SELECT coalesce(json_agg(h ORDER BY ${order}), '[]'::json)
        FROM (SELECT * FROM ranked ORDER BY ${order}
              LIMIT ${request.first + 1} OFFSET ${request.offset}) h) AS hits`,
    values,
  )) as RankedPage[];
  return row;
}
