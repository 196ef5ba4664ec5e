import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import type { DomainEvent } from './domain-event.js';
import { DomainEventsRepository } from './domain-events.repository.js';
import { DomainEvents } from './domain-events.service.js';

/** Reads the log in order; `handle` runs in the transaction that moves its position. */
export interface EventConsumer {
  name: string;
  /** where a consumer new to the log starts: its beginning, or now */
  from: 'start' | 'now';
  handle(events: DomainEvent[]): Promise<void>;
}

const BATCH = 500;
/** Other instances' events, and retries, are found this often. */
const POLL_MS = 500;
/** While another instance holds a consumer, or events wait for older transactions, look again this soon. */
const RETRY_SOON_MS = 20;

/** One consumer's delivery: runs one at a time, and once more if woken meanwhile. */
interface Runner {
  consumer: EventConsumer;
  running?: Promise<void>;
  again: boolean;
  /** another instance held the consumer, or events waited for older transactions, at the last try */
  retrySoon: boolean;
}

/**
 * Delivers the domain-event log to its consumers (notifications, live messages, and
 * later recognition), each at its own position, once, in order, across API instances: a
 * consumer's batch and its new position commit together, so a failed batch is retried
 * and a done one never repeats. Consumers run independently, so a slow one (the inbox)
 * never holds back a fast one (live messages). Woken right after this instance records
 * events, and by a poll for what other instances recorded.
 */
@Injectable()
export class EventDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Events');
  private readonly runners: Runner[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly tx: TransactionHost,
    private readonly events: DomainEventsRepository,
    recorded: DomainEvents,
  ) {
    recorded.onRecorded(() => void this.wake());
  }

  /** Adds a consumer; call it before the application starts (from onModuleInit). */
  register(consumer: EventConsumer): void {
    this.runners.push({ consumer, again: false, retrySoon: false });
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const { consumer } of this.runners)
      await this.events.addConsumer(consumer.name, consumer.from);
    this.poll();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all(this.runners.map((runner) => runner.running));
  }

  /** Delivers whatever is waiting to every consumer, now. */
  async wake(): Promise<void> {
    await Promise.all(this.runners.map((runner) => this.run(runner)));
  }

  private run(runner: Runner): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (runner.running) {
      runner.again = true;
      return runner.running;
    }
    runner.running = this.deliver(runner).finally(() => {
      runner.running = undefined;
      if (runner.again) {
        runner.again = false;
        void this.run(runner);
      } else if (runner.retrySoon) {
        setTimeout(() => void this.run(runner), RETRY_SOON_MS).unref();
      }
    });
    return runner.running;
  }

  private poll(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.wake().finally(() => this.poll());
    }, POLL_MS);
    this.timer.unref();
  }

  private async deliver(runner: Runner): Promise<void> {
    const { consumer } = runner;
    let batch: { delivered: number; retrySoon: boolean };
    do {
      batch = await this.deliverBatch(consumer).catch((error: unknown) => {
        this.logger.error(`Consumer ${consumer.name} failed; it retries: ${String(error)}`);
        return { delivered: 0, retrySoon: false };
      });
    } while (batch.delivered === BATCH);
    runner.retrySoon = batch.retrySoon;
  }

  /**
   * One batch for one consumer: how many events it delivered, and whether to look again
   * soon (another instance holds the consumer, or committed events wait for an older
   * transaction to end).
   */
  private deliverBatch(
    consumer: EventConsumer,
  ): Promise<{ delivered: number; retrySoon: boolean }> {
    return this.tx.run(async () => {
      const horizon = await this.events.horizon();
      const position = await this.events.lockConsumer(consumer.name);
      if (!position) return { delivered: 0, retrySoon: true };
      const events = (await this.events.after(position, horizon, BATCH)) as (DomainEvent & {
        transactionId: string;
      })[];
      if (events.length === 0)
        return { delivered: 0, retrySoon: await this.events.heldBack(position, horizon) };
      await consumer.handle(events);
      const last = events[events.length - 1];
      await this.events.moveConsumer(consumer.name, {
        transactionId: last.transactionId,
        eventId: last.id,
      });
      return { delivered: events.length, retrySoon: false };
    });
  }
}
