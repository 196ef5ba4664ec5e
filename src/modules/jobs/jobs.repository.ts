import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';

/** A piece of timed work: the row is the truth, whoever runs it. */
export interface Job {
  id: string;
  organizationId: string;
  kind: string;
  key: string;
  runAt: Date;
  data: Record<string, unknown>;
  attempts: number;
}

@Injectable()
export class JobsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Adds the job, or moves the one with the same kind and key to the new time and data. */
  async upsert(job: Omit<Job, 'id' | 'attempts'>): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO jobs (organization_id, kind, key, run_at, data) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (kind, key) DO UPDATE SET run_at = excluded.run_at, data = excluded.data,
         attempts = 0, last_error = NULL`,
      [job.organizationId, job.kind, job.key, job.runAt, JSON.stringify(job.data)],
    );
  }

  /** Adds the job unless one with the same kind and key is waiting; true when added. */
  async addIfAbsent(job: Omit<Job, 'id' | 'attempts'>): Promise<boolean> {
    const rows = await this.tx.manager.query(
      `INSERT INTO jobs (organization_id, kind, key, run_at, data) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (kind, key) DO NOTHING RETURNING id`,
      [job.organizationId, job.kind, job.key, job.runAt, JSON.stringify(job.data)],
    );
    return rows.length > 0;
  }

  async remove(kind: string, key: string): Promise<void> {
    await this.tx.manager.query(`DELETE FROM jobs WHERE kind = $1 AND key = $2`, [kind, key]);
  }

  /** Locks one due job for this transaction, skipping those other instances hold. */
  async takeDue(): Promise<Job | null> {
    const [row] = await this.tx.manager.query(
      `SELECT id::text, organization_id AS "organizationId", kind, key, run_at AS "runAt", data, attempts
       FROM jobs WHERE run_at <= clock_timestamp() ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    return row ?? null;
  }

  async delete(id: string): Promise<void> {
    await this.tx.manager.query(`DELETE FROM jobs WHERE id = $1`, [id]);
  }

  async postpone(id: string, runAt: Date, error: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE jobs SET run_at = $2, attempts = attempts + 1, last_error = $3 WHERE id = $1`,
      [id, runAt, error.slice(0, 2000)],
    );
  }

  /** When the next job is due, if any. */
  async nextRunAt(): Promise<Date | null> {
    const [row] = await this.tx.manager.query(`SELECT min(run_at) AS "runAt" FROM jobs`);
    return row?.runAt ?? null;
  }
}
