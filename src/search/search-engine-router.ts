import { Logger } from '@nestjs/common';
import type {
  DocumentType,
  SearchDocument,
  SearchEngine,
  SearchRequest,
  SearchResponse,
} from './search-engine.js';

/** Why PostgreSQL answers searches instead of Meilisearch; null when Meilisearch does. */
export type FallbackReason = 'not configured' | 'unreachable' | 'failing' | 'lagging';

export interface SearchServing {
  engine: 'meilisearch' | 'postgres';
  reason: FallbackReason | null;
}

/** What the router asks of the Meilisearch engine besides the port. */
export interface RemoteEngine extends SearchEngine {
  reachable(): Promise<boolean>;
}

export interface RouterOptions {
  /** the outbox's oldest entry may be this old before searches fall back */
  maxLagSeconds: number;
  /** after a failed search, PostgreSQL answers for this long before Meilisearch is tried again */
  failingForMs: number;
}

/**
 * The search engine the application uses: PostgreSQL always holds the index (written in
 * the writer's transaction, so it is ready to answer at any moment), and Meilisearch, when
 * configured, answers searches while it is reachable, succeeding and no more than
 * `maxLagSeconds` behind the outbox. Otherwise PostgreSQL answers; `probe` (on a timer)
 * switches back when Meilisearch is well again. Each change is logged with its reason.
 */
export class SearchEngineRouter implements SearchEngine {
  private readonly logger = new Logger('Search');
  private state: SearchServing;
  private failedAt = 0;

  constructor(
    private readonly postgres: SearchEngine,
    private readonly remote: RemoteEngine | null,
    private readonly outboxAgeSeconds: () => Promise<number>,
    private readonly options: RouterOptions,
  ) {
    // Until the first probe has seen Meilisearch, PostgreSQL answers.
    this.state = remote
      ? { engine: 'postgres', reason: 'unreachable' }
      : { engine: 'postgres', reason: 'not configured' };
  }

  serving(): SearchServing {
    return this.state;
  }

  /** Checks Meilisearch and the outbox's age, and decides who answers. */
  async probe(): Promise<SearchServing> {
    if (!this.remote) return this.state;
    const reachable = await this.remote.reachable().catch(() => false);
    if (!reachable) return this.serve('unreachable');
    if (Date.now() - this.failedAt < this.options.failingForMs) return this.serve('failing');
    const age = await this.outboxAgeSeconds().catch(() => 0);
    return this.serve(age > this.options.maxLagSeconds ? 'lagging' : null);
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    if (this.remote && this.state.engine === 'meilisearch') {
      try {
        return await this.remote.search(request);
      } catch (error) {
        this.failedAt = Date.now();
        this.serve('failing', String(error));
      }
    }
    return this.postgres.search(request);
  }

  index(documents: SearchDocument[]): Promise<void> {
    return this.postgres.index(documents);
  }

  remove(organizationId: string, type: DocumentType, ids: string[]): Promise<void> {
    return this.postgres.remove(organizationId, type, ids);
  }

  synonymsChanged(organizationId: string): void {
    this.postgres.synonymsChanged(organizationId);
    this.remote?.synonymsChanged(organizationId);
  }

  maintain(): Promise<void> {
    return this.postgres.maintain();
  }

  private serve(reason: FallbackReason | null, detail?: string): SearchServing {
    const next: SearchServing = { engine: reason ? 'postgres' : 'meilisearch', reason };
    if (next.engine !== this.state.engine || next.reason !== this.state.reason) {
      if (reason)
        this.logger.warn(
          `Searches answered by PostgreSQL: Meilisearch ${reason}${detail ? ` (${detail})` : ''}`,
        );
      else this.logger.log('Searches answered by Meilisearch');
    }
    this.state = next;
    return next;
  }
}
