import { Injectable } from '@nestjs/common';
import type { DocumentType } from '../../search/search-engine.js';
import { returnedRows } from '../../database/returned-rows.js';
import { TransactionHost } from '../../database/transaction-host.js';

export interface SearchLogEntry {
  id: string;
  organizationId: string;
  userId: string;
  typingSession: string | null;
  query: string;
  normalized: string;
  resultCount: number;
  tookMs: number;
  /** when the search ran: the log is written later, in batches, and a burst's last query must stay last */
  searchedAt: Date;
}

export interface SearchGapRow {
  query: string;
  searches: number;
  withoutResults: number;
  askedAfter: number;
  lastSearchedAt: Date;
}

/** The search log (kept for the organization's retention period) and clicks on results. */
@Injectable()
export class SearchLogRepository {
  constructor(private readonly tx: TransactionHost) {}

  async addMany(entries: SearchLogEntry[]): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO search_log (id, organization_id, user_id, typing_session, query, normalized, result_count, took_ms, created_at)
       SELECT * FROM json_to_recordset($1::json) AS e(id uuid, "organizationId" uuid, "userId" uuid,
         "typingSession" text, query text, normalized text, "resultCount" int, "tookMs" real,
         "searchedAt" timestamptz)`,
      [JSON.stringify(entries)],
    );
  }

  /** Records a click on a result of the caller's own search; false when there is no such search. */
  async addClick(
    organizationId: string,
    userId: string,
    searchId: string,
    result: { type: DocumentType; id: string },
    position: number | null,
  ): Promise<boolean> {
    const updated = await this.tx.manager.query(
      `UPDATE search_log SET clicked = true WHERE id = $1 AND organization_id = $2 AND user_id = $3 RETURNING id`,
      [searchId, organizationId, userId],
    );
    if (returnedRows(updated).length === 0) return false;
    await this.tx.manager.query(
      `INSERT INTO search_clicks (organization_id, search_id, doc_type, doc_id, position)
       VALUES ($1, $2, $3, $4, $5)`,
      [organizationId, searchId, result.type, result.id, position],
    );
    return true;
  }

  /**
   * The most frequent searches with no result or no click: a burst of keystrokes (one typing
   * session) counts once, as its last query. Aggregated over the organization, or over the
   * searches of `searchers` when given.
   */
  gaps(
    organizationId: string,
    searchers: string[] | null,
    since: Date,
    until: Date,
    first: number,
  ): Promise<SearchGapRow[]> {
    return this.tx.manager.query(
      `WITH last AS (
         SELECT DISTINCT ON (user_id, coalesce(typing_session, id::text))
           user_id, coalesce(typing_session, id::text) AS burst, normalized, result_count, clicked, created_at
         FROM search_log
         WHERE organization_id = $1 AND created_at >= $2 AND created_at < $3
           AND ($5::uuid[] IS NULL OR user_id = ANY($5::uuid[]))
         ORDER BY user_id, coalesce(typing_session, id::text), created_at DESC),
       -- bursts after which the searcher asked the experts (a question names its search)
       asked AS (
         SELECT DISTINCT s.user_id, coalesce(s.typing_session, s.id::text) AS burst
         FROM questions q JOIN search_log s
           ON s.organization_id = q.organization_id AND s.id = q.from_search_id AND s.user_id = q.asker_id
         WHERE q.organization_id = $1 AND q.created_at >= $2)
       SELECT normalized AS query, count(*)::int AS searches,
         count(*) FILTER (WHERE result_count = 0)::int AS "withoutResults",
         count(a.burst)::int AS "askedAfter",
         max(created_at) AS "lastSearchedAt"
       FROM last LEFT JOIN asked a ON a.user_id = last.user_id AND a.burst = last.burst
       WHERE (result_count = 0 OR NOT clicked) AND normalized <> ''
       GROUP BY normalized ORDER BY searches DESC, query LIMIT $4`,
      [organizationId, since, until, first, searchers],
    );
  }

  /** Deletes log entries older than each organization's retention period; returns how many. */
  async prune(): Promise<number> {
    const rows = await this.tx.manager.query(
      `DELETE FROM search_log l USING organizations o
       WHERE o.id = l.organization_id AND l.created_at < now() - make_interval(days => o.search_log_retention_days)
       RETURNING l.id`,
    );
    return returnedRows(rows).length;
  }
}
