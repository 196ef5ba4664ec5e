import { Global, Module } from '@nestjs/common';
import { PostgresSearchEngine } from './postgres/postgres-search.engine.js';
import { SEARCH_ENGINE } from './search-engine.js';
import { SearchIndexer } from './search-indexer.js';
import { SearchOutbox } from './search-outbox.js';

/** The search engine, the outbox that feeds it, and the indexer that applies the outbox. */
@Global()
@Module({
  providers: [
    { provide: SEARCH_ENGINE, useClass: PostgresSearchEngine },
    SearchOutbox,
    SearchIndexer,
  ],
  exports: [SEARCH_ENGINE, SearchOutbox, SearchIndexer],
})
export class SearchInfrastructureModule {}
