import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host.js';
import type { DocumentType, SearchDocument } from './search-engine.js';
import type { OutboxEntry } from './search-outbox.js';

/** A reindex this old is taken to have died with its process, and another may start. */
const ABANDONED_AFTER_HOURS = 6;

/**
 * The bookkeeping of a Meilisearch reindex (at most one at a time, across instances): which
 * one is in progress, the documents delivered while it runs, and what the copy reads — the
 * database's own search documents, which are always complete and current.
 */
@Injectable()
export class SearchReindexes {
  constructor(private readonly tx: TransactionHost) {}

  /** Registers a reindex; false when another one is in progress. */
  async start(suffix: string): Promise<boolean> {
    await this.tx.manager.query(
      `DELETE FROM search_reindexes
       WHERE started_at < clock_timestamp() - make_interval(hours => $1)`,
      [ABANDONED_AFTER_HOURS],
    );
    const rows = (await this.tx.manager.query(
      `INSERT INTO search_reindexes (suffix) VALUES ($1) ON CONFLICT DO NOTHING RETURNING suffix`,
      [suffix],
    )) as unknown[];
    return rows.length === 1;
  }

  /** The suffix of the reindex in progress, if any. */
  async current(): Promise<string | null> {
    const [row] = (await this.tx.manager.query(`SELECT suffix FROM search_reindexes`)) as {
      suffix: string;
    }[];
    return row?.suffix ?? null;
  }

  /** Documents delivered while the reindex runs: they are sent again before the swap. */
  async touch(suffix: string, entries: OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.tx.manager.query(
      `INSERT INTO search_reindex_touched (suffix, organization_id, doc_type, doc_id)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::uuid[])
       WHERE EXISTS (SELECT 1 FROM search_reindexes WHERE suffix = $1)
       ON CONFLICT DO NOTHING`,
      [
        suffix,
        entries.map((e) => e.organizationId),
        entries.map((e) => e.type),
        entries.map((e) => e.id),
      ],
    );
  }

  /**
   * Queues for delivery every document written since the reindex started, and every one
   * delivered meanwhile (deletions among them); returns how many.
   */
  async requeueChanged(suffix: string): Promise<number> {
    const rows = (await this.tx.manager.query(
      `INSERT INTO search_outbox (organization_id, doc_type, doc_id)
       SELECT organization_id, doc_type, doc_id FROM search_reindex_touched WHERE suffix = $1
       UNION
       SELECT d.organization_id, d.doc_type, d.doc_id FROM search_documents d
       WHERE d.indexed_at >= (SELECT started_at FROM search_reindexes WHERE suffix = $1)
       RETURNING id`,
      [suffix],
    )) as unknown[];
    return rows.length;
  }

  async finish(suffix: string): Promise<void> {
    await this.tx.manager.query(`DELETE FROM search_reindexes WHERE suffix = $1`, [suffix]);
  }

  async documentCount(): Promise<number> {
    const [row] = (await this.tx.manager.query(
      `SELECT count(*)::int AS n FROM search_documents`,
    )) as { n: number }[];
    return row.n;
  }

  /** The next `limit` search documents after `after`, in key order (the copy's pages). */
  async documentsAfter(
    after: { organizationId: string; type: DocumentType; id: string } | null,
    limit: number,
  ): Promise<SearchDocument[]> {
    const rows = (await this.tx.manager.query(
      `SELECT organization_id, doc_type, doc_id, language, status, tags, title, body, reuse, fresh_at
       FROM search_documents
       WHERE $1::uuid IS NULL OR (organization_id, doc_type, doc_id) > ($1::uuid, $2::text, $3::uuid)
       ORDER BY organization_id, doc_type, doc_id LIMIT $4`,
      [after?.organizationId ?? null, after?.type ?? null, after?.id ?? null, limit],
    )) as {
      organization_id: string;
      doc_type: DocumentType;
      doc_id: string;
      language: string;
      status: string;
      tags: string[];
      title: string;
      body: string;
      reuse: number;
      fresh_at: Date;
    }[];
    return rows.map((row) => ({
      organizationId: row.organization_id,
      type: row.doc_type,
      id: row.doc_id,
      language: row.language,
      status: row.status,
      tags: row.tags,
      title: row.title,
      body: row.body,
      reuse: row.reuse,
      freshAt: new Date(row.fresh_at),
    }));
  }
}
