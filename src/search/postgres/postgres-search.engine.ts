import { LRUCache } from 'lru-cache';
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
import { MAX_COUNTED_MATCHES } from '../search-engine.js';
import { allowedTypos, editDistance } from '../text/edit-distance.js';
import { highlightAll, snippet } from '../text/highlight.js';
import { STOP_WORDS, textSearchConfig } from '../text/languages.js';
import { normalizeForIndex, normalizeText, words } from '../text/normalize.js';
import {
  PERSIAN_SUFFIXES,
  adjacentJoins,
  isPersianWord,
  persianTerm,
  splitCandidates,
} from '../text/persian-compounds.js';
import {
  anyOf,
  classRead,
  levelCondition,
  matchLevels,
  narrowerLookup,
  QueryWord,
  probeBudget,
  shareWithAtLeast,
  MAX_WORD_WEIGHT,
  wordWeight,
} from './query-builder.js';
import { ClassRead, MAX_QUERY_WORDS, rankStatement, rankValues, TIERS } from './ranking.js';
import { RankedPage, RankedRow, rankEveryMatch } from './exhaustive-ranking.js';
import { AnalysisCache, WordAnalysis } from './analysis-cache.js';
import { TermFrequencies } from './term-frequencies.js';

/** Words shorter than this are matched whole, not as prefixes: "a" would match everything. */
const MIN_PREFIX_LENGTH = 3;
/** The vocabulary (search_terms, for typo tolerance) keeps words of this many letters or more. */
const MIN_VOCABULARY_WORD = 4;
const TERM_FREQUENCIES_TTL_MS = 5 * 60_000;
/** The indexes whose pending lists upkeep merges. */
const GIN_INDEXES = [
  'search_documents_tsv_idx',
  'search_documents_title_tsv_idx',
  'search_documents_head_tsv_idx',
  'search_terms_trgm_idx',
];
const ANALYSIS_TTL_MS = 60_000;

interface AnalysisRow {
  /** the query word's position, from 1 */
  i: number;
  kind: 'word' | 'typo' | 'synonym';
  term: string;
  /** tsquery texts; empty or null where a configuration drops the term */
  forms: (string | null)[];
}

interface AnalysedWord extends WordAnalysis {
  word: QueryWord;
  /** tsquery text matching any form of the word */
  query: string;
}

/**
 * Full-text search in PostgreSQL: tsvectors of the title, the headline (title and tags) and
 * the whole document, in the document's own language plus an unstemmed title; prefix
 * matching for the word being typed, typo tolerance from a trigram index over the
 * organization's vocabulary, synonyms, tag facets and highlighted snippets.
 *
 * Ranking is by class, then static order: documents matching more of the query's words
 * first; among those, the ones with every matched word in the title, then in the title
 * or tags, then anywhere; then published before needing review before archived, more
 * reuse, fresher. That order lets the engine read the top of each class straight from an
 * index instead of ranking every match (see rankBounded).
 */
@Injectable()
export class PostgresSearchEngine implements SearchEngine {
  /** per table or partition of the search documents; per class, in TIERS order */
  private readonly frequencies = new LRUCache<string, Promise<TermFrequencies[]>>({
    max: 1_000,
    ttl: TERM_FREQUENCIES_TTL_MS,
  });
  /** the partition holding each organization's search documents */
  private readonly partitions = new LRUCache<string, string>({ max: 100_000 });
  private readonly analysed = new AnalysisCache(ANALYSIS_TTL_MS);
  /** the words of each list of tag names seen (callers keep a list while it is current) */
  private readonly tagWords = new WeakMap<string[], Set<string>>();

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
    // The documents, and the vocabulary for typo tolerance: every word and stem of them.
    await this.tx.manager.query(
      `WITH indexed AS (
         INSERT INTO search_documents
           (organization_id, doc_type, doc_id, language, status, tags, title, body,
            title_tsv, head_tsv, tsv, reuse, fresh_at)
         SELECT d.org, d.type, d.id, d.language, d.status, d.tags, d.title, d.body,
           t.title_tsv, h.head_tsv, h.head_tsv || strip(to_tsvector(d.cfg::regconfig, d.nbody)),
           d.reuse, d.fresh_at
         FROM json_to_recordset($1::json) AS d(org uuid, type text, id uuid, language text,
           status text, tags text[], title text, body text, cfg text, ntitle text, ntags text,
           nbody text, reuse int, fresh_at timestamptz)
         CROSS JOIN LATERAL (SELECT strip(to_tsvector(d.cfg::regconfig, d.ntitle)
           || to_tsvector('simple', d.ntitle)) AS title_tsv) t
         CROSS JOIN LATERAL (SELECT t.title_tsv
           || strip(to_tsvector(d.cfg::regconfig, d.ntags)) AS head_tsv) h
         ON CONFLICT (organization_id, doc_type, doc_id) DO UPDATE SET
           language = excluded.language, status = excluded.status, tags = excluded.tags,
           title = excluded.title, body = excluded.body, title_tsv = excluded.title_tsv,
           head_tsv = excluded.head_tsv, tsv = excluded.tsv,
           reuse = excluded.reuse, fresh_at = excluded.fresh_at, indexed_at = clock_timestamp()
         RETURNING organization_id, tsv)
       INSERT INTO search_terms (organization_id, term)
       SELECT DISTINCT i.organization_id, t.lexeme
       FROM indexed i CROSS JOIN LATERAL unnest(tsvector_to_array(i.tsv)) AS t(lexeme)
       WHERE length(t.lexeme) >= $2 AND t.lexeme !~ '^[0-9]+$'
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows), MIN_VOCABULARY_WORD],
    );
  }

  synonymsChanged(organizationId: string): void {
    this.analysed.forgetOrganization(organizationId);
  }

  /**
   * Fresh planner statistics (the embedded database has no autovacuum to gather them), and
   * the full-text indexes' pending lists merged: a bulk import leaves megabytes of entries
   * there, which every search would read until a vacuum.
   */
  async maintain(): Promise<void> {
    // Each partition's index has its own list. Only an index's owner may merge it (as for
    // VACUUM); others are left to autovacuum.
    await this.tx.manager.query(
      `SELECT gin_clean_pending_list(c.oid) FROM unnest($1::text[]) AS index
       JOIN pg_class named ON named.oid = to_regclass(index)
       JOIN pg_class c ON c.oid = named.oid
         OR c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = named.oid)
       WHERE c.relkind = 'i' AND pg_has_role(c.relowner, 'USAGE')`,
      [GIN_INDEXES],
    );
    await this.tx.manager.query(`ANALYZE search_documents, search_terms`);
    this.frequencies.clear();
    this.partitions.clear();
    // The vocabulary may have grown: typo corrections are looked up again.
    this.analysed.clear();
  }

  /**
   * The term frequencies of each class's vector in the organization's partition of the
   * search documents (other organizations' tips there count too), read again every few
   * minutes.
   */
  private async termFrequencies(organizationId: string): Promise<TermFrequencies[]> {
    const relation =
      this.partitions.get(organizationId) ?? (await this.partitionOf(organizationId));
    const cached = this.frequencies.get(relation);
    if (cached) return cached;
    const read = this.readTermFrequencies(relation);
    this.frequencies.set(relation, read);
    // A failed read is tried again by the next search.
    read.catch(() => {
      if (this.frequencies.get(relation) === read) this.frequencies.delete(relation);
    });
    return read;
  }

  /** The partition holding the organization's documents; the whole table while it has none. */
  private async partitionOf(organizationId: string): Promise<string> {
    const [found] = (await this.tx.manager.query(
      `SELECT c.relname FROM pg_class c
       WHERE c.oid = (SELECT tableoid FROM search_documents WHERE organization_id = $1 LIMIT 1)`,
      [organizationId],
    )) as { relname: string }[];
    if (!found) return 'search_documents';
    this.partitions.set(organizationId, found.relname);
    return found.relname;
  }

  private async readTermFrequencies(relation: string): Promise<TermFrequencies[]> {
    const rows = (await this.tx.manager.query(
      `SELECT v.attname, s.most_common_elems::text::text[] AS lexemes,
         s.most_common_elem_freqs AS frequencies, c.reltuples AS documents
       FROM pg_class c CROSS JOIN unnest($1::text[]) AS v(attname)
       LEFT JOIN pg_stats s ON s.schemaname = current_schema()
         AND s.tablename = c.relname AND s.attname = v.attname
       WHERE c.oid = to_regclass($2)`,
      [TIERS.map(({ vector }) => vector), relation],
    )) as {
      attname: string;
      lexemes: string[] | null;
      frequencies: number[] | null;
      documents: number;
    }[];
    return TIERS.map(({ vector }) => {
      const row = rows.find(({ attname }) => attname === vector);
      return row?.lexemes && row.frequencies
        ? new TermFrequencies(row.lexemes, row.frequencies, Math.max(0, row.documents))
        : TermFrequencies.NONE;
    });
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
    const analysed = await this.withCompounds(
      request.organizationId,
      await this.analyse(request, this.queryWords(normalizedQuery, typing)),
      typing,
    );
    if (analysed.length === 0) {
      return {
        hits: [],
        hasMore: false,
        totals: request.withTotals ? { total: 0, facets: [] } : undefined,
        normalizedQuery,
      };
    }
    const wordQueries = analysed.map(({ query }) => query);
    const frequencies = await this.termFrequencies(request.organizationId);
    const weights = this.weightsOf(analysed, frequencies.at(-1)!, request.tagNames);
    const ranked = request.exhaustive
      ? await rankEveryMatch(
          this.tx.manager,
          request,
          this.filterValues(request),
          wordQueries,
          weights,
        )
      : await this.rankBounded(request, wordQueries, weights, frequencies);
    const terms = analysed.flatMap(({ word, alternatives }) => [
      word.word,
      ...alternatives.flatMap((alternative) => words(alternative)),
    ]);
    return {
      normalizedQuery,
      totals:
        ranked.total === null ? undefined : { total: ranked.total, facets: ranked.facets ?? [] },
      hasMore: ranked.hits.length > request.first,
      hits: ranked.hits.slice(0, request.first).map((hit): SearchHit => ({
        type: hit.doc_type,
        id: hit.doc_id,
        document: {
          title: hit.title,
          body: hit.body,
          tags: hit.tags,
          language: hit.language,
          status: hit.status,
        },
        // in rare-word units: a query of rare words scores as many as it matches
        score: Math.round((hit.level / MAX_WORD_WEIGHT + hit.tier / 10) * 100) / 100,
        titleHighlight: highlightAll(hit.title, terms),
        snippet: snippet(hit.body, terms),
      })),
    };
  }

  private queryWords(normalized: string, typing: boolean): QueryWord[] {
    const all = words(normalized);
    const meaningful = all.filter((word) => !STOP_WORDS.has(word));
    const chosen = meaningful.length > 0 ? meaningful : all;
    return chosen.slice(0, MAX_QUERY_WORDS).map((word, i) => ({
      word,
      prefix:
        typing &&
        i === chosen.length - 1 &&
        word === all.at(-1) &&
        word.length >= MIN_PREFIX_LENGTH,
    }));
  }

  /**
   * Each word's tsquery, in one round trip: its forms in every language the organization
   * uses (and as a prefix when it is being typed), its typo corrections (close spellings
   * from the vocabulary) and its synonyms. The tsqueries then reach the ranking query as
   * constants, so that the planner can see how common each word is.
   */
  private async analyse(request: SearchRequest, queryWords: QueryWord[]): Promise<AnalysedWord[]> {
    const configs = [...new Set(request.languages.map(textSearchConfig))];
    const keys = queryWords.map((word) =>
      AnalysisCache.key(request.organizationId, configs, word.word, word.prefix),
    );
    const analyses = keys.map((key) => this.analysed.get(key));
    const missing = queryWords.flatMap((_, i) => (analyses[i] ? [] : [i]));
    if (missing.length > 0) {
      const found = await this.analyseInDatabase(
        request.organizationId,
        configs,
        missing.map((i) => queryWords[i]),
      );
      missing.forEach((i, k) => {
        analyses[i] = found[k];
        this.analysed.set(keys[i], found[k]);
      });
    }
    return queryWords.flatMap((word, i) => {
      const { query, alternatives } = analyses[i]!;
      return query ? [{ word, query, alternatives }] : [];
    });
  }

  /**
   * Persian compounds in any spelling (text/persian-compounds): adjacent Persian query
   * words also match their join (as a prefix when its second part is being typed, however
   * short), and a joined word (not the one being typed) also its two parts.
   */
  private async withCompounds(
    organizationId: string,
    analysed: AnalysedWord[],
    typing: boolean,
  ): Promise<AnalysedWord[]> {
    const forms = analysed.map(() => [] as string[]);
    const terms = analysed.map(() => [] as string[]);
    for (const { at, joined } of adjacentJoins(analysed.map(({ word }) => word.word))) {
      const form = persianTerm(joined, typing && at + 1 === analysed.length - 1);
      for (const i of [at, at + 1]) {
        forms[i].push(form);
        terms[i].push(joined);
      }
    }
    for (const [i, { word }] of analysed.entries()) {
      if (word.prefix || !isPersianWord(word.word)) continue;
      const split = await this.splitOf(organizationId, word.word);
      if (split.query) {
        forms[i].push(split.query);
        terms[i].push(...split.alternatives);
      }
    }
    return analysed.map((analysis, i) =>
      forms[i].length
        ? {
            ...analysis,
            query: anyOf([analysis.query, ...forms[i]])!,
            alternatives: [...analysis.alternatives, ...terms[i]],
          }
        : analysis,
    );
  }

  /**
   * The readings of a joined Persian word as two words: each part a word of the
   * organization's texts (its vocabulary keeps words of 4 letters or more, so a shorter
   * part cannot be checked and passes), at least one of them known or a suffix.
   */
  private async splitOf(organizationId: string, word: string): Promise<WordAnalysis> {
    const key = AnalysisCache.key(organizationId, ['persian-split'], word, false);
    const cached = this.analysed.get(key);
    if (cached) return cached;
    const candidates = splitCandidates(word);
    const known = new Set(
      candidates.length === 0
        ? []
        : (
            (await this.tx.manager.query(
              `SELECT term FROM search_terms WHERE organization_id = $1 AND term = ANY($2::text[])`,
              [organizationId, candidates.flat()],
            )) as { term: string }[]
          ).map(({ term }) => term),
    );
    const checked = (part: string) => known.has(part) || PERSIAN_SUFFIXES.has(part);
    const possible = (part: string) => checked(part) || [...part].length < MIN_VOCABULARY_WORD;
    const readings = candidates.filter(
      ([left, right]) => possible(left) && possible(right) && (checked(left) || checked(right)),
    );
    const split: WordAnalysis = {
      query: anyOf(readings.map(([left, right]) => `${persianTerm(left)} & ${persianTerm(right)}`)),
      alternatives: readings.flat(),
    };
    this.analysed.set(key, split);
    return split;
  }

  private async analyseInDatabase(
    organizationId: string,
    configs: string[],
    queryWords: QueryWord[],
  ): Promise<WordAnalysis[]> {
    // The statement lives in the database (migration 1764600000000-search-statements).
    const rows = await this.tx.prepared<AnalysisRow>(
      `SELECT * FROM search_analyse($1, $2, $3, $4, $5, $6)`,
      [
        organizationId,
        queryWords.map((w) => w.word),
        queryWords.map((w) => w.prefix),
        queryWords.map((w) => allowedTypos(w.word) > 0),
        [...configs.filter((c) => c !== 'simple'), 'simple'],
        configs.includes('finnish'),
      ],
    );
    return queryWords.map((word, index) => {
      const forms: string[] = [];
      const alternatives: string[] = [];
      const limit = allowedTypos(word.word);
      for (const row of rows) {
        if (row.i !== index + 1) continue;
        if (row.kind === 'typo' && editDistance(word.word, row.term, limit) > limit) continue;
        if (row.kind !== 'word' && !alternatives.includes(row.term)) alternatives.push(row.term);
        forms.push(...row.forms.filter((form): form is string => !!form));
      }
      return { query: anyOf(forms), alternatives };
    });
  }

  /**
   * How much each query word's match counts (wordWeight): by its share of the documents,
   * or the most for a word that names one of the organization's tags.
   */
  private weightsOf(
    analysed: AnalysedWord[],
    everywhere: TermFrequencies,
    tagNames: string[] = [],
  ): number[] {
    let tagWords = this.tagWords.get(tagNames);
    if (!tagWords) {
      tagWords = new Set(tagNames.flatMap((name) => words(normalizeForIndex(name))));
      this.tagWords.set(tagNames, tagWords);
    }
    return analysed.map(({ word, query }) =>
      tagWords.has(word.word) ? MAX_WORD_WEIGHT : wordWeight(everywhere.of(query)),
    );
  }

  /**
   * The top `first + offset` documents, read in rank order without ranking every match.
   * Each match class (a match level, then title, headline, anywhere) lists its documents
   * in static order and stops at the page's end; a class is read only while the ones
   * before it have not filled the page (search_rank in ranking.ts, planned once per
   * connection). A document also found by a later, broader class keeps its first (best) one.
   *
   * How each class is read is decided here, from each vector's term frequencies, so that
   * the plans need not depend on the words (see classRead): rare classes are looked up in
   * the index and sorted; common ones walk the rank order; those the statistics cannot
   * size are probed; and when one word is far more common than the others, the index looks
   * up the others' matches, each then checked for the common word.
   */
  private async rankBounded(
    request: SearchRequest,
    wordQueries: string[],
    weights: number[],
    frequencies: TermFrequencies[],
  ): Promise<RankedPage> {
    const limit = request.first + request.offset + 1;
    const { documents } = frequencies[TIERS.length - 1];
    // Each word's share of the documents, per class's vector (the last: the whole document).
    const shares = frequencies.map((vector) => wordQueries.map((query) => vector.of(query)));
    const everywhere = shares[TIERS.length - 1];
    const levels = matchLevels(weights);
    const conditions = levels.map((level) =>
      levelCondition(wordQueries, weights, everywhere, level),
    );
    const lookups = levels.map((level, i) =>
      conditions[i].minimum > 0
        ? null
        : narrowerLookup(wordQueries, everywhere, weights, level, documents),
    );
    const matches = (classShares: number[], level: number) =>
      shareWithAtLeast(classShares, weights, level) * documents;
    // Per class: a word common in the tips can be rare in their titles.
    const reads = levels.flatMap((level, i) =>
      shares.map((classShares): ClassRead =>
        lookups[i]
          ? 'lookup'
          : classRead(matches(classShares, level), matches(everywhere, level), documents, limit),
      ),
    );
    const withTotals = !!request.withTotals;
    const [organization, statuses, tags, language] = this.filterValues(request);
    const [row] = await this.tx.prepared<
      Omit<RankedPage, 'hits'> & { hits: (Omit<RankedRow, 'level'> & { level_at: number })[] }
    >(
      withTotals ? RANK_WITH_TOTALS : RANK,
      rankValues(
        {
          organization,
          statuses,
          tags,
          language,
          queries: conditions.map(({ query }) => query),
          lookups,
          reads,
          limit,
          budget: probeBudget(documents, limit),
          words: wordQueries,
          weights,
          minimums: conditions.map(({ minimum }) => minimum),
          sparse: levels.map((level) => matches(everywhere, level) < limit),
          first: request.first + 1,
          offset: request.offset,
          everyWord: conditions[0].query,
          anyWord: conditions.at(-1)!.query,
        },
        withTotals,
      ),
    );
    return {
      ...row,
      hits: row.hits.map(({ level_at, ...hit }) => ({ ...hit, level: levels[level_at - 1] })),
    };
  }

  /** Organization, statuses, tags and language: the values of the ranking's filters. */
  private filterValues(request: SearchRequest): unknown[] {
    return [
      request.organizationId,
      request.statuses,
      request.tags?.length ? request.tags.map((tag) => normalizeText(tag)) : null,
      request.language ?? null,
    ];
  }
}

const RANK = rankStatement();
const RANK_WITH_TOTALS = rankStatement(MAX_COUNTED_MATCHES);
