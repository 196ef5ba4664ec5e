import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { TransactionHost } from '../database/transaction-host.js';
import { MeilisearchSearchEngine } from './meilisearch/meilisearch-search.engine.js';
import { PostgresSearchEngine } from './postgres/postgres-search.engine.js';
import { SEARCH_ENGINE } from './search-engine.js';
import { SearchEngineRouter } from './search-engine-router.js';
import { OUTBOX_TARGET, SearchIndexer } from './search-indexer.js';
import { SearchOutbox } from './search-outbox.js';
import { SearchReindexer } from './search-reindexer.js';
import { SearchReindexes } from './search-reindexes.js';

/** Each Meilisearch request's limit: a search that takes longer falls back to PostgreSQL. */
const MEILI_TIMEOUT_MS = 2_000;
/** After a failed search, PostgreSQL answers this long before Meilisearch is tried again. */
const FAILING_FOR_MS = 10_000;

/**
 * The search engines, the outbox that feeds the one outside the database, the indexer
 * that keeps both current, the reindexer, and the router that picks who answers.
 */
@Global()
@Module({
  providers: [
    PostgresSearchEngine,
    SearchOutbox,
    {
      provide: OUTBOX_TARGET,
      inject: [APP_CONFIG, TransactionHost],
      useFactory: (config: AppConfig, tx: TransactionHost) =>
        config.meilisearch
          ? new MeilisearchSearchEngine(
              {
                url: config.meilisearch.url,
                key: config.meilisearch.key,
                timeoutMs: MEILI_TIMEOUT_MS,
              },
              {
                synonymsOf: async (organizationId) =>
                  (
                    (await tx.manager.query(
                      `SELECT terms FROM search_synonyms WHERE organization_id = $1`,
                      [organizationId],
                    )) as { terms: string[] }[]
                  ).map(({ terms }) => terms),
                finnishStems: async (texts) =>
                  texts.length === 0
                    ? []
                    : (
                        (await tx.manager.query(
                          `SELECT tsvector_to_array(to_tsvector('finnish', t)) AS stems
                           FROM unnest($1::text[]) WITH ORDINALITY AS x(t, i) ORDER BY i`,
                          [texts],
                        )) as { stems: string[] }[]
                      ).map(({ stems }) => stems),
              },
            )
          : null,
    },
    {
      provide: SearchEngineRouter,
      inject: [APP_CONFIG, PostgresSearchEngine, OUTBOX_TARGET, SearchOutbox],
      useFactory: (
        config: AppConfig,
        postgres: PostgresSearchEngine,
        meilisearch: MeilisearchSearchEngine | null,
        outbox: SearchOutbox,
      ) =>
        new SearchEngineRouter(postgres, meilisearch, () => outbox.ageSeconds(), {
          maxLagSeconds: config.meilisearch?.maxLagSeconds ?? 0,
          failingForMs: FAILING_FOR_MS,
        }),
    },
    { provide: SEARCH_ENGINE, useExisting: SearchEngineRouter },
    SearchIndexer,
    SearchReindexes,
    SearchReindexer,
  ],
  exports: [SEARCH_ENGINE, SearchEngineRouter, SearchOutbox, SearchIndexer, SearchReindexer],
})
export class SearchInfrastructureModule {}
