import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import { JobQueue } from './job-queue.js';
import { JobsRepository } from './jobs.repository.js';

/** Jobs scheduled by other instances (or left by a stopped one) are found this often. */
const POLL_MS = 500;
const MAX_BACKOFF_MS = 5 * 60 * 1000;

/**
 * Runs due jobs: each in its own transaction that locks the job row (`FOR UPDATE SKIP
 * LOCKED`), does the work and deletes the row, so several instances never run a job twice
 * and a job interrupted by a crash runs again after the restart. A timer wakes the worker
 * when the next job is due (at once for jobs this instance schedules), and a poll finds
 * the others'. A failing job is retried with growing delays.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private wakeAt = Infinity;
  private stopped = false;

  constructor(
    private readonly tx: TransactionHost,
    private readonly jobs: JobsRepository,
    private readonly queue: JobQueue,
  ) {
    queue.onScheduled((runAt) => this.wakeBy(runAt.getTime()));
  }

  onApplicationBootstrap(): void {
    this.wakeBy(Date.now());
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Runs every due job now; concurrent calls share one run and one more after it. */
  runDue(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runAll()
      .catch((error: unknown) => this.logger.error(`Running jobs failed: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          void this.runDue();
        }
      });
    return this.running;
  }

  private wakeBy(at: number): void {
    if (this.stopped || at >= this.wakeAt) return;
    clearTimeout(this.timer);
    this.wakeAt = at;
    this.timer = setTimeout(
      () => {
        this.wakeAt = Infinity;
        void this.runDue();
      },
      Math.max(0, at - Date.now()),
    );
    this.timer.unref();
  }

  private async runAll(): Promise<void> {
    while (!this.stopped && (await this.runOne())) {
      // until no job is due
    }
    const next = await this.jobs.nextRunAt();
    this.wakeBy(Math.min(next ? next.getTime() : Infinity, Date.now() + POLL_MS));
  }

  /** Runs one due job; false when none is due. */
  private async runOne(): Promise<boolean> {
    let failed: { id: string; attempts: number; kind: string; error: unknown } | undefined;
    const ran = await this.tx
      .run(async () => {
        const job = await this.jobs.takeDue();
        if (!job) return false;
        const handler = this.queue.handlers.get(job.kind);
        try {
          if (!handler) throw new Error(`No handler for jobs of kind ${job.kind}`);
          await handler(job);
        } catch (error) {
          failed = { id: job.id, attempts: job.attempts, kind: job.kind, error };
          throw error;
        }
        await this.jobs.delete(job.id);
        return true;
      })
      .catch((error: unknown) => {
        if (!failed) throw error;
        return true;
      });
    if (failed) {
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failed.attempts);
      this.logger.error(
        `Job ${failed.kind} #${failed.id} failed (attempt ${failed.attempts + 1}); retried in ${delay / 1000} s: ${String(failed.error)}`,
      );
      await this.jobs.postpone(failed.id, new Date(Date.now() + delay), String(failed.error));
    }
    return ran;
  }
}
