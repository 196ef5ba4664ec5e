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
  p_words tsquery[] DEFAULT NULL, p_weights int[] DEFAULT NULL, p_minimums int[] DEFAULT NULL,
  p_sparse boolean[] DEFAULT NULL)
RETURNS TABLE (branch int, level_at int, tier int, doc_type text, doc_id uuid,
  standing smallint, reuse int, fresh_at timestamptz, title text, body text, tags text[],
  language text, status text)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $fn$
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
      RETURN QUERY
      SELECT (c.at - 1) * 3 + 2 - t.tier, c.at, t.tier, c.doc_type, c.doc_id, c.standing, c.reuse, c.fresh_at, c.title, c.body,
        c.tags, c.language, c.status
      FROM (
        SELECT x.*, v_level + (SELECT count(*)::int FROM unnest(p_minimums[v_level:v_last]) AS m
          WHERE m > x.weight) AS at
        FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv, (CASE WHEN d.tsv @@ p_words[1] THEN p_weights[1] ELSE 0 END
          + CASE WHEN d.tsv @@ p_words[2] THEN p_weights[2] ELSE 0 END
          + CASE WHEN d.tsv @@ p_words[3] THEN p_weights[3] ELSE 0 END
          + CASE WHEN d.tsv @@ p_words[4] THEN p_weights[4] ELSE 0 END
          + CASE WHEN d.tsv @@ p_words[5] THEN p_weights[5] ELSE 0 END
          + CASE WHEN d.tsv @@ p_words[6] THEN p_weights[6] ELSE 0 END
          + CASE WHEN d.tsv @@ p_words[7] THEN p_weights[7] ELSE 0 END
          + CASE WHEN d.tsv @@ p_words[8] THEN p_weights[8] ELSE 0 END
          + CASE WHEN d.tsv @@ p_words[9] THEN p_weights[9] ELSE 0 END
          + CASE WHEN d.tsv @@ p_words[10] THEN p_weights[10] ELSE 0 END
          + CASE WHEN d.tsv @@ p_words[11] THEN p_weights[11] ELSE 0 END
          + CASE WHEN d.tsv @@ p_words[12] THEN p_weights[12] ELSE 0 END
          + CASE WHEN d.tsv @@ p_words[13] THEN p_weights[13] ELSE 0 END
          + CASE WHEN d.tsv @@ p_words[14] THEN p_weights[14] ELSE 0 END
          + CASE WHEN d.tsv @@ p_words[15] THEN p_weights[15] ELSE 0 END) AS weight
          FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.tsv @@ v_query) x
        WHERE x.weight >= v_minimum) c
      CROSS JOIN LATERAL (SELECT CASE WHEN (CASE WHEN c.title_tsv @@ p_words[1] THEN p_weights[1] ELSE 0 END
          + CASE WHEN c.title_tsv @@ p_words[2] THEN p_weights[2] ELSE 0 END
          + CASE WHEN c.title_tsv @@ p_words[3] THEN p_weights[3] ELSE 0 END
          + CASE WHEN c.title_tsv @@ p_words[4] THEN p_weights[4] ELSE 0 END
          + CASE WHEN c.title_tsv @@ p_words[5] THEN p_weights[5] ELSE 0 END
          + CASE WHEN c.title_tsv @@ p_words[6] THEN p_weights[6] ELSE 0 END
          + CASE WHEN c.title_tsv @@ p_words[7] THEN p_weights[7] ELSE 0 END
          + CASE WHEN c.title_tsv @@ p_words[8] THEN p_weights[8] ELSE 0 END
          + CASE WHEN c.title_tsv @@ p_words[9] THEN p_weights[9] ELSE 0 END
          + CASE WHEN c.title_tsv @@ p_words[10] THEN p_weights[10] ELSE 0 END
          + CASE WHEN c.title_tsv @@ p_words[11] THEN p_weights[11] ELSE 0 END
          + CASE WHEN c.title_tsv @@ p_words[12] THEN p_weights[12] ELSE 0 END
          + CASE WHEN c.title_tsv @@ p_words[13] THEN p_weights[13] ELSE 0 END
          + CASE WHEN c.title_tsv @@ p_words[14] THEN p_weights[14] ELSE 0 END
          + CASE WHEN c.title_tsv @@ p_words[15] THEN p_weights[15] ELSE 0 END) >= p_minimums[c.at] THEN 2
        WHEN (CASE WHEN c.head_tsv @@ p_words[1] THEN p_weights[1] ELSE 0 END
          + CASE WHEN c.head_tsv @@ p_words[2] THEN p_weights[2] ELSE 0 END
          + CASE WHEN c.head_tsv @@ p_words[3] THEN p_weights[3] ELSE 0 END
          + CASE WHEN c.head_tsv @@ p_words[4] THEN p_weights[4] ELSE 0 END
          + CASE WHEN c.head_tsv @@ p_words[5] THEN p_weights[5] ELSE 0 END
          + CASE WHEN c.head_tsv @@ p_words[6] THEN p_weights[6] ELSE 0 END
          + CASE WHEN c.head_tsv @@ p_words[7] THEN p_weights[7] ELSE 0 END
          + CASE WHEN c.head_tsv @@ p_words[8] THEN p_weights[8] ELSE 0 END
          + CASE WHEN c.head_tsv @@ p_words[9] THEN p_weights[9] ELSE 0 END
          + CASE WHEN c.head_tsv @@ p_words[10] THEN p_weights[10] ELSE 0 END
          + CASE WHEN c.head_tsv @@ p_words[11] THEN p_weights[11] ELSE 0 END
          + CASE WHEN c.head_tsv @@ p_words[12] THEN p_weights[12] ELSE 0 END
          + CASE WHEN c.head_tsv @@ p_words[13] THEN p_weights[13] ELSE 0 END
          + CASE WHEN c.head_tsv @@ p_words[14] THEN p_weights[14] ELSE 0 END
          + CASE WHEN c.head_tsv @@ p_words[15] THEN p_weights[15] ELSE 0 END) >= p_minimums[c.at] THEN 1 ELSE 0 END AS tier) t
      ORDER BY c.at, t.tier DESC, c.standing, c.reuse DESC, c.fresh_at DESC, c.doc_id
      LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      IF v_rows >= p_limit THEN RETURN; END IF;
      v_level := v_last + 1;
      CONTINUE;
    END IF;
    v_query := p_queries[v_level];
    v_lookup := p_lookups[v_level];
    IF coalesce(p_sparse[v_level], false) THEN
      v_read := p_reads[(v_level - 1) * 3 + 3];
    IF v_read = 'lookup' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.tsv @@ v_lookup AND ts_match_vq(d.tsv, v_query) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT CASE WHEN ts_match_vq(d.title_tsv, v_query) THEN 2
        WHEN ts_match_vq(d.head_tsv, v_query) THEN 1 ELSE 0 END AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'sort' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.tsv @@ v_query ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT CASE WHEN ts_match_vq(d.title_tsv, v_query) THEN 2
        WHEN ts_match_vq(d.head_tsv, v_query) THEN 1 ELSE 0 END AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'walk' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND ts_match_vq(d.tsv, v_query) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT CASE WHEN ts_match_vq(d.title_tsv, v_query) THEN 2
        WHEN ts_match_vq(d.head_tsv, v_query) THEN 1 ELSE 0 END AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'probe' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM (SELECT * FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_budget) d
        WHERE ts_match_vq(d.tsv, v_query) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT CASE WHEN ts_match_vq(d.title_tsv, v_query) THEN 2
        WHEN ts_match_vq(d.head_tsv, v_query) THEN 1 ELSE 0 END AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      IF v_rows < p_limit THEN RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - t.tier, v_level, t.tier, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status, d.title_tsv, d.head_tsv FROM search_documents d
        WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.tsv @@ v_query ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit) d
      CROSS JOIN LATERAL (SELECT CASE WHEN ts_match_vq(d.title_tsv, v_query) THEN 2
        WHEN ts_match_vq(d.head_tsv, v_query) THEN 1 ELSE 0 END AS tier) t;
      GET DIAGNOSTICS v_rows = ROW_COUNT; END IF;
    END IF;
      IF v_rows >= p_limit THEN
        v_read := p_reads[(v_level - 1) * 3 + 1];
    IF v_read = 'lookup' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 2, v_level, 2, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.title_tsv @@ v_lookup AND ts_match_vq(d.title_tsv, v_query) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'sort' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 2, v_level, 2, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.title_tsv @@ v_query ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'walk' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 2, v_level, 2, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND ts_match_vq(d.title_tsv, v_query) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'probe' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 2, v_level, 2, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT * FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_budget) d WHERE ts_match_vq(d.title_tsv, v_query) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      IF v_rows < p_limit THEN RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 2, v_level, 2, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.title_tsv @@ v_query ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT; END IF;
    END IF;
        IF v_rows < p_limit THEN
          v_read := p_reads[(v_level - 1) * 3 + 2];
    IF v_read = 'lookup' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 1, v_level, 1, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.head_tsv @@ v_lookup AND ts_match_vq(d.head_tsv, v_query) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'sort' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 1, v_level, 1, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.head_tsv @@ v_query ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'walk' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 1, v_level, 1, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND ts_match_vq(d.head_tsv, v_query) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'probe' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 1, v_level, 1, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT * FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_budget) d WHERE ts_match_vq(d.head_tsv, v_query) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      IF v_rows < p_limit THEN RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 1, v_level, 1, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.head_tsv @@ v_query ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT; END IF;
    END IF;
        END IF;
        RETURN;
      END IF;
    ELSE
      v_read := p_reads[(v_level - 1) * 3 + 1];
    IF v_read = 'lookup' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 2, v_level, 2, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.title_tsv @@ v_lookup AND ts_match_vq(d.title_tsv, v_query) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'sort' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 2, v_level, 2, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.title_tsv @@ v_query ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'walk' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 2, v_level, 2, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND ts_match_vq(d.title_tsv, v_query) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'probe' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 2, v_level, 2, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT * FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_budget) d WHERE ts_match_vq(d.title_tsv, v_query) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      IF v_rows < p_limit THEN RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 2, v_level, 2, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.title_tsv @@ v_query ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT; END IF;
    END IF;
      IF v_rows >= p_limit THEN RETURN; END IF;
      v_read := p_reads[(v_level - 1) * 3 + 2];
    IF v_read = 'lookup' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 1, v_level, 1, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.head_tsv @@ v_lookup AND ts_match_vq(d.head_tsv, v_query) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'sort' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 1, v_level, 1, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.head_tsv @@ v_query ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'walk' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 1, v_level, 1, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND ts_match_vq(d.head_tsv, v_query) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'probe' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 1, v_level, 1, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT * FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_budget) d WHERE ts_match_vq(d.head_tsv, v_query) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      IF v_rows < p_limit THEN RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 1, v_level, 1, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.head_tsv @@ v_query ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT; END IF;
    END IF;
      IF v_rows >= p_limit THEN RETURN; END IF;
      v_read := p_reads[(v_level - 1) * 3 + 3];
    IF v_read = 'lookup' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 0, v_level, 0, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.tsv @@ v_lookup AND ts_match_vq(d.tsv, v_query) ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'sort' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 0, v_level, 0, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.tsv @@ v_query ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'walk' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 0, v_level, 0, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND ts_match_vq(d.tsv, v_query) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
    ELSIF v_read = 'probe' THEN
      RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 0, v_level, 0, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM (SELECT * FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_budget) d WHERE ts_match_vq(d.tsv, v_query) ORDER BY d.standing, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      IF v_rows < p_limit THEN RETURN QUERY
      SELECT (v_level - 1) * 3 + 2 - 0, v_level, 0, d.doc_type, d.doc_id, d.standing, d.reuse, d.fresh_at, d.title, d.body,
        d.tags, d.language, d.status
      FROM search_documents d WHERE d.organization_id = p_org AND d.status = ANY(p_statuses)
  AND (p_tags IS NULL OR d.tags @> p_tags) AND (p_language IS NULL OR d.language = p_language) AND d.tsv @@ v_query ORDER BY d.standing + 0, d.reuse DESC, d.fresh_at DESC, d.doc_id LIMIT p_limit;
      GET DIAGNOSTICS v_rows = ROW_COUNT; END IF;
    END IF;
      IF v_rows >= p_limit THEN RETURN; END IF;
    END IF;
    v_level := v_level + 1;
  END LOOP;
END
$fn$`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION search_rank`);
  }
}
