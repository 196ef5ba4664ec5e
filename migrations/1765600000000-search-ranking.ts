import { MigrationInterface, QueryRunner } from 'typeorm';

/** The search_rank function, generated from src/search/postgres/ranking.ts. */
export class SearchRanking1765600000000 implements MigrationInterface {
  name = 'SearchRanking1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS search_rank`);
    await db.query(
      `CREATE FUNCTION search_rank(
  p_org uuid, p_statuses text[], p_tags text[], p_language text,
  p_queries tsquery[], p_lookups tsquery[], p_reads text[], p_limit int, p_budget int,
  p_words tsquery[] DEFAULT NULL, p_weights int[] DEFAULT NULL, p_minimums int[] DEFAULT NULL)
RETURNS TABLE (branch int, level_at int, tier int, doc_type text, doc_id uuid,
  standing smallint, reuse int, fresh_at timestamptz, title text, body text, tags text[],
  language text, status text)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $fn$
#variable_conflict use_column
DECLARE
  v_query tsquery;
  v_lookup tsquery;
  v_minimum int;
  v_read text;
  v_rows bigint;
BEGIN
  FOR v_level IN 1 .. coalesce(array_length(p_queries, 1), 0) LOOP
    v_query := p_queries[v_level];
    v_lookup := p_lookups[v_level];
    v_minimum := coalesce(p_minimums[v_level], 0);
    v_read := p_reads[(v_level - 1) * 3 + 3];
    IF v_read = 'lookup' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.tsv @@ v_lookup AND ts_match_vq(d.tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.tsv @@ u.q) >= v_minimum) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT CASE WHEN ts_match_vq(d.title_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.title_tsv @@ u.q) >= v_minimum) THEN 2
        WHEN ts_match_vq(d.head_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.head_tsv @@ u.q) >= v_minimum) THEN 1 ELSE 0 END AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'sort' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.tsv @@ v_query
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.tsv @@ u.q) >= v_minimum) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT CASE WHEN ts_match_vq(d.title_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.title_tsv @@ u.q) >= v_minimum) THEN 2
        WHEN ts_match_vq(d.head_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.head_tsv @@ u.q) >= v_minimum) THEN 1 ELSE 0 END AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'walk' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND ts_match_vq(d.tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.tsv @@ u.q) >= v_minimum) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT CASE WHEN ts_match_vq(d.title_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.title_tsv @@ u.q) >= v_minimum) THEN 2
        WHEN ts_match_vq(d.head_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.head_tsv @@ u.q) >= v_minimum) THEN 1 ELSE 0 END AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'probe' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM (SELECT * FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_budget) d
        WHERE ts_match_vq(d.tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.tsv @@ u.q) >= v_minimum) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT CASE WHEN ts_match_vq(d.title_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.title_tsv @@ u.q) >= v_minimum) THEN 2
        WHEN ts_match_vq(d.head_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.head_tsv @@ u.q) >= v_minimum) THEN 1 ELSE 0 END AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      IF v_rows < p_limit THEN RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.tsv @@ v_query
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.tsv @@ u.q) >= v_minimum) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT CASE WHEN ts_match_vq(d.title_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.title_tsv @@ u.q) >= v_minimum) THEN 2
        WHEN ts_match_vq(d.head_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.head_tsv @@ u.q) >= v_minimum) THEN 1 ELSE 0 END AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT; END IF;
    END IF;
    IF v_rows >= p_limit THEN
      v_read := p_reads[(v_level - 1) * 3 + 1];
    IF v_read = 'lookup' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.title_tsv @@ v_lookup AND ts_match_vq(d.title_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.title_tsv @@ u.q) >= v_minimum) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT 2 AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'sort' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.title_tsv @@ v_query
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.title_tsv @@ u.q) >= v_minimum) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT 2 AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'walk' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND ts_match_vq(d.title_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.title_tsv @@ u.q) >= v_minimum) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT 2 AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'probe' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM (SELECT * FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_budget) d
        WHERE ts_match_vq(d.title_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.title_tsv @@ u.q) >= v_minimum) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT 2 AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      IF v_rows < p_limit THEN RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.title_tsv @@ v_query
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.title_tsv @@ u.q) >= v_minimum) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT 2 AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT; END IF;
    END IF;
      IF v_rows < p_limit THEN
        v_read := p_reads[(v_level - 1) * 3 + 2];
    IF v_read = 'lookup' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.head_tsv @@ v_lookup AND ts_match_vq(d.head_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.head_tsv @@ u.q) >= v_minimum) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT 1 AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'sort' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.head_tsv @@ v_query
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.head_tsv @@ u.q) >= v_minimum) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT 1 AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'walk' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND ts_match_vq(d.head_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.head_tsv @@ u.q) >= v_minimum) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT 1 AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'probe' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM (SELECT * FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_budget) d
        WHERE ts_match_vq(d.head_tsv, v_query)
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.head_tsv @@ u.q) >= v_minimum) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT 1 AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      IF v_rows < p_limit THEN RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.head_tsv @@ v_query
        AND (v_minimum = 0 OR (SELECT coalesce(sum(u.w), 0) FROM unnest(p_words, p_weights) AS u(q, w) WHERE d.head_tsv @@ u.q) >= v_minimum) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT 1 AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT; END IF;
    END IF;
      END IF;
      RETURN;
    END IF;
  END LOOP;
END
$fn$`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION search_rank`);
  }
}
