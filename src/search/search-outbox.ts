import { Injectable } from '@nestjs/common';
import { returnedRows } from '../database/returned-rows.js';
import { TransactionHost } from '../database/transaction-host.js';
import type { DocumentType } from './search-engine.js';

export interface OutboxEntry {
  organizationId: string;
  type: DocumentType;
  id: string;
}

/**
 * The transactional outbox: a write that changes a searchable document records it here in
 * the same transaction, so the index can never miss a committed change.
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

  /** Takes up to `limit` entries (skipping ones another instance holds); call inside a transaction. */
  async take(limit: number): Promise<OutboxEntry[]> {
    const result = await this.tx.manager.query(
      `WITH batch AS (SELECT id FROM search_outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       DELETE FROM search_outbox o USING batch WHERE o.id = batch.id
       RETURNING o.organization_id AS "organizationId", o.doc_type AS type, o.doc_id AS id`,
      [limit],
    );
    return returnedRows(result);
  }
}
