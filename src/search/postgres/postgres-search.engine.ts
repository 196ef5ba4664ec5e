import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import type {
  DocumentType,
  SearchDocument,
  SearchEngine,
  SearchHit,
  SearchRequest,
  SearchResponse,
} from '../search-engine.js';
import { allowedTypos, editDistance } from '../text/edit-distance.js';
import { highlightAll, snippet } from '../text/highlight.js';
import { ENGLISH_STOP_WORDS, textSearchConfig } from '../text/languages.js';
import { normalizeForIndex, normalizeText, words } from '../text/normalize.js';
import { buildQuery, QueryWord } from './query-builder.js';

const MAX_FACETS = 20;
/** Words shorter than this are matched whole, not as prefixes: "a" would match everything. */
const MIN_PREFIX_LENGTH = 3;
const MAX_KNOWN_TERMS = 500_000;

interface HitRow {
  doc_type: DocumentType;
  doc_id: string;
  score: number;
  title: string;
  body: string;
}

/**
 * Full-text search in PostgreSQL: weighted tsvectors (title > tags > body) in the
 * document's own language plus an unstemmed copy, prefix matching for the word being
 * typed, typo tolerance from a trigram index over the organization's vocabulary,
 * synonyms, tag facets and highlighted snippets.
 */
@Injectable()
export class PostgresSearchEngine implements SearchEngine {
  readonly transactional = true;
  private readonly knownTerms = new Set<string>();

  constructor(private readonly tx: TransactionHost) {}

  async index(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const rows = documents.map((doc) => ({
      org: doc.organizationId,
      type: doc.type,
      id: doc.id,
      language: doc.language,
      status: doc.status,
      tags: doc.tags,
      title: doc.title,
      body: doc.body,
      cfg: textSearchConfig(doc.language),
      ntitle: normalizeForIndex(doc.title),
      ntags: normalizeForIndex(doc.tags.join(' ')),
      nbody: normalizeForIndex(doc.body),
      reuse: doc.reuse,
      fresh_at: doc.freshAt.toISOString(),
    }));
    const manager = this.tx.manager;
    await manager.query(
      `INSERT INTO search_documents
         (organization_id, doc_type, doc_id, language, status, tags, title, body, tsv, reuse, fresh_at)
       SELECT d.org, d.type, d.id, d.language, d.status, d.tags, d.title, d.body,
         setweight(to_tsvector(d.cfg::regconfig, d.ntitle) || to_tsvector('simple', d.ntitle), 'A') ||
         setweight(to_tsvector(d.cfg::regconfig, d.ntags), 'B') ||
         setweight(to_tsvector(d.cfg::regconfig, d.nbody), 'C'),
         d.reuse, d.fresh_at
       FROM json_to_recordset($1::json) AS d(org uuid, type text, id uuid, language text, status text,
         tags text[], title text, body text, cfg text, ntitle text, ntags text, nbody text, reuse int,
         fresh_at timestamptz)
       ON CONFLICT (organization_id, doc_type, doc_id) DO UPDATE SET
         language = excluded.language, status = excluded.status, tags = excluded.tags,
         title = excluded.title, body = excluded.body, tsv = excluded.tsv,
         reuse = excluded.reuse, fresh_at = excluded.fresh_at`,
      [JSON.stringify(rows)],
    );
    await this.addToVocabulary(rows);
  }

  /**
   * The vocabulary for typo tolerance: every word and stem of the documents. Terms this
   * process has already stored are skipped, which makes bulk imports much cheaper.
   */
  private async addToVocabulary(rows: { org: string; type: string; id: string }[]): Promise<void> {
    const lexemes: { organization_id: string; lexeme: string }[] = await this.tx.manager.query(
      `SELECT DISTINCT d.organization_id, t.lexeme
       FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS k(organization_id, doc_type, doc_id)
       JOIN search_documents d USING (organization_id, doc_type, doc_id)
       CROSS JOIN LATERAL unnest(tsvector_to_array(d.tsv)) AS t(lexeme)
       WHERE length(t.lexeme) >= 4 AND t.lexeme !~ '^[0-9]+$'`,
      [rows.map((row) => row.org), rows.map((row) => row.type), rows.map((row) => row.id)],
    );
    const fresh = lexemes.filter(
      ({ organization_id, lexeme }) => !this.knownTerms.has(`${organization_id}:${lexeme}`),
    );
    if (fresh.length === 0) return;
    await this.tx.manager.query(
      `INSERT INTO search_terms (organization_id, term) SELECT * FROM unnest($1::uuid[], $2::text[])
       ON CONFLICT DO NOTHING`,
      [fresh.map((row) => row.organization_id), fresh.map((row) => row.lexeme)],
    );
    // Remembered only once committed: a rolled-back batch must not hide its terms.
    if (this.knownTerms.size > MAX_KNOWN_TERMS) this.knownTerms.clear();
    const keys = fresh.map(({ organization_id, lexeme }) => `${organization_id}:${lexeme}`);
    this.tx.afterCommit(() => keys.forEach((key) => this.knownTerms.add(key)));
  }

  /** Fresh planner statistics: the embedded database has no autovacuum to gather them. */
  async maintain(): Promise<void> {
    await this.tx.manager.query(`ANALYZE search_documents, search_terms`);
  }

  async remove(organizationId: string, type: DocumentType, ids: string[]): Promise<void> {
    await this.tx.manager.query(
      `DELETE FROM search_documents WHERE organization_id = $1 AND doc_type = $2 AND doc_id = ANY($3::uuid[])`,
      [organizationId, type, ids],
    );
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const normalizedQuery = normalizeForIndex(request.text);
    const typing = !/\s$/.test(request.text);
    const queryWords = this.queryWords(normalizedQuery, typing);
    if (queryWords.length === 0) return { hits: [], total: 0, facets: [], normalizedQuery };
    await this.expand(request.organizationId, queryWords);
    const configs = [...new Set(request.languages.map(textSearchConfig))];
    const all = await this.run(request, buildQuery(queryWords, configs, 'all'), queryWords);
    if (all.total >= request.first + request.offset || queryWords.length === 1) {
      return { ...all, normalizedQuery };
    }
    // Not enough hits with every word: a question in plain words matches on any of them.
    const any = await this.run(request, buildQuery(queryWords, configs, 'any'), queryWords);
    return { ...any, normalizedQuery };
  }

  private queryWords(normalized: string, typing: boolean): QueryWord[] {
    const all = words(normalized);
    const meaningful = all.filter((word) => !ENGLISH_STOP_WORDS.has(word));
    const chosen = meaningful.length > 0 ? meaningful : all;
    return chosen.map((word, i) => ({
      word,
      prefix:
        typing &&
        i === chosen.length - 1 &&
        word === all.at(-1) &&
        word.length >= MIN_PREFIX_LENGTH,
      alternatives: [],
    }));
  }

  /** Adds each word's typo corrections (close spellings from the vocabulary) and synonyms. */
  private async expand(organizationId: string, queryWords: QueryWord[]): Promise<void> {
    const fuzzy = queryWords.filter((w) => allowedTypos(w.word) > 0);
    const rows: { kind: 'typo' | 'synonym'; word: string; term: string }[] =
      await this.tx.manager.query(
        // Words the vocabulary knows (or, for the word being typed, starts) are taken as
        // spelled right; others get the nearest terms by trigram distance (an index scan).
        `SELECT 'typo' AS kind, w.word, t.term FROM unnest($2::text[], $4::boolean[]) AS w(word, prefix)
         CROSS JOIN LATERAL (
           SELECT term FROM search_terms
           WHERE organization_id = $1 AND term <> w.word
           ORDER BY term <-> w.word LIMIT 12) t
         WHERE NOT EXISTS (
           SELECT 1 FROM search_terms k
           WHERE k.organization_id = $1 AND (k.term = w.word OR (w.prefix AND k.term LIKE w.word || '%')))
       UNION ALL
       SELECT 'synonym', w.word, unnest(s.terms) FROM unnest($3::text[]) AS w(word)
         JOIN search_synonyms s ON s.organization_id = $1 AND w.word = ANY(s.terms)`,
        [
          organizationId,
          fuzzy.map((w) => w.word),
          queryWords.map((w) => w.word),
          fuzzy.map((w) => w.prefix),
        ],
      );
    for (const queryWord of queryWords) {
      const limit = allowedTypos(queryWord.word);
      for (const { kind, word, term } of rows) {
        if (word !== queryWord.word || term === word || queryWord.alternatives.includes(term))
          continue;
        if (kind === 'typo' && editDistance(word, term, limit) > limit) continue;
        queryWord.alternatives.push(term);
      }
    }
  }

  private async run(
    request: SearchRequest,
    query: { sql: string; params: string[] },
    queryWords: QueryWord[],
  ): Promise<Omit<SearchResponse, 'normalizedQuery'>> {
    const terms = queryWords.flatMap((w) => [
      w.word,
      ...w.alternatives.flatMap((alternative) => words(alternative)),
    ]);
    const params: unknown[] = [
      request.organizationId,
      request.statuses,
      request.first,
      request.offset,
    ];
    const filters: string[] = [];
    if (request.tags?.length) {
      params.push(request.tags.map((tag) => normalizeText(tag)));
      filters.push(`AND d.tags @> $${params.length}::text[]`);
    }
    if (request.language) {
      params.push(request.language);
      filters.push(`AND d.language = $${params.length}`);
    }
    const offset = params.length;
    params.push(...query.params);
    const tsquery = query.sql.replace(/\$q(\d+)/g, (_, n: string) => `$${offset + Number(n)}`);
    const [row] = (await this.tx.manager.query(
      `WITH q AS (SELECT ${tsquery} AS query),
       matches AS (
         SELECT d.doc_type, d.doc_id, d.tags, d.title, d.body, d.language, d.reuse, d.fresh_at,
           round((ts_rank(d.tsv, q.query, 1)
             * CASE WHEN d.status = 'NEEDS_REVIEW' THEN 0.8 ELSE 1 END)::numeric, 4) AS score
         FROM search_documents d, q
         WHERE d.organization_id = $1 AND d.status = ANY($2::text[]) AND d.tsv @@ q.query ${filters.join(' ')}
       ),
       top AS (
         SELECT * FROM matches ORDER BY score DESC, reuse DESC, fresh_at DESC, doc_id LIMIT $3 OFFSET $4
       )
       SELECT
         (SELECT count(*) FROM matches)::int AS total,
         (SELECT coalesce(json_agg(json_build_object('tag', tag, 'count', n)), '[]'::json) FROM (
           SELECT tag, count(*)::int AS n FROM matches, unnest(tags) AS tag
           GROUP BY tag ORDER BY n DESC, tag LIMIT ${MAX_FACETS}) f) AS facets,
         (SELECT coalesce(json_agg(h), '[]'::json) FROM (
           SELECT doc_type, doc_id, score::float AS score, title, body FROM top
           ORDER BY score DESC, reuse DESC, fresh_at DESC, doc_id) h) AS hits`,
      params,
    )) as { total: number; facets: { tag: string; count: number }[]; hits: HitRow[] }[];
    return {
      total: row.total,
      facets: row.facets,
      hits: row.hits.map((hit): SearchHit => ({
        type: hit.doc_type,
        id: hit.doc_id,
        score: hit.score,
        titleHighlight: highlightAll(hit.title, terms),
        snippet: snippet(hit.body, terms),
      })),
    };
  }
}
