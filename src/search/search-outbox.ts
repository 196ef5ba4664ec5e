import { Injectable } from '@nestjs/common';
import { returnedRows } from '../database/returned-rows.js';
import { TransactionHost } from '../database/transaction-host.js';
import type { DocumentType } from './search-engine.js';

export interface OutboxEntry {
  organizationId: string;
  type: DocumentType;
  id: string;
}

export interface ClaimedEntry extends OutboxEntry {
  /** the outbox row */
  entry: string;
  attempts: number;
}

/** Longest wait before a failed delivery is tried again. */
const MAX_BACKOFF_SECONDS = 300;

/**
 * The transactional outbox: a write that changes a searchable document records it here in
 * the same transaction, so an engine outside the database can never miss a committed
 * change. Delivery claims entries for a while, commits, delivers, and acknowledges.
 */
@Injectable()
export class SearchOutbox {
  constructor(private readonly tx: TransactionHost) {}

  async add(entries: OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.tx.manager.query(
      `INSERT INTO search_outbox (organization_id, doc_type, doc_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[])`,
      [entries.map((e) => e.organizationId), entries.map((e) => e.type), entries.map((e) => e.id)],
    );
  }

  /**
   * Claims up to `limit` entries due for delivery for `leaseSeconds`, in their own
   * transaction. A document another claim holds is left alone, so that two instances never
   * deliver the same document at once (an older state could arrive last); claims are taken
   * one instance at a time for that check to see the others'.
   */
  claim(limit: number, leaseSeconds: number): Promise<ClaimedEntry[]> {
    return this.tx.run(async () => {
      await this.tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('search_outbox_claim'))`);
      const result = await this.tx.manager.query(
        `WITH due AS (
           SELECT o.id FROM search_outbox o
           WHERE o.available_at <= clock_timestamp()
             AND (o.claimed_until IS NULL OR o.claimed_until < clock_timestamp())
             AND NOT EXISTS (
               SELECT 1 FROM search_outbox held
               WHERE held.doc_type = o.doc_type AND held.doc_id = o.doc_id
                 AND held.claimed_until >= clock_timestamp())
           ORDER BY o.id LIMIT $1 FOR UPDATE SKIP LOCKED)
         UPDATE search_outbox o
         SET claimed_until = clock_timestamp() + make_interval(secs => $2), attempts = o.attempts + 1
         FROM due WHERE o.id = due.id
         RETURNING o.id::text AS entry, o.organization_id AS "organizationId", o.doc_type AS type,
           o.doc_id AS id, o.attempts`,
        [limit, leaseSeconds],
      );
      return returnedRows<ClaimedEntry>(result);
    });
  }

  /** Delivered: the entries are done. */
  async acknowledge(entries: ClaimedEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.tx.manager.query(`DELETE FROM search_outbox WHERE id = ANY($1::bigint[])`, [
      entries.map(({ entry }) => entry),
    ]);
  }

  /** Not delivered: offered again after a wait that doubles with each attempt (at most 5 minutes). */
  async retryLater(entries: ClaimedEntry[], error: string): Promise<void> {
    if (entries.length === 0) return;
    await this.tx.manager.query(
      `UPDATE search_outbox SET claimed_until = NULL, last_error = left($2, 1000),
         available_at = clock_timestamp() + make_interval(secs => least($3, 2 ^ least(attempts, 20)))
       WHERE id = ANY($1::bigint[])`,
      [entries.map(({ entry }) => entry), error, MAX_BACKOFF_SECONDS],
    );
  }

  /** How long the oldest waiting entry has waited, in seconds (0 when none waits). */
  async ageSeconds(): Promise<number> {
    const [row] = (await this.tx.manager.query(
      `SELECT coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0)::float AS age
       FROM search_outbox`,
    )) as { age: number }[];
    return row.age;
  }

  /** Entries waiting, for the reindex progress and the logs. */
  async size(): Promise<number> {
    const [row] = (await this.tx.manager.query(`SELECT count(*)::int AS n FROM search_outbox`)) as {
      n: number;
    }[];
    return row.n;
  }
}
