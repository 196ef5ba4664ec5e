import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { SearchLogEntry, SearchLogRepository } from './search-log.repository.js';

/** Entries are written this long after the first of a batch is queued, at the latest. */
const FLUSH_AFTER_MS = 200;
/** A search's entry is in the database this long after the search, unless the database is struggling. */
export const WRITTEN_WITHIN_MS = 1_000;
const MAX_BATCH = 200;

/**
 * Writes the search log in batches after the search has answered: an agent typing does
 * not wait for a log row per keystroke. Whatever reads the log (clicks, search gaps)
 * flushes first; a crash loses at most the last fraction of a second of log.
 */
@Injectable()
export class SearchLogWriter implements OnModuleDestroy {
  private readonly logger = new Logger(SearchLogWriter.name);
  private queued: SearchLogEntry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly log: SearchLogRepository) {}

  add(entry: SearchLogEntry): void {
    this.queued.push(entry);
    if (this.queued.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS);
  }

  /** Resolves once every entry queued so far is written (or has failed and been logged). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queued;
    this.queued = [];
    if (batch.length > 0) {
      this.writing = this.writing.then(() =>
        this.log.addMany(batch).catch(() => this.writeOneByOne(batch)),
      );
    }
    return this.writing;
  }

  /** After a failed batch: one entry that cannot be written must not take the others with it. */
  private async writeOneByOne(batch: SearchLogEntry[]): Promise<void> {
    for (const entry of batch) {
      await this.log.addMany([entry]).catch((error: unknown) => {
        this.logger.error(
          `Could not write the search log entry ${entry.id} (organization ${entry.organizationId}): ${String(error)}`,
        );
      });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }
}
