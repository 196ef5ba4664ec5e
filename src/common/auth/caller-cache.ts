import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import type { Caller } from '../context/request-context.js';
import type { DatabaseTarget } from '../../database/data-source-options.js';
import { DATABASE_TARGET } from '../../database/database.module.js';
import { TransactionHost } from '../../database/transaction-host.js';

/** How long an authenticated caller is remembered. */
const REMEMBER_MS = 10_000;
const MAX_REMEMBERED = 10_000;
const RELISTEN_MS = 1_000;
const CHANNEL = 'floorwalker_callers';

/** What changed: one session, or a user and so all of their sessions. */
export type CallerChange = { sessionId: string } | { userId: string };

interface Remembered {
  caller: Caller;
  until: number;
}

/**
 * Authenticated callers, remembered for a few seconds so that a burst of searches typed
 * by one agent does not read their session on every keystroke.
 *
 * Whatever ends or alters a session (sign-out, a new password, deactivation, a new role or
 * team) is announced with `changed`, inside the writer's transaction: this instance forgets
 * the caller once it commits, and every other API instance when PostgreSQL delivers the
 * notification sent with the commit. An instance remembers nothing while it is not
 * listening for those notifications. The embedded database runs one instance, so there
 * forgetting here is enough.
 */
@Injectable()
export class CallerCache implements OnModuleDestroy {
  private readonly logger = new Logger(CallerCache.name);
  private readonly remembered = new Map<string, Remembered>();
  /** Bumped by every change: a caller read before a change is not remembered after it. */
  private generation = 0;
  private listener?: pg.Client;
  private listening = false;
  private closed = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly tx: TransactionHost,
    @Inject(DATABASE_TARGET) private readonly database: DatabaseTarget,
  ) {}

  /** The remembered caller of a session, if still fresh. */
  recall(sessionId: string): Caller | undefined {
    if (!this.ready()) return undefined;
    const entry = this.remembered.get(sessionId);
    if (entry && entry.until > Date.now()) return entry.caller;
    if (entry) this.remembered.delete(sessionId);
    return undefined;
  }

  /** A mark to pass to `remember`, taken before reading the session. */
  mark(): number {
    return this.generation;
  }

  /** Remembers a caller read from the database, unless something changed since `mark`. */
  remember(caller: Caller, mark: number, sessionExpiresAt: Date): void {
    if (!this.ready() || mark !== this.generation) return;
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
    const until = Math.min(Date.now() + REMEMBER_MS, sessionExpiresAt.getTime());
    this.remembered.set(caller.sessionId, { caller, until });
  }

  /** Announces a change, in the current transaction if there is one. */
  async changed(change: CallerChange): Promise<void> {
    this.tx.afterCommit(() => this.forget(change));
    if (!this.database.embedded) {
      await this.tx.manager.query(`SELECT pg_notify($1, $2)`, [CHANNEL, JSON.stringify(change)]);
    }
  }

  onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    return this.listener?.end().catch(() => undefined) ?? Promise.resolve();
  }

  private forget(change: CallerChange): void {
    this.generation++;
    if ('sessionId' in change) {
      this.remembered.delete(change.sessionId);
      return;
    }
    for (const [sessionId, { caller }] of this.remembered) {
      if (caller.userId === change.userId) this.remembered.delete(sessionId);
    }
  }

  /** Starts listening for changes made by other instances (on PostgreSQL). */
  async start(): Promise<void> {
    if (!this.database.embedded && !this.listener) await this.listen();
  }

  /** Whether remembering is safe: on PostgreSQL, only while this instance hears of changes. */
  private ready(): boolean {
    return this.database.embedded || this.listening;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.database.url });
    this.listener = client;
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      if (error && !this.closed) this.logger.warn(`Not remembering callers: ${error.message}`);
      this.listening = false;
      this.listener = undefined;
      this.remembered.clear();
      client.end().catch(() => undefined);
      if (!this.closed) this.retry = setTimeout(() => void this.start(), RELISTEN_MS);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', ({ payload }) => {
      if (payload) this.forget(JSON.parse(payload) as CallerChange);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.listener !== client) return;
      this.generation++;
      this.remembered.clear();
      this.listening = true;
    } catch (error) {
      lost(error as Error);
    }
  }
}
