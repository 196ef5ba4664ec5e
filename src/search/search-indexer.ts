import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { SEARCH_ENGINE } from './search-engine.js';
import type { DocumentType, SearchDocument, SearchEngine } from './search-engine.js';
import { SearchEngineRouter } from './search-engine-router.js';
import { ClaimedEntry, SearchOutbox } from './search-outbox.js';
import { SearchReindexes } from './search-reindexes.js';

/** Loads the current searchable form of documents; ids it does not return are removed from the index. */
export type DocumentSource = (organizationId: string, ids: string[]) => Promise<SearchDocument[]>;

const BATCH = 500;
const POLL_MS = 2000;
/** A delivery holds its claim this long; an instance stopped mid-batch lets it run out. */
const LEASE_SECONDS = 120;

/** The engine outside the database that the outbox feeds (Meilisearch), when configured. */
export const OUTBOX_TARGET = Symbol('OUTBOX_TARGET');

/**
 * An engine fed through the outbox (Meilisearch): its live indexes, or a reindex's new
 * ones (`suffix`), which are swapped in when full.
 */
export interface OutboxTarget extends SearchEngine {
  ensureIndexes(): Promise<'ready' | 'settings changed'>;
  createIndexes(suffix: string): Promise<void>;
  swapIn(suffix: string): Promise<void>;
  dropIndexes(suffix: string): Promise<void>;
  index(documents: SearchDocument[], suffix?: string): Promise<void>;
  remove(organizationId: string, type: DocumentType, ids: string[], suffix?: string): Promise<void>;
}

/**
 * Keeps the search indexes current. The engine in the database (PostgreSQL) is written in
 * the writer's transaction; an engine outside it (Meilisearch) is fed from the outbox,
 * which the same transaction writes: claim → commit → read the documents → deliver over
 * HTTP (no database connection held) → acknowledge; a failed delivery is retried later,
 * with a growing wait. On a timer, it also asks the router to check who should answer.
 */
@Injectable()
export class SearchIndexer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('SearchIndexer');
  private readonly sources = new Map<DocumentType, DocumentSource>();
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private indexesReady = false;
  private settingsChanged: (() => void) | undefined;
  private lastProblem: string | undefined;

  constructor(
    private readonly outbox: SearchOutbox,
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    @Inject(OUTBOX_TARGET) private readonly target: OutboxTarget | null,
    private readonly router: SearchEngineRouter,
    private readonly reindexes: SearchReindexes,
  ) {}

  /** Called once when Meilisearch's indexes turn out to hold other settings than these. */
  whenSettingsChange(reindex: () => void): void {
    this.settingsChanged = reindex;
  }

  register(type: DocumentType, source: DocumentSource): void {
    this.sources.set(type, source);
  }

  onModuleInit(): void {
    if (!this.target) {
      // entries an earlier version left for the database's engine
      void this.drain().catch((error) => this.logger.warn(`Search outbox: ${String(error)}`));
      return;
    }
    this.timer = setInterval(() => void this.tick(), POLL_MS);
    this.timer.unref();
  }

  /** Before any module shuts down (the database first of all): stop the timer, finish the run. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => {});
  }

  /** One round of the timer: the indexes (until they are there), who answers, the outbox. */
  async tick(): Promise<void> {
    try {
      if (this.target && !this.indexesReady) {
        const state = await this.target.ensureIndexes();
        this.indexesReady = true;
        if (state === 'settings changed') this.settingsChanged?.();
      }
      if (this.indexesReady) await this.drain();
      this.lastProblem = undefined;
    } catch (error) {
      // said once, not every round while it lasts
      const problem = `Meilisearch: ${String(error)}`;
      if (problem !== this.lastProblem) this.logger.warn(problem);
      this.lastProblem = problem;
    }
    await this.router.probe();
  }

  /**
   * Within a writer's transaction: `documents` are the current form of the `ids` written
   * (ids without a document are removed). The database's engine indexes them right here,
   * atomically with the write; an engine outside it gets them through the outbox.
   */
  async update(
    organizationId: string,
    type: DocumentType,
    ids: string[],
    documents: SearchDocument[],
  ): Promise<void> {
    await this.engine.index(documents);
    const indexed = new Set(documents.map((doc) => doc.id));
    const gone = ids.filter((id) => !indexed.has(id));
    if (gone.length) await this.engine.remove(organizationId, type, gone);
    if (this.target) await this.outbox.add(ids.map((id) => ({ organizationId, type, id })));
  }

  /** Within a writer's transaction: indexes the documents' current form, read from their source. */
  async updateFromSource(organizationId: string, type: DocumentType, ids: string[]): Promise<void> {
    const source = this.sources.get(type);
    if (!source) throw new Error(`No search document source for ${type}`);
    await this.update(organizationId, type, ids, await source(organizationId, ids));
  }

  maintain(): Promise<void> {
    return this.engine.maintain();
  }

  /**
   * After a committed write: starts delivering the outbox, without making the writer wait
   * for Meilisearch; a failure is left to the timer.
   */
  drainSoon(): void {
    void this.drain().catch((error: unknown) =>
      this.logger.warn(`Search delivery failed; the timer retries it: ${String(error)}`),
    );
  }

  /**
   * Delivers what the outbox holds; concurrent calls share one run. Nothing goes to
   * Meilisearch before its indexes are there with their settings (a delivery would create
   * an index without them).
   */
  async drain(): Promise<void> {
    if (this.target && !this.indexesReady) return;
    while (this.running) await this.running;
    this.running = this.deliverAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async deliverAll(): Promise<void> {
    while ((await this.deliverBatch()) === BATCH) {
      // keep going until nothing is due
    }
  }

  /** Claims a batch (its own short transaction), delivers it, acknowledges or retries it later. */
  private async deliverBatch(): Promise<number> {
    const claimed = await this.outbox.claim(BATCH, LEASE_SECONDS);
    if (claimed.length === 0) return 0;
    try {
      // a reindex in progress gets every delivery too, and sends them again before its swap
      const reindex = this.target ? await this.reindexes.current() : null;
      await this.deliver(claimed);
      if (reindex) await this.deliver(claimed, reindex);
      const started = this.target ? await this.reindexes.current() : null;
      if (started) await this.reindexes.touch(started, claimed);
    } catch (error) {
      await this.outbox.retryLater(claimed, String(error));
      throw error;
    }
    await this.outbox.acknowledge(claimed);
    return claimed.length;
  }

  private async deliver(entries: ClaimedEntry[], suffix?: string): Promise<void> {
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
      // read first (a connection for each query, none kept), then send
      const documents = await source(organizationId, [...ids]);
      const found = new Set(documents.map((doc) => doc.id));
      const gone = [...ids].filter((id) => !found.has(id));
      if (this.target) {
        await this.target.index(documents, suffix);
        if (gone.length) await this.target.remove(organizationId, type, gone, suffix);
      } else {
        // without Meilisearch, only entries an earlier version wrote: the database's engine takes them
        await this.engine.index(documents);
        if (gone.length) await this.engine.remove(organizationId, type, gone);
      }
    }
  }
}
