import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { CallerCache } from '../../common/auth/caller-cache.js';
import { Page, PageArgs, paginate } from '../../database/keyset.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { UserEntity } from './user.entity.js';

export interface UserFilter {
  teamId?: string;
  includeInactive: boolean;
}

export type NewUser = Pick<
  UserEntity,
  'email' | 'displayName' | 'role' | 'locale' | 'passwordHash' | 'teamId'
>;
export type UserChanges = Partial<
  Pick<
    UserEntity,
    | 'displayName'
    | 'role'
    | 'locale'
    | 'teamId'
    | 'active'
    | 'presence'
    | 'lastActiveAt'
    | 'passwordHash'
  >
> & { deactivatedAt?: () => string };

/** Users, always within one organization. */
@Injectable()
export class UsersRepository {
  constructor(
    private readonly tx: TransactionHost,
    private readonly callers: CallerCache,
  ) {}

  private get repo() {
    return this.tx.repository(UserEntity);
  }

  findById(organizationId: string, id: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ organizationId, id });
  }

  findByIds(organizationId: string, ids: readonly string[]): Promise<UserEntity[]> {
    return this.repo.findBy({ organizationId, id: In([...ids]) });
  }

  /** With the password hash, for sign-in. */
  findByEmailWithPassword(organizationId: string, email: string): Promise<UserEntity | null> {
    return this.repo
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.organizationId = :organizationId AND lower(user.email) = lower(:email)', {
        organizationId,
        email,
      })
      .getOne();
  }

  findPasswordHash(organizationId: string, id: string): Promise<string | null> {
    return this.repo
      .createQueryBuilder('user')
      .select('user.passwordHash', 'hash')
      .where('user.organizationId = :organizationId AND user.id = :id', { organizationId, id })
      .getRawOne<{ hash: string }>()
      .then((row) => row?.hash ?? null);
  }

  list(organizationId: string, filter: UserFilter, page: PageArgs): Promise<Page<UserEntity>> {
    const query = this.repo
      .createQueryBuilder('user')
      .where('user.organizationId = :organizationId', { organizationId });
    if (filter.teamId) query.andWhere('user.teamId = :teamId', { teamId: filter.teamId });
    if (!filter.includeInactive) query.andWhere('user.active');
    return paginate(query, 'user', page);
  }

  /** Marks the user active now (the idle rule reads it). */
  async touch(organizationId: string, id: string): Promise<void> {
    // not an edit of the user: updated_at stays
    await this.tx.manager.query(
      `UPDATE users SET last_active_at = now() WHERE organization_id = $1 AND id = $2`,
      [organizationId, id],
    );
  }

  /** Ids of the team's members, deactivated ones included. */
  async memberIds(organizationId: string, teamId: string): Promise<string[]> {
    const rows = await this.repo.find({ select: { id: true }, where: { organizationId, teamId } });
    return rows.map((row) => row.id);
  }

  /** The new user, or null when the email is taken in the organization. */
  async create(organizationId: string, user: NewUser): Promise<UserEntity | null> {
    try {
      const saved = await this.repo.save(this.repo.create({ ...user, organizationId }));
      return await this.findById(organizationId, saved.id);
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async update(
    organizationId: string,
    id: string,
    changes: UserChanges,
  ): Promise<UserEntity | null> {
    await this.repo.update({ organizationId, id }, changes);
    // What a signed-in caller carries: their sessions must be read afresh.
    if (
      changes.role !== undefined ||
      changes.teamId !== undefined ||
      changes.active !== undefined
    ) {
      await this.callers.changed({ userId: id });
    }
    return this.findById(organizationId, id);
  }
}
