import { LRUCache } from 'lru-cache';
import { Injectable } from '@nestjs/common';
import type { Caller } from '../context/request-context.js';
import { DatabaseNotifications } from '../../database/database-notifications.js';
import { TransactionHost } from '../../database/transaction-host.js';

/** How long an authenticated caller is remembered. */
const REMEMBER_MS = 10_000;
const MAX_REMEMBERED = 10_000;
const CHANNEL = 'floorwalker_callers';

/** What changed: one session, or a user and so all of their sessions. */
export type CallerChange = { sessionId: string } | { userId: string };

/**
 * Authenticated callers, remembered for a few seconds so that a burst of searches typed
 * by one agent does not read their session on every keystroke.
 *
 * Whatever ends or alters a session (sign-out, a new password, deactivation, a new role or
 * team) is announced with `changed`, inside the writer's transaction: this instance forgets
 * the caller once it commits, and every other API instance when the notification sent
 * with the commit reaches it (DatabaseNotifications). An instance remembers nothing while
 * it does not hear other instances.
 */
@Injectable()
export class CallerCache {
  private readonly remembered = new LRUCache<string, Caller>({
    max: MAX_REMEMBERED,
    ttl: REMEMBER_MS,
  });
  /** Bumped by every change: a caller read before a change is not remembered after it. */
  private generation = 0;
  private readonly listeners: ((change: CallerChange) => void)[] = [];

  constructor(
    private readonly tx: TransactionHost,
    private readonly notifications: DatabaseNotifications,
  ) {
    notifications.subscribe(CHANNEL, {
      message: (payload) => this.forget(JSON.parse(payload) as CallerChange),
      listening: () => {
        // Whatever changed while nobody listened: start afresh.
        this.generation++;
        this.remembered.clear();
      },
    });
  }

  /** Called for every change, this instance's and others' (e.g. to close a user's sockets). */
  onChange(listener: (change: CallerChange) => void): void {
    this.listeners.push(listener);
  }

  /** The remembered caller of a session, if still fresh. */
  recall(sessionId: string): Caller | undefined {
    if (!this.ready()) return undefined;
    return this.remembered.get(sessionId);
  }

  /** A mark to pass to `remember`, taken before reading the session. */
  mark(): number {
    return this.generation;
  }

  /** Remembers a caller read from the database, unless something changed since `mark`. */
  remember(caller: Caller, mark: number, sessionExpiresAt: Date): void {
    if (!this.ready() || mark !== this.generation) return;
    const ttl = Math.min(REMEMBER_MS, sessionExpiresAt.getTime() - Date.now());
    if (ttl > 0) this.remembered.set(caller.sessionId, caller, { ttl });
  }

  /** Announces a change, in the current transaction if there is one. */
  async changed(change: CallerChange): Promise<void> {
    this.tx.afterCommit(() => this.forget(change));
    await this.notifications.notify(CHANNEL, JSON.stringify(change));
  }

  private forget(change: CallerChange): void {
    this.generation++;
    this.listeners.forEach((listener) => listener(change));
    if ('sessionId' in change) {
      this.remembered.delete(change.sessionId);
      return;
    }
    for (const [sessionId, caller] of this.remembered.entries()) {
      if (caller.userId === change.userId) this.remembered.delete(sessionId);
    }
  }

  /** Whether remembering is safe: only while this instance hears of changes. */
  private ready(): boolean {
    return this.notifications.hearsOthers;
  }
}
