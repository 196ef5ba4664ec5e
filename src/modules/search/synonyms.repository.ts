import { Injectable } from '@nestjs/common';
import { returnedRows } from '../../database/returned-rows.js';
import { TransactionHost } from '../../database/transaction-host.js';

export interface SynonymGroup {
  id: string;
  terms: string[];
}

/** Organization synonyms: each group's terms find each other ("refund" ≈ "reimbursement"). */
@Injectable()
export class SynonymsRepository {
  constructor(private readonly tx: TransactionHost) {}

  list(organizationId: string): Promise<SynonymGroup[]> {
    return this.tx.manager.query(
      `SELECT id, terms FROM search_synonyms WHERE organization_id = $1 ORDER BY created_at, id`,
      [organizationId],
    );
  }

  async add(organizationId: string, terms: string[]): Promise<SynonymGroup> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO search_synonyms (organization_id, terms) VALUES ($1, $2) RETURNING id, terms`,
      [organizationId, terms],
    );
    return row;
  }

  async remove(organizationId: string, id: string): Promise<boolean> {
    const rows = await this.tx.manager.query(
      `DELETE FROM search_synonyms WHERE organization_id = $1 AND id = $2 RETURNING id`,
      [organizationId, id],
    );
    return returnedRows(rows).length > 0;
  }
}
