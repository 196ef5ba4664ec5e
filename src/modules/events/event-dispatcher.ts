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
/** An event a consumer failed on this many times in a row is parked, and the consumer goes on. */
const PARK_AFTER = 6;
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
  /** after a failed batch: events to deliver one at a time, to find the one that fails */
  oneByOne: number;
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
    this.runners.push({ consumer, again: false, retrySoon: false, oneByOne: 0 });
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
    let size: number;
    do {
      size = runner.oneByOne > 0 ? 1 : BATCH;
      batch = await this.deliverBatch(consumer, size).then(
        (delivered) => {
          if (size === 1) runner.oneByOne -= delivered.delivered;
          return delivered;
        },
        (error: unknown) => this.failed(runner, size, error),
      );
    } while (batch.delivered === size && !this.stopped);
    runner.retrySoon = batch.retrySoon;
  }

  /**
   * A failed batch is tried again one event at a time; an event that fails on its own is
   * retried after a growing wait and, after PARK_AFTER tries, parked with its error.
   */
  private async failed(
    runner: Runner,
    size: number,
    error: unknown,
  ): Promise<{ delivered: number; retrySoon: boolean }> {
    const { consumer } = runner;
    if (size > 1) {
      runner.oneByOne = size;
      return { delivered: 0, retrySoon: true };
    }
    const failures = await this.tx.run(() =>
      this.events.recordFailure(consumer.name, String(error)),
    );
    if (failures < PARK_AFTER) {
      this.logger.error(
        `Consumer ${consumer.name} failed (${failures} of ${PARK_AFTER} tries): ${String(error)}`,
      );
      return { delivered: 0, retrySoon: false };
    }
    const parked = await this.parkNext(consumer.name, String(error), failures);
    if (parked)
      this.logger.error(
        `Consumer ${consumer.name} set event ${parked} aside after ${failures} tries (parked_events): ${String(error)}`,
      );
    return { delivered: 0, retrySoon: true };
  }

  /** Parks the consumer's next event and moves past it; the event's id, or null if none. */
  private parkNext(name: string, error: string, attempts: number): Promise<string | null> {
    return this.tx.run(async () => {
      const horizon = await this.events.horizon();
      const position = await this.events.lockConsumer(name);
      if (!position) return null;
      const [event] = (await this.events.after(position, horizon, 1)) as (DomainEvent & {
        transactionId: string;
      })[];
      if (!event) return null;
      await this.events.park(name, event.id, error, attempts);
      await this.events.moveConsumer(name, {
        transactionId: event.transactionId,
        eventId: event.id,
      });
      return event.id;
    });
  }

  /**
   * One batch for one consumer: how many events it delivered, and whether to look again
   * soon (another instance holds the consumer, or committed events wait for an older
   * transaction to end).
   */
  private deliverBatch(
    consumer: EventConsumer,
    size: number,
  ): Promise<{ delivered: number; retrySoon: boolean }> {
    return this.tx.run(async () => {
      const horizon = await this.events.horizon();
      const position = await this.events.lockConsumer(consumer.name);
      if (!position) return { delivered: 0, retrySoon: true };
      // after a failure, the poll tries again once the wait is over
      if (position.waiting) return { delivered: 0, retrySoon: false };
      const events = (await this.events.after(position, horizon, size)) as (DomainEvent & {
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
