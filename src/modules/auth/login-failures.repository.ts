import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host.js';
import { LoginFailureEntity } from './login-failure.entity.js';

export interface FailureCount {
  count: number;
  oldest: Date | null;
}

/** Failed sign-in attempts, kept for throttling; not tenant data (the account may not exist). */
@Injectable()
export class LoginFailuresRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get repo() {
    return this.tx.repository(LoginFailureEntity);
  }

  async record(account: string, address: string): Promise<void> {
    await this.repo.insert({ account, address, failedAt: new Date() });
  }

  countForAccount(account: string, address: string, since: Date): Promise<FailureCount> {
    return this.count('account = :account AND address = :address', { account, address, since });
  }

  countForAddress(address: string, since: Date): Promise<FailureCount> {
    return this.count('address = :address', { address, since });
  }

  async clearAccount(account: string, address: string): Promise<void> {
    await this.repo.delete({ account, address });
  }

  async pruneBefore(before: Date): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .delete()
      .where('failed_at < :before', { before })
      .execute();
  }

  private async count(
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
