import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import { LoginFailureEntity } from './login-failure.entity.js';

export interface FailureCount {
  count: number;
  oldest: Date | null;
}

/**
 * Failed sign-in attempts, kept for throttling: per known account (organization/user id)
 * and address, or per address for accounts that do not exist. Not tenant data.
 */
@Injectable()
export class LoginFailuresRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get repo() {
    return this.tx.repository(LoginFailureEntity);
  }

  async record(account: string, address: string): Promise<void> {
    await this.repo.insert({ account, address, failedAt: new Date() });
  }

  count(account: string, address: string, since: Date): Promise<FailureCount> {
    return this.countWhere('account = :account AND address = :address', {
      account,
      address,
      since,
    });
  }

  /** Forgets the account's failures: from one address after a sign-in, from all after a reset. */
  async clear(account: string, address?: string): Promise<void> {
    await this.repo.delete(address === undefined ? { account } : { account, address });
  }

  async pruneBefore(before: Date): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .delete()
      .where('failed_at < :before', { before })
      .execute();
  }

  private async countWhere(
    condition: string,
    parameters: Record<string, unknown>,
  ): Promise<FailureCount> {
    const row = await this.repo
      .createQueryBuilder('failure')
      .select('count(*)::int', 'count')
      .addSelect('min(failure.failed_at)', 'oldest')
      .where(`${condition} AND failed_at >= :since`, parameters)
      .getRawOne<{ count: number; oldest: Date | null }>();
    return { count: row?.count ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
  }
}
