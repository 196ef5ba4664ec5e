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
/** While another instance holds a consumer, look again this soon. */
const BUSY_RETRY_MS = 50;

/**
 * Delivers the domain-event log to its consumers (notifications, live messages, and
 * later recognition), each at its own position, once, in order, across API instances: a
 * consumer's batch and its new position commit together, so a failed batch is retried
 * and a done one never repeats. Woken right after this instance records events, and by a
 * poll for what other instances recorded.
 */
@Injectable()
export class EventDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Events');
  private readonly consumers: EventConsumer[] = [];
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly tx: TransactionHost,
    private readonly events: DomainEventsRepository,
    recorded: DomainEvents,
  ) {
    recorded.onRecorded(() => this.wake());
  }

  /** Adds a consumer; call it before the application starts (from onModuleInit). */
  register(consumer: EventConsumer): void {
    this.consumers.push(consumer);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const consumer of this.consumers)
      await this.events.addConsumer(consumer.name, consumer.from);
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Delivers whatever is waiting, now; concurrent calls share one run and one more after it. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    clearTimeout(this.timer);
    this.running = this.deliverAll()
      .catch((error: unknown) => this.logger.error(`Event delivery failed: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          void this.wake();
        }
      });
    return this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.wake(), delay);
    this.timer.unref();
  }

  private async deliverAll(): Promise<void> {
    let busy = false;
    for (const consumer of this.consumers) {
      let delivered: number | null;
      do {
        delivered = await this.deliverBatch(consumer).catch((error: unknown) => {
          this.logger.error(`Consumer ${consumer.name} failed; it retries: ${String(error)}`);
          return 0;
        });
        if (delivered === null) busy = true;
      } while (delivered === BATCH);
    }
    this.schedule(busy ? BUSY_RETRY_MS : POLL_MS);
  }

  /** One batch for one consumer: the number of events, or null when another instance holds it. */
  private deliverBatch(consumer: EventConsumer): Promise<number | null> {
    return this.tx.run(async () => {
      const horizon = await this.events.horizon();
      const position = await this.events.lockConsumer(consumer.name);
      if (!position) return null;
      const events = (await this.events.after(position, horizon, BATCH)) as (DomainEvent & {
        transactionId: string;
      })[];
      if (events.length === 0) return 0;
      await consumer.handle(events);
      const last = events[events.length - 1];
      await this.events.moveConsumer(consumer.name, {
        transactionId: last.transactionId,
        eventId: last.id,
      });
      return events.length;
    });
  }
}
