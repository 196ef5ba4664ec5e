import { Inject, Injectable, Logger } from '@nestjs/common';
import { OUTBOX_TARGET, OutboxTarget, SearchIndexer } from './search-indexer.js';
import { SearchOutbox } from './search-outbox.js';
import { SearchReindexes } from './search-reindexes.js';

const COPY_BATCH = 1_000;
/** How long the changes made during a reindex may take to reach its indexes before the swap. */
const CATCH_UP_MS = 5 * 60_000;

export type ReindexOutcome =
  { done: true; documents: number; changedMeanwhile: number } | { done: false; reason: string };

/**
 * Rebuilds Meilisearch's indexes without downtime: new indexes with the current settings,
 * filled from the database's search documents (always complete and current) while the
 * live ones keep answering; deliveries meanwhile go to both and are recorded; what changed
 * during the copy is sent again through the outbox (in order, per document); then the new
 * indexes are swapped in, at once, and the old ones dropped. At most one runs at a time,
 * across instances. Run at start-up when the settings changed, and by `floorwalker reindex`.
 */
@Injectable()
export class SearchReindexer {
  private readonly logger = new Logger('SearchReindexer');

  constructor(
    @Inject(OUTBOX_TARGET) private readonly target: OutboxTarget | null,
    private readonly reindexes: SearchReindexes,
    private readonly outbox: SearchOutbox,
    private readonly indexer: SearchIndexer,
  ) {
    indexer.whenSettingsChange(() => {
      this.logger.log('Meilisearch index settings changed: reindexing into new indexes');
      void this.reindex().then(
        (outcome) => this.logger.log(`Reindex: ${JSON.stringify(outcome)}`),
        (error) => this.logger.error(`Reindex failed: ${String(error)}`),
      );
    });
  }

  async reindex(progress?: (done: number, total: number) => void): Promise<ReindexOutcome> {
    if (!this.target) return { done: false, reason: 'Meilisearch is not configured (MEILI_URL).' };
    const target = this.target;
    const suffix = `r${Date.now().toString(36)}`;
    if (!(await this.reindexes.start(suffix)))
      return { done: false, reason: 'Another reindex is in progress.' };
    try {
      await target.createIndexes(suffix);
      const total = await this.reindexes.documentCount();
      let copied = 0;
      progress?.(0, total);
      for (let after = null as Parameters<SearchReindexes['documentsAfter']>[0]; ;) {
        const page = await this.reindexes.documentsAfter(after, COPY_BATCH);
        if (page.length === 0) break;
        await target.index(page, suffix);
        copied += page.length;
        progress?.(Math.min(copied, total), total);
        const last = page[page.length - 1];
        after = { organizationId: last.organizationId, type: last.type, id: last.id };
      }
      const changedMeanwhile = await this.reindexes.requeueChanged(suffix);
      await this.catchUp();
      await target.swapIn(suffix);
      await this.reindexes.finish(suffix);
      return { done: true, documents: copied, changedMeanwhile };
    } catch (error) {
      await this.reindexes.finish(suffix).catch(() => {});
      await target.dropIndexes(suffix).catch(() => {});
      throw error;
    }
  }

  /** Delivers the outbox until it is empty (each delivery also reaching the new indexes). */
  private async catchUp(): Promise<void> {
    const deadline = Date.now() + CATCH_UP_MS;
    for (;;) {
      await this.indexer.drain().catch(() => {}); // failures wait in the outbox for a retry
      if ((await this.outbox.size()) === 0) return;
      if (Date.now() > deadline)
        throw new Error('The changes made during the reindex did not reach Meilisearch in time.');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
