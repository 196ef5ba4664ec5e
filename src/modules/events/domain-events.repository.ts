import { Injectable } from '@nestjs/common';
import { returnedRows } from '../../database/returned-rows.js';
import { TransactionHost } from '../../database/transaction-host.js';
import type { DomainEvent, DomainEventType, NewDomainEvent } from './domain-event.js';

/** Where a consumer has read up to: events are ordered by (transaction, id). */
export interface ConsumerPosition {
  transactionId: string;
  eventId: string;
}

/** A consumer's position, and whether it waits before trying again after a failure. */
export interface LockedConsumer extends ConsumerPosition {
  waiting: boolean;
}

const COLUMNS = `id::text, organization_id AS "organizationId", type, actor_id AS "actorId",
  subject_id AS "subjectId", data, occurred_at AS "occurredAt"`;

/** The append-only domain-event log and its consumers' positions. */
@Injectable()
export class DomainEventsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async append(events: NewDomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.tx.manager.query(
      `INSERT INTO domain_events (organization_id, type, actor_id, subject_id, data)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::jsonb[])`,
      [
        events.map((e) => e.organizationId),
        events.map((e) => e.type),
        events.map((e) => e.actorId ?? null),
        events.map((e) => e.subjectId),
        events.map((e) => JSON.stringify(e.data ?? {})),
      ],
    );
  }

  /** Whether `actorId` did `type` to `subjectId` after `since`. */
  async happenedSince(
    organizationId: string,
    subjectId: string,
    actorId: string,
    type: DomainEventType,
    since: Date,
  ): Promise<boolean> {
    const rows = await this.tx.manager.query(
      `SELECT 1 FROM domain_events
       WHERE organization_id = $1 AND subject_id = $2 AND occurred_at > $5
         AND actor_id = $3 AND type = $4 LIMIT 1`,
      [organizationId, subjectId, actorId, type, since],
    );
    return rows.length > 0;
  }

  async byId(organizationId: string, id: string): Promise<DomainEvent | null> {
    const [row] = await this.tx.manager.query(
      `SELECT ${COLUMNS} FROM domain_events WHERE organization_id = $1 AND id = $2`,
      [organizationId, id],
    );
    return row ?? null;
  }

  /** Everything that happened to one subject, oldest first. */
  about(organizationId: string, subjectId: string, limit: number): Promise<DomainEvent[]> {
    return this.tx.manager.query(
      `SELECT ${COLUMNS} FROM domain_events WHERE organization_id = $1 AND subject_id = $2
       ORDER BY occurred_at, id LIMIT $3`,
      [organizationId, subjectId, limit],
    );
  }

  /** Events of these types, newest first, about `subjectIds` when given. */
  recent(
    organizationId: string,
    types: DomainEventType[],
    subjectIds: string[] | null,
    offset: number,
    limit: number,
  ): Promise<DomainEvent[]> {
    return this.tx.manager.query(
      `SELECT ${COLUMNS} FROM domain_events
       WHERE organization_id = $1 AND type = ANY($2::text[])
         AND ($3::uuid[] IS NULL OR subject_id = ANY($3::uuid[]))
       ORDER BY occurred_at DESC, id DESC OFFSET $4 LIMIT $5`,
      [organizationId, types, subjectIds, offset, limit],
    );
  }

  /** Events of these types in an organization since a time, oldest first. */
  since(
    organizationId: string,
    types: DomainEventType[],
    since: Date,
    limit: number,
  ): Promise<DomainEvent[]> {
    return this.tx.manager.query(
      `SELECT ${COLUMNS} FROM domain_events
       WHERE organization_id = $1 AND occurred_at > $2 AND type = ANY($3::text[])
       ORDER BY occurred_at, id LIMIT $4`,
      [organizationId, since, types, limit],
    );
  }

  /**
   * The oldest transaction still running (as text): every event of an older transaction is
   * committed or gone. Read it first in a transaction, before this one has an id of its own.
   */
  async horizon(): Promise<string> {
    const [row] = await this.tx.manager.query(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`,
    );
    return row.horizon;
  }

  /** Creates the consumer's position if it has none: at the start of the log, or at its end. */
  async addConsumer(name: string, from: 'start' | 'now'): Promise<void> {
    await this.tx.manager.query(
      from === 'start'
        ? `INSERT INTO event_consumers (name, transaction_id, event_id) VALUES ($1, '0', 0)
           ON CONFLICT DO NOTHING`
        : `INSERT INTO event_consumers (name, transaction_id, event_id)
           SELECT $1, pg_current_xact_id(), COALESCE(max(id), 0) FROM domain_events
           ON CONFLICT DO NOTHING`,
      [name],
    );
  }

  /**
   * Takes the consumer for this transaction and reads its position; null while another
   * instance holds it. An advisory lock, not a row lock: it gives the transaction no id, so
   * a consumer at work does not hold back the horizon that every consumer reads up to.
   */
  async lockConsumer(name: string): Promise<LockedConsumer | null> {
    const [row] = await this.tx.manager.query(
      `SELECT transaction_id::text AS "transactionId", event_id::text AS "eventId",
         coalesce(retry_at > clock_timestamp(), false) AS waiting
       FROM event_consumers
       WHERE name = $1 AND pg_try_advisory_xact_lock(hashtext('floorwalker.consumer'), hashtext($1))`,
      [name],
    );
    return row
      ? { transactionId: row.transactionId, eventId: row.eventId, waiting: row.waiting }
      : null;
  }

  /**
   * Counts a failure of the consumer on its next event and has it wait before the next try
   * (1, 2, 4 … seconds); returns how many times in a row it failed.
   */
  async recordFailure(name: string, error: string): Promise<number> {
    const [row] = returnedRows<{ failures: number }>(
      await this.tx.manager.query(
        `UPDATE event_consumers SET failures = failures + 1, last_error = left($2, 2000),
           retry_at = clock_timestamp() + make_interval(secs => least(2 ^ failures, 300))
         WHERE name = $1 RETURNING failures`,
        [name, error],
      ),
    );
    return row.failures;
  }

  /** Sets an event the consumer keeps failing on aside, with its error. */
  async park(name: string, eventId: string, error: string, attempts: number): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO parked_events (consumer, event_id, error, attempts) VALUES ($1, $2, left($3, 2000), $4)
       ON CONFLICT DO NOTHING`,
      [name, eventId, error, attempts],
    );
  }

  /** Whether events after `position` wait for older transactions to end (committed, not yet readable). */
  async heldBack(position: ConsumerPosition, horizon: string): Promise<boolean> {
    const rows = await this.tx.manager.query(
      `SELECT 1 FROM domain_events
       WHERE (transaction_id, id) > ($1::xid8, $2::bigint) AND transaction_id >= $3::xid8 LIMIT 1`,
      [position.transactionId, position.eventId, horizon],
    );
    return rows.length > 0;
  }

  /** Events after `position` of transactions older than `horizon`, in log order. */
  after(position: ConsumerPosition, horizon: string, limit: number): Promise<DomainEvent[]> {
    return this.tx.manager.query(
      `SELECT ${COLUMNS}, transaction_id::text AS "transactionId" FROM domain_events
       WHERE (transaction_id, id) > ($1::xid8, $2::bigint) AND transaction_id < $3::xid8
       ORDER BY transaction_id, id LIMIT $4`,
      [position.transactionId, position.eventId, horizon, limit],
    );
  }

  async moveConsumer(name: string, position: ConsumerPosition): Promise<void> {
    await this.tx.manager.query(
      `UPDATE event_consumers SET transaction_id = $2::xid8, event_id = $3, updated_at = clock_timestamp(),
         failures = 0, retry_at = NULL, last_error = NULL
       WHERE name = $1`,
      [name, position.transactionId, position.eventId],
    );
  }
}
