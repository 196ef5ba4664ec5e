import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';

const TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  constructor(private readonly tx: TransactionHost) {}

  async databaseReachable(): Promise<boolean> {
    const timeout = new Promise<false>((resolve) => setTimeout(resolve, TIMEOUT_MS, false).unref());
    const query = this.tx.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    return Promise.race([query, timeout]);
  }
}
