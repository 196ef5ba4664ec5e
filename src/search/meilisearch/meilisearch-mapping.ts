/**
 * How floorwalker's search maps onto Meilisearch, as pure functions: the documents it
 * stores, the index settings, the filters and what a hit becomes. No HTTP here.
 */
import type {
  DocumentType,
  SearchDocument,
  SearchRequest,
  StoredFields,
} from '../search-engine.js';
import { MAX_COUNTED_MATCHES } from '../search-engine.js';
import { highlightAll, snippet } from '../text/highlight.js';
import { STOP_WORDS } from '../text/languages.js';
import { normalizeForIndex, normalizeText, words } from '../text/normalize.js';
import { adjacentJoins } from '../text/persian-compounds.js';
import { MAX_FACETS } from '../postgres/ranking.js';

/** One index per document type. */
export const INDEX_OF: Record<DocumentType, string> = { TIP: 'tips', QUESTION: 'questions' };

/** A document type's index: the live one, or a reindex's new one (`tips-<suffix>`). */
export function indexName(type: DocumentType, suffix?: string): string {
  return suffix ? `${INDEX_OF[type]}-${suffix}` : INDEX_OF[type];
}

/**
 * Whether an index's settings (as Meilisearch returns them, defaults filled in) already
 * hold the desired ones: every value floorwalker sets, compared as a subset.
 */
export function settingsMatch(desired: unknown, actual: unknown): boolean {
  if (Array.isArray(desired))
    return (
      Array.isArray(actual) &&
      desired.length === actual.length &&
      desired.every((value, i) => settingsMatch(value, actual[i]))
    );
  if (desired && typeof desired === 'object')
    return (
      !!actual &&
      typeof actual === 'object' &&
      Object.entries(desired).every(([key, value]) =>
        settingsMatch(value, (actual as Record<string, unknown>)[key]),
      )
    );
  return desired === actual;
}

/** What Meilisearch stores of a document: the analysed text it searches, the original it shows. */
export interface MeiliDocument {
  id: string;
  organizationId: string;
  /** floorwalker's normalized text (Persian letters and ZWNJ, case, accents): what is searched */
  title: string;
  /** the tags' names, already normalized ("billing-refunds": Meilisearch reads two words) */
  tags: string[];
  body: string;
  /**
   * Other forms of the text that Meilisearch's tokenizer does not make: each two adjacent
   * Persian words joined (a compound written apart is found written together), and
   * Finnish stems (from PostgreSQL's Finnish stemmer)
   */
  forms: string;
  status: string;
  language: string;
  /** published 0, needs review 1, else 2: the first of the ranking's tie-breakers */
  standing: number;
  reuse: number;
  /** seconds since 1970 */
  freshAt: number;
  /** the document as written, for the hit */
  stored: StoredFields;
}

/** The standing of a status, as the PostgreSQL engine orders them. */
export function standingOf(status: string): number {
  return status === 'PUBLISHED' ? 0 : status === 'NEEDS_REVIEW' ? 1 : 2;
}

/** Each two adjacent Persian words of a normalized text, joined. */
export function persianJoins(normalized: string): string[] {
  return adjacentJoins(words(normalized)).map(({ joined }) => joined);
}

/** `stems`: the document's Finnish stems, when it is written in Finnish. */
export function toMeiliDocument(doc: SearchDocument, stems: string[] = []): MeiliDocument {
  const title = normalizeForIndex(doc.title);
  const body = normalizeForIndex(doc.body);
  return {
    id: doc.id,
    organizationId: doc.organizationId,
    title,
    tags: doc.tags,
    body,
    forms: [...persianJoins(title), ...persianJoins(body), ...stems].join(' '),
    status: doc.status,
    language: doc.language,
    standing: standingOf(doc.status),
    reuse: doc.reuse,
    freshAt: Math.floor(doc.freshAt.getTime() / 1000),
    stored: {
      title: doc.title,
      body: doc.body,
      tags: doc.tags,
      language: doc.language,
      status: doc.status,
    },
  };
}

/**
 * The settings of every index, as close to the PostgreSQL engine's ranking as Meilisearch
 * allows: matched words (frequency strategy: rare words count most), typos, title before
 * tags before body, then standing, reuse and freshness; typo tolerance from 5 and 9 letters
 * (one and two typos) as in the PostgreSQL engine; stop words of every language.
 */
export function indexSettings() {
  return {
    searchableAttributes: ['title', 'tags', 'body', 'forms'],
    // sets, in the sorted order Meilisearch returns them in (settingsMatch compares lists)
    filterableAttributes: ['language', 'organizationId', 'status', 'tags'],
    displayedAttributes: ['id', 'stored'],
    rankingRules: [
      'words',
      'typo',
      'attribute',
      'standing:asc',
      'reuse:desc',
      'freshAt:desc',
      'proximity',
      'exactness',
    ],
    stopWords: [...STOP_WORDS].sort(),
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    faceting: { maxValuesPerFacet: 100 },
    pagination: { maxTotalHits: MAX_COUNTED_MATCHES },
  };
}

/** A filter value in Meilisearch's filter syntax: double-quoted, quotes and backslashes escaped. */
export function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

/**
 * The filter of a search in one index: always the organization, then the statuses, tags
 * and language asked for.
 */
export function filterOf(request: SearchRequest, statuses: string[]): string {
  const parts = [
    `organizationId = ${quoted(request.organizationId)}`,
    `status IN [${statuses.map(quoted).join(', ')}]`,
  ];
  for (const tag of request.tags ?? []) parts.push(`tags = ${quoted(normalizeText(tag))}`);
  if (request.language) parts.push(`language = ${quoted(request.language)}`);
  return parts.join(' AND ');
}

/** The query as Meilisearch receives it: floorwalker's normalization, stop words kept (its own list drops them). */
export function queryText(text: string): string {
  const normalized = normalizeForIndex(text);
  // a trailing space means the last word is finished: Meilisearch then matches it whole
  return /\s$/.test(text) && normalized ? `${normalized} ` : normalized;
}

/** The words a hit matched, from Meilisearch's match positions in the analysed fields. */
export function matchedTerms(
  document: Pick<MeiliDocument, 'title' | 'body' | 'tags'>,
  positions: Record<string, { start: number; length: number }[]> | undefined,
): string[] {
  const terms = new Set<string>();
  for (const [field, matches] of Object.entries(positions ?? {})) {
    const text =
      field === 'title'
        ? document.title
        : field === 'body'
          ? document.body
          : field.startsWith('tags')
            ? document.tags.join(' ')
            : '';
    for (const { start, length } of matches) {
      const slice = Buffer.from(text)
        .subarray(start, start + length)
        .toString();
      for (const word of words(slice)) terms.add(word);
    }
  }
  return [...terms];
}

/** A hit's title and snippet, highlighted the way the PostgreSQL engine does (escaped HTML, <mark>). */
export function highlighted(stored: StoredFields, terms: string[]) {
  return {
    titleHighlight: highlightAll(stored.title, terms),
    snippet: snippet(stored.body, terms),
  };
}

/** The tag facets of one or more facet distributions, most frequent first. */
export function facetsOf(
  distributions: (Record<string, Record<string, number>> | undefined)[],
): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const distribution of distributions)
    for (const [tag, count] of Object.entries(distribution?.tags ?? {}))
      counts.set(tag, (counts.get(tag) ?? 0) + count);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
    .slice(0, MAX_FACETS);
}
