import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SearchIndexer } from '../../search/search-indexer.js';
import { SearchService } from '../search/search.service.js';
import { TipsService } from '../tips/tips.service.js';

const EVERY_MS = 10 * 60 * 1000;

/**
 * Scheduled upkeep, every ten minutes and once at start: tips past their verification date
 * go to review, search logs past the organization's retention period are deleted, and the
 * search engine does its upkeep.
 */
@Injectable()
export class MaintenanceService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Maintenance');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly tips: TipsService,
    private readonly search: SearchService,
    private readonly indexer: SearchIndexer,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), EVERY_MS);
    this.timer.unref();
    void this.run();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  run(): Promise<void> {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async runOnce(): Promise<void> {
    try {
      const expired = await this.tips.expireVerifications();
      const pruned = await this.search.pruneLog();
      await this.indexer.maintain();
      if (expired || pruned)
        this.logger.log(`${expired} tips due for review, ${pruned} old search log entries deleted`);
    } catch (error) {
      this.logger.error(error instanceof Error ? error : String(error));
    }
  }
}
