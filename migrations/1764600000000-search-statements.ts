import { MigrationInterface, QueryRunner } from 'typeorm';

/** The filters every search applies, on `d`, from the functions' parameters. */
const FILTERS = `d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language)`;

/** The match classes of a level, best first: every matched word in the title, the headline, anywhere. */
const VECTORS = ['title_tsv', 'head_tsv', 'tsv'];

const RANK_ORDER = 'd.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id';
/** The same order, which the rank index does not give: the matches are sorted. */
const SORTED = 'd.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id';
const COLUMNS = `d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at,
      d.title, d.body, d.tags, d.language, d.status`;

/** The class's top documents, as RETURN QUERY, then their count in v_rows. */
function returnQuery(from: string, condition: string, order: string): string {
  return `RETURN QUERY
    SELECT v_branch, ${COLUMNS} FROM ${from} d
    WHERE ${condition} ORDER BY ${order} LIMIT p_limit;
    GET DIAGNOSTICS v_rows = ROW_COUNT;`;
}

/**
 * How a match class is read (see PostgresSearchEngine.rankBounded):
 * - lookup: the index looks up the narrower query; each match is checked for the class's;
 * - sort: the index looks up the class's query; the matches are sorted;
 * - walk: the documents are read in rank order, each checked, until the page is full;
 * - probe: a walk through at most p_budget documents; when that does not fill the page,
 *   a sort.
 * ts_match_vq is @@ under another name, which the planner does not take to an index, and
 * `standing + 0` is an order the rank index does not give: the plans cannot depend on how
 * common the words are, so one plan per statement serves every search.
 */
function classRead(vector: string, read: 'lookup' | 'sort' | 'walk' | 'probe'): string {
  const filtered = `search_documents d WHERE ${FILTERS}`;
  const sort = returnQuery('search_documents', `${FILTERS} AND d.${vector} @@ v_query`, SORTED);
  switch (read) {
    case 'lookup':
      return returnQuery(
        'search_documents',
        `${FILTERS} AND d.${vector} @@ v_lookup AND ts_match_vq(d.${vector}, v_query)`,
        SORTED,
      );
    case 'sort':
      return sort;
    case 'walk':
      return returnQuery(
        'search_documents',
        `${FILTERS} AND ts_match_vq(d.${vector}, v_query)`,
        RANK_ORDER,
      );
    case 'probe':
      return `${returnQuery(
        `(SELECT * FROM ${filtered} ORDER BY ${RANK_ORDER} LIMIT p_budget)`,
        `ts_match_vq(d.${vector}, v_query)`,
        RANK_ORDER,
      )}
    IF v_rows < p_limit THEN ${sort} END IF;`;
  }
}

function readBranches(): string {
  const reads = (['lookup', 'sort', 'walk', 'probe'] as const).map(
    (read) =>
      `v_read = '${read}' THEN
        ${VECTORS.map((vector, tier) => `IF v_tier = ${tier} THEN ${classRead(vector, read)} END IF;`).join('\n        ')}`,
  );
  return `IF ${reads.join('\n      ELSIF ')}\n      END IF;`;
}

/**
 * Search's two statements as functions, so that each database connection plans them once
 * (generic plans, cached by PL/pgSQL) instead of on every keystroke: planning took as long
 * as running them.
 *
 * - search_analyse: each query word's tsquery forms in every configuration, as a prefix
 *   when it is being typed, plus its typo corrections and synonyms.
 * - search_rank: the top `p_limit` documents of each match class, best class first,
 *   stopping at the first class that fills the page. A class is read as `p_reads` says,
 *   one entry per class: levels (`p_queries`, `p_lookups`) times the three classes.
 *   A probe walks through at most `p_budget` documents.
 */
export class SearchStatements1764600000000 implements MigrationInterface {
  name = 'SearchStatements1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION search_analyse(
        p_org uuid, p_words text[], p_prefix boolean[], p_fuzzy boolean[], p_configs text[],
        p_finnish boolean)
      RETURNS TABLE (i int, kind text, term text, forms text[])
      LANGUAGE plpgsql STABLE
      SET plan_cache_mode = force_generic_plan
      -- Typo candidates share at least this much of their trigrams with the word: a swap
      -- of two letters in a 6-letter word leaves about 0.25.
      SET pg_trgm.similarity_threshold = 0.2
      AS $fn$
      #variable_conflict use_column
      BEGIN
        RETURN QUERY
        -- Words the vocabulary knows (or, for the word being typed, starts) are taken as
        -- spelled right; others get the 12 closest terms among those sharing enough
        -- trigrams with them (a trigram index scan).
        WITH w AS (
          SELECT * FROM unnest(p_words, p_prefix, p_fuzzy) WITH ORDINALITY AS w(word, prefix, fuzzy, i)),
        candidates AS (
          SELECT w.i, 'word' AS kind, w.word AS term FROM w
          UNION ALL
          SELECT w.i, 'typo', t.term FROM w CROSS JOIN LATERAL (
            SELECT s.term FROM search_terms s
            WHERE s.organization_id = p_org AND s.term % w.word AND s.term <> w.word
            ORDER BY s.term <-> w.word LIMIT 12) t
          WHERE w.fuzzy AND NOT EXISTS (
            SELECT 1 FROM search_terms k
            WHERE k.organization_id = p_org AND k.term >= w.word
              AND k.term <= CASE WHEN w.prefix THEN w.word || chr(1114111) ELSE w.word END)
          UNION ALL
          SELECT w.i, 'synonym', s.term FROM w
          JOIN search_synonyms g ON g.organization_id = p_org AND w.word = ANY(g.terms)
          CROSS JOIN unnest(g.terms) AS s(term)
          WHERE s.term <> w.word)
        SELECT c.i::int, c.kind, c.term, array(
          SELECT plainto_tsquery(cfg::regconfig, c.term)::text FROM unnest(p_configs) AS cfg
          UNION ALL
          SELECT to_tsquery('simple', quote_literal(c.term) || ':*')::text WHERE c.kind = 'word' AND w.prefix
          UNION ALL
          -- Finnish inflection: a shortened stem as a prefix finds other cases of the
          -- same word (words of 7 letters or more).
          (SELECT to_tsquery('simple', quote_literal(left(lexeme, greatest(5, length(lexeme) - 2))) || ':*')::text
           FROM unnest(to_tsvector('finnish', c.term))
           WHERE p_finnish AND c.kind = 'word' AND length(c.term) >= 7 LIMIT 1))
        FROM candidates c JOIN w USING (i);
      END
      $fn$`);
    await db.query(`
      CREATE FUNCTION search_rank(
        p_org uuid, p_statuses text[], p_tags text[], p_language text,
        p_queries tsquery[], p_lookups tsquery[], p_reads text[], p_limit int, p_budget int)
      RETURNS TABLE (branch int, doc_type text, doc_id uuid, standing smallint, reuse int,
        fresh_at timestamptz, title text, body text, tags text[], language text, status text)
      LANGUAGE plpgsql STABLE
      SET plan_cache_mode = force_generic_plan
      AS $fn$
      #variable_conflict use_column
      DECLARE
        v_branch int := 0;
        v_query tsquery;
        v_lookup tsquery;
        v_read text;
        v_rows bigint;
      BEGIN
        -- Match levels (how many query words), best first; within each, the classes.
        FOR v_level IN 1 .. coalesce(array_length(p_queries, 1), 0) LOOP
          v_query := p_queries[v_level];
          v_lookup := p_lookups[v_level];
          FOR v_tier IN 0 .. 2 LOOP
            v_read := p_reads[v_branch + 1];
            ${readBranches()}
            -- Every later class lists its documents too, or ranks below a full page.
            IF v_rows >= p_limit THEN RETURN; END IF;
            v_branch := v_branch + 1;
          END LOOP;
        END LOOP;
      END
      $fn$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP FUNCTION search_rank(uuid, text[], text[], text, tsquery[], tsquery[], text[], int, int)`,
    );
    await db.query(
      `DROP FUNCTION search_analyse(uuid, text[], boolean[], boolean[], text[], boolean)`,
    );
  }
}
