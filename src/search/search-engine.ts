/**
 * The search engine port: documents of several types, always within one organization.
 * The PostgreSQL engine is the default; other engines implement the same port.
 */
export type DocumentType = 'TIP' | 'QUESTION';

/** The status every answered question is indexed with: `statuses` picks tips and questions alike. */
export const QUESTION_STATUS = 'QUESTION';

export interface SearchDocument {
  organizationId: string;
  type: DocumentType;
  id: string;
  language: string;
  /** a tip's PUBLISHED, NEEDS_REVIEW or ARCHIVED (drafts are never indexed); QUESTION_STATUS for questions */
  status: string;
  tags: string[];
  title: string;
  body: string;
  /** evidence of reuse, a tie-breaker */
  reuse: number;
  /** last edit or verification, a tie-breaker */
  freshAt: Date;
}

export interface SearchRequest {
  organizationId: string;
  text: string;
  /** languages the organization writes in: the query is analysed in each */
  languages: string[];
  /** the organization's tag names: a query word naming one is strong evidence */
  tagNames?: string[];
  first: number;
  offset: number;
  statuses: string[];
  tags?: string[];
  language?: string;
  /** Count the matches and their tags too (costs a scan of up to MAX_COUNTED_MATCHES matches). */
  withTotals?: boolean;
  /**
   * Rank every match instead of reading the top of each match class from an index. Slow;
   * the benchmark and the tests use it to check that both give the same hits.
   */
  exhaustive?: boolean;
}

/** What a hit carries of its document, as last indexed: enough to list it among results. */
export type StoredFields = Pick<SearchDocument, 'title' | 'body' | 'tags' | 'language' | 'status'>;

export interface SearchHit {
  type: DocumentType;
  id: string;
  document: StoredFields;
  /** relevance class: the weight of the query words matched in rare-word units, plus 0.2 when all are in the title, 0.1 in the title or tags (see the schema's SearchEdge.score) */
  score: number;
  /** title and snippet with matches wrapped in <mark>, HTML-escaped */
  titleHighlight: string;
  snippet: string;
}

export interface SearchResponse {
  hits: SearchHit[];
  /** whether there are hits after these */
  hasMore: boolean;
  /** when asked for: the matches, counted up to MAX_COUNTED_MATCHES, and their tags */
  totals?: SearchTotals;
  normalizedQuery: string;
}

export interface SearchTotals {
  total: number;
  facets: { tag: string; count: number }[];
}

export interface SearchEngine {
  index(documents: SearchDocument[]): Promise<void>;
  remove(organizationId: string, type: DocumentType, ids: string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResponse>;
  /** The organization's synonym groups changed (engines that keep a copy or a cache renew it). */
  synonymsChanged(organizationId: string): void;
  /** Upkeep after bulk changes and on a schedule (e.g. planner statistics). */
  maintain(): Promise<void>;
}

export const SEARCH_ENGINE = Symbol('SEARCH_ENGINE');

/**
 * Totals count this many matches at most, and results are paged no further: past it an
 * agent refines the query instead.
 */
export const MAX_COUNTED_MATCHES = 1000;
