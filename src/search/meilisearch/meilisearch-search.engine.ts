import { Meilisearch } from 'meilisearch';
import type { FederatedMultiSearchParams, MultiSearchQueryWithFederation } from 'meilisearch';
import { Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { QUESTION_STATUS } from '../search-engine.js';
import type {
  DocumentType,
  SearchDocument,
  SearchEngine,
  SearchRequest,
  SearchResponse,
} from '../search-engine.js';
import { normalizeForIndex, words } from '../text/normalize.js';
import { adjacentJoins } from '../text/persian-compounds.js';
import {
  facetsOf,
  filterOf,
  highlighted,
  INDEX_OF,
  indexName,
  indexSettings,
  settingsMatch,
  matchedTerms,
  MeiliDocument,
  queryText,
  toMeiliDocument,
} from './meilisearch-mapping.js';

export interface MeilisearchOptions {
  url: string;
  key?: string;
  /** each HTTP request's limit */
  timeoutMs: number;
}

/** What the engine reads from the database to analyse text as the PostgreSQL engine does. */
export interface TextAnalysis {
  /** an organization's synonym groups */
  synonymsOf(organizationId: string): Promise<string[][]>;
  /** the Finnish stems of each text (PostgreSQL's Finnish stemmer) */
  finnishStems(texts: string[]): Promise<string[][]>;
}

/** Query variants (synonyms, Persian joins, Finnish stems), at most this many besides the query. */
const MAX_VARIANTS = 6;
const SYNONYMS_TTL_MS = 60_000;
const DOCUMENT_TYPES = Object.keys(INDEX_OF) as DocumentType[];
const isFinnish = (language: string) => language.split('-')[0] === 'fi';

/** The query with two adjacent Persian words joined, for each such pair (a compound written apart). */
function persianJoinVariants(text: string): string[] {
  const queryWords = words(normalizeForIndex(text));
  const finished = /\s$/.test(text) ? ' ' : '';
  return adjacentJoins(queryWords).map(
    ({ at, joined }) =>
      [...queryWords.slice(0, at), joined, ...queryWords.slice(at + 2)].join(' ') + finished,
  );
}

/** How long to wait for an indexing task before the delivery counts as failed. */
const TASK_TIMEOUT_MS = 30_000;

/**
 * Search in Meilisearch: one index per document type, every query filtered to the
 * organization. The text is floorwalker's normalized form on both sides; the
 * organization's synonyms become extra queries of the same federated search (an index
 * holds every organization, so its own synonym setting cannot be theirs). Writers reach it
 * through the outbox, which SearchIndexer delivers.
 */
export class MeilisearchSearchEngine implements SearchEngine {
  readonly client: Meilisearch;
  private readonly logger = new Logger('Meilisearch');
  private readonly synonymGroups = new LRUCache<string, Promise<string[][]>>({
    max: 10_000,
    ttl: SYNONYMS_TTL_MS,
  });

  constructor(
    options: MeilisearchOptions,
    private readonly analysis: TextAnalysis,
  ) {
    this.client = new Meilisearch({
      host: options.url,
      apiKey: options.key,
      timeout: options.timeoutMs,
      defaultWaitOptions: { timeout: TASK_TIMEOUT_MS, interval: 50 },
    });
  }

  /**
   * Creates the live indexes with their settings when they are missing; says whether the
   * existing ones hold other settings (then a reindex applies them: see SearchReindexer).
   */
  async ensureIndexes(): Promise<'ready' | 'settings changed'> {
    let changed = false;
    for (const type of DOCUMENT_TYPES) {
      const uid = indexName(type);
      const settings = await this.client
        .index(uid)
        .getSettings()
        .catch((error: { cause?: { code?: string } }) => {
          if (error.cause?.code === 'index_not_found') return null;
          throw error;
        });
      if (settings === null) await this.createIndex(uid);
      else if (!settingsMatch(indexSettings(), settings)) changed = true;
    }
    // A key that may list the API keys is the master key or one as strong.
    if (
      await this.client.getKeys({ limit: 1 }).then(
        () => true,
        () => false,
      )
    )
      this.logger.warn(
        'MEILI_KEY can manage API keys: give floorwalker a scoped key (docs/deployment.md).',
      );
    return changed ? 'settings changed' : 'ready';
  }

  /** A reindex's new indexes, empty, with the current settings. */
  async createIndexes(suffix: string): Promise<void> {
    for (const type of DOCUMENT_TYPES) await this.createIndex(indexName(type, suffix));
  }

  /** Makes a reindex's indexes the live ones, at once, and drops the old ones. */
  async swapIn(suffix: string): Promise<void> {
    await this.succeeded(
      this.client
        .swapIndexes(
          DOCUMENT_TYPES.map((type) => ({
            indexes: [indexName(type), indexName(type, suffix)] as [string, string],
            rename: false,
          })),
        )
        .waitTask(),
    );
    await this.dropIndexes(suffix);
  }

  /** Drops a reindex's indexes (after a swap, the old content). */
  async dropIndexes(suffix: string): Promise<void> {
    for (const type of DOCUMENT_TYPES)
      await this.succeeded(this.client.deleteIndex(indexName(type, suffix)).waitTask());
  }

  index(documents: SearchDocument[], suffix?: string): Promise<void> {
    return this.indexInto(documents, suffix);
  }

  async remove(
    _organizationId: string,
    type: DocumentType,
    ids: string[],
    suffix?: string,
  ): Promise<void> {
    if (ids.length === 0) return;
    await this.succeeded(
      this.client.index(indexName(type, suffix)).deleteDocuments(ids).waitTask(),
    );
  }

  private async indexInto(documents: SearchDocument[], suffix?: string): Promise<void> {
    // read before sending: no database connection is held during the HTTP calls
    const finnish = documents.filter((doc) => isFinnish(doc.language));
    const stems = await this.analysis.finnishStems(
      finnish.map((doc) => `${doc.title} ${doc.body}`),
    );
    const stemsOf = new Map(finnish.map((doc, i) => [doc, stems[i]]));
    for (const type of DOCUMENT_TYPES) {
      const batch = documents
        .filter((doc) => doc.type === type)
        .map((doc) => toMeiliDocument(doc, stemsOf.get(doc)));
      if (batch.length === 0) continue;
      await this.succeeded(
        this.client.index<MeiliDocument>(indexName(type, suffix)).addDocuments(batch).waitTask(),
      );
    }
  }

  private async createIndex(uid: string): Promise<void> {
    const created = await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask();
    if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists')
      throw new Error(`Meilisearch could not create index ${uid}: ${created.error?.message}`);
    await this.succeeded(this.client.index(uid).updateSettings(indexSettings()).waitTask());
  }

  synonymsChanged(organizationId: string): void {
    this.synonymGroups.delete(organizationId);
  }

  /** Meilisearch keeps its own indexes in shape. */
  async maintain(): Promise<void> {}

  async search(request: SearchRequest): Promise<SearchResponse> {
    const normalizedQuery = normalizeForIndex(request.text);
    const tipStatuses = request.statuses.filter((status) => status !== QUESTION_STATUS);
    const targets: { type: DocumentType; statuses: string[] }[] = [];
    if (tipStatuses.length) targets.push({ type: 'TIP', statuses: tipStatuses });
    if (request.statuses.includes(QUESTION_STATUS))
      targets.push({ type: 'QUESTION', statuses: [QUESTION_STATUS] });
    if (!normalizedQuery || targets.length === 0)
      return {
        hits: [],
        hasMore: false,
        normalizedQuery,
        totals: request.withTotals ? { total: 0, facets: [] } : undefined,
      };
    const texts = [
      queryText(request.text),
      ...(await this.synonymVariants(request.organizationId, request.text)),
      ...persianJoinVariants(request.text),
      ...(request.languages.some(isFinnish) ? await this.finnishVariant(request.text) : []),
    ].slice(0, 1 + MAX_VARIANTS);
    const queries: MultiSearchQueryWithFederation[] = targets.flatMap(({ type, statuses }) =>
      texts.map((q, i) => ({
        indexUid: INDEX_OF[type],
        q,
        filter: filterOf(request, statuses),
        matchingStrategy: 'frequency' as const,
        showMatchesPosition: true,
        showRankingScore: true,
        // a variant counts a little less than what the agent typed
        federationOptions: { weight: i === 0 ? 1 : 0.9 },
      })),
    );
    const params: FederatedMultiSearchParams = {
      federation: {
        limit: request.first + 1,
        offset: request.offset,
        ...(request.withTotals
          ? {
              facetsByIndex: Object.fromEntries(
                targets.map(({ type }) => [INDEX_OF[type], ['tags']]),
              ),
              mergeFacets: {},
            }
          : {}),
      },
      queries,
    };
    const response = await this.client.multiSearch<FederatedMultiSearchParams, MeiliDocument>(
      params,
    );
    const typeOf = (uid: string | undefined): DocumentType =>
      uid === INDEX_OF.QUESTION ? 'QUESTION' : 'TIP';
    const hits = response.hits.slice(0, request.first).map((hit) => {
      const stored = hit.stored;
      const terms = matchedTerms(
        {
          title: normalizeForIndex(stored.title),
          body: normalizeForIndex(stored.body),
          tags: stored.tags,
        },
        hit._matchesPosition,
      );
      return {
        type: typeOf(hit._federation?.indexUid),
        id: hit.id,
        document: stored,
        score: Math.round((hit._rankingScore ?? 0) * 100) / 100,
        ...highlighted(stored, terms.length ? terms : words(normalizedQuery)),
      };
    });
    return {
      normalizedQuery,
      hits,
      hasMore: response.hits.length > request.first,
      totals: request.withTotals
        ? {
            total: response.estimatedTotalHits ?? hits.length,
            facets: facetsOf([response.facetDistribution]),
          }
        : undefined,
    };
  }

  /** Is Meilisearch there and healthy? */
  async reachable(): Promise<boolean> {
    return this.client.isHealthy();
  }

  /** The query's Finnish stems, which the documents' `forms` hold (PostgreSQL stems both). */
  private async finnishVariant(text: string): Promise<string[]> {
    const [stems] = await this.analysis.finnishStems([normalizeForIndex(text)]);
    return stems.length ? [stems.join(' ')] : [];
  }

  /** The query with one word replaced by one of its synonyms, for each that has some. */
  private async synonymVariants(organizationId: string, text: string): Promise<string[]> {
    let groups = this.synonymGroups.get(organizationId);
    if (!groups) {
      groups = this.analysis.synonymsOf(organizationId);
      this.synonymGroups.set(organizationId, groups);
      groups.catch(() => this.synonymGroups.delete(organizationId));
    }
    const queryWords = words(normalizeForIndex(text));
    const variants: string[] = [];
    for (const [i, word] of queryWords.entries())
      for (const group of await groups)
        if (group.includes(word))
          for (const other of group)
            if (other !== word)
              variants.push(
                [...queryWords.slice(0, i), other, ...queryWords.slice(i + 1)].join(' ') +
                  (/\s$/.test(text) ? ' ' : ''),
              );
    return variants.slice(0, MAX_VARIANTS);
  }

  private async succeeded(task: Promise<{ status: string; error: { message: string } | null }>) {
    const done = await task;
    if (done.status !== 'succeeded')
      throw new Error(
        `Meilisearch task ${done.status}: ${done.error?.message ?? 'no reason given'}`,
      );
  }
}
