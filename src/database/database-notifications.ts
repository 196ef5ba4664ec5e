import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import pg from 'pg';
import type { DatabaseTarget } from './data-source-options.js';
import { DATABASE_TARGET } from './database-target.js';
import { TransactionHost } from './transaction-host.js';

const RELISTEN_MS = 1_000;

/** What a subscriber to a channel hears. */
export interface NotificationSubscriber {
  /** A payload sent on the channel by an API instance (this one too), once its transaction committed. */
  message(payload: string): void;
  /** Hearing started (true) or stopped (false): while stopped, notifications are missed. */
  listening?(active: boolean): void;
}

/**
 * Tells every API instance of changes that instances keep copies of (callers, analysed
 * words), through PostgreSQL's NOTIFY, sent inside the writer's transaction and so
 * delivered only if it commits. One connection per instance listens on every channel,
 * and comes back a second after it is lost. The embedded database runs one instance:
 * there is no one else to tell, and subscribers handle their own instance's changes.
 */
@Injectable()
export class DatabaseNotifications implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DatabaseNotifications.name);
  private readonly subscribers = new Map<string, NotificationSubscriber[]>();
  private listener?: pg.Client;
  private listening = false;
  private closed = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly tx: TransactionHost,
    @Inject(DATABASE_TARGET) private readonly database: DatabaseTarget,
  ) {}

  /** Whether this instance hears of other instances' changes (always, when there are none). */
  get hearsOthers(): boolean {
    return this.database.embedded || this.listening;
  }

  /** Subscribes to a channel; call it before the application starts (from a constructor). */
  subscribe(channel: string, subscriber: NotificationSubscriber): void {
    this.subscribers.set(channel, [...(this.subscribers.get(channel) ?? []), subscriber]);
  }

  /** Sends a payload on a channel, with the current transaction if there is one. */
  async notify(channel: string, payload: string): Promise<void> {
    if (this.database.embedded) return;
    await this.tx.manager.query(`SELECT pg_notify($1, $2)`, [channel, payload]);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.database.embedded && this.subscribers.size > 0) await this.listen();
  }

  onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    return this.listener?.end().catch(() => undefined) ?? Promise.resolve();
  }

  private setListening(active: boolean): void {
    this.listening = active;
    for (const subscriber of [...this.subscribers.values()].flat()) subscriber.listening?.(active);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.database.url });
    this.listener = client;
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      if (error && !this.closed) this.logger.warn(`Not hearing other instances: ${error.message}`);
      this.listener = undefined;
      this.setListening(false);
      client.end().catch(() => undefined);
      if (!this.closed) this.retry = setTimeout(() => void this.listen(), RELISTEN_MS);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', ({ channel, payload }) => {
      for (const subscriber of this.subscribers.get(channel) ?? []) {
        try {
          subscriber.message(payload ?? '');
        } catch (error) {
          // Anyone may NOTIFY: a message nobody here sent must not stop the instance.
          this.logger.warn(`Ignored a notification on ${channel}: ${String(error)}`);
        }
      }
    });
    try {
      await client.connect();
      for (const channel of this.subscribers.keys()) {
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      if (this.listener === client) this.setListening(true);
    } catch (error) {
      lost(error as Error);
    }
  }
}
