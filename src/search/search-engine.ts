/**
 * The search engine port: documents of several types, always within one organization.
 * The PostgreSQL engine is the default; other engines implement the same port.
 */
export type DocumentType = 'TIP';

export interface SearchDocument {
  organizationId: string;
  type: DocumentType;
  id: string;
  language: string;
  /** PUBLISHED, NEEDS_REVIEW or ARCHIVED; drafts are never indexed */
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
  first: number;
  offset: number;
  statuses: string[];
  tags?: string[];
  language?: string;
}

export interface SearchHit {
  type: DocumentType;
  id: string;
  score: number;
  /** title and snippet with matches wrapped in <mark>, HTML-escaped */
  titleHighlight: string;
  snippet: string;
}

export interface SearchResponse {
  hits: SearchHit[];
  total: number;
  facets: { tag: string; count: number }[];
  normalizedQuery: string;
}

export interface SearchEngine {
  /**
   * True when `index` and `remove` write in the caller's database transaction (the
   * PostgreSQL engine): then a writer may index directly, atomically with its change,
   * instead of going through the outbox.
   */
  readonly transactional: boolean;
  index(documents: SearchDocument[]): Promise<void>;
  remove(organizationId: string, type: DocumentType, ids: string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Upkeep after bulk changes and on a schedule (e.g. planner statistics). */
  maintain(): Promise<void>;
}

export const SEARCH_ENGINE = Symbol('SEARCH_ENGINE');
