import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import { Job, JobsRepository } from './jobs.repository.js';

/** Does a job's work inside the transaction that deletes the job: done once, or not at all. */
export type JobHandler = (job: Job) => Promise<void>;

/**
 * Timed work (deadlines, widenings, digests) as rows in the database, scheduled in the
 * writer's transaction: a job exists exactly when the change that needs it committed.
 * The worker (job-worker.ts) runs them; modules register a handler per kind.
 */
@Injectable()
export class JobQueue {
  readonly handlers = new Map<string, JobHandler>();
  private readonly listeners: ((runAt: Date) => void)[] = [];

  constructor(
    private readonly tx: TransactionHost,
    private readonly jobs: JobsRepository,
  ) {}

  /** Registers the handler of a kind of job; call it from onModuleInit. */
  handle(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Called with a job's time once the transaction that scheduled it commits. */
  onScheduled(listener: (runAt: Date) => void): void {
    this.listeners.push(listener);
  }

  /** Schedules the job `kind`/`key` at `runAt`, replacing one with the same kind and key. */
  async schedule(
    organizationId: string,
    kind: string,
    key: string,
    runAt: Date,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    await this.jobs.upsert({ organizationId, kind, key, runAt, data });
    this.tx.afterCommit(() => this.listeners.forEach((listener) => listener(runAt)));
  }

  /** Schedules the job unless one with the same kind and key is already waiting (which keeps its time). */
  async scheduleOnce(
    organizationId: string,
    kind: string,
    key: string,
    runAt: Date,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    if (await this.jobs.addIfAbsent({ organizationId, kind, key, runAt, data }))
      this.tx.afterCommit(() => this.listeners.forEach((listener) => listener(runAt)));
  }

  async cancel(kind: string, key: string): Promise<void> {
    await this.jobs.remove(kind, key);
  }
}
