import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host.js';
import { SEARCH_ENGINE } from './search-engine.js';
import type { DocumentType, SearchDocument, SearchEngine } from './search-engine.js';
import { SearchOutbox } from './search-outbox.js';

/** Loads the current searchable form of documents; ids it does not return are removed from the index. */
export type DocumentSource = (organizationId: string, ids: string[]) => Promise<SearchDocument[]>;

const BATCH = 500;
const POLL_MS = 2000;

/**
 * Applies the outbox to the search engine: right after a write (`drain`), and on a timer
 * for anything left behind. Taking entries and indexing them share a transaction, so a
 * failed indexing puts the entries back.
 */
@Injectable()
export class SearchIndexer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SearchIndexer');
  private readonly sources = new Map<DocumentType, DocumentSource>();
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly tx: TransactionHost,
    private readonly outbox: SearchOutbox,
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
  ) {}

  register(type: DocumentType, source: DocumentSource): void {
    this.sources.set(type, source);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.drain().catch((e) => this.logger.error(e)), POLL_MS);
    this.timer.unref();
  }

  /** Before any module shuts down (the database first of all): stop the timer, finish the run. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => {});
  }

  /**
   * Within a writer's transaction: `documents` are the current form of the `ids` written
   * (ids without a document are removed). A transactional engine indexes them right here,
   * atomically with the write; otherwise they go through the outbox.
   */
  async update(
    organizationId: string,
    type: DocumentType,
    ids: string[],
    documents: SearchDocument[],
  ): Promise<void> {
    if (!this.engine.transactional) {
      await this.outbox.add(ids.map((id) => ({ organizationId, type, id })));
      return;
    }
    await this.engine.index(documents);
    const indexed = new Set(documents.map((doc) => doc.id));
    const gone = ids.filter((id) => !indexed.has(id));
    if (gone.length) await this.engine.remove(organizationId, type, gone);
  }

  maintain(): Promise<void> {
    return this.engine.maintain();
  }

  /**
   * After a committed write: indexes it now, or, when that fails, leaves it in the outbox
   * for the timer (logged, not thrown: the write is done).
   */
  async drainSoon(): Promise<void> {
    await this.drain().catch((error: unknown) =>
      this.logger.error(`Indexing failed; the timer retries it from the outbox: ${String(error)}`),
    );
  }

  /** Indexes everything in the outbox; concurrent calls share one run. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.drainAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async drainAll(): Promise<void> {
    while ((await this.drainBatch()) === BATCH) {
      // keep going until the outbox is empty
    }
  }

  private drainBatch(): Promise<number> {
    return this.tx.run(async () => {
      const entries = await this.outbox.take(BATCH);
      const groups = new Map<
        string,
        { organizationId: string; type: DocumentType; ids: Set<string> }
      >();
      for (const { organizationId, type, id } of entries) {
        const key = `${organizationId}:${type}`;
        const group = groups.get(key) ?? { organizationId, type, ids: new Set() };
        group.ids.add(id);
        groups.set(key, group);
      }
      for (const { organizationId, type, ids } of groups.values()) {
        const source = this.sources.get(type);
        if (!source) throw new Error(`No search document source for ${type}`);
        const documents = await source(organizationId, [...ids]);
        await this.engine.index(documents);
        const gone = [...ids].filter((id) => !documents.some((doc) => doc.id === id));
        if (gone.length) await this.engine.remove(organizationId, type, gone);
      }
      return entries.length;
    });
  }
}
