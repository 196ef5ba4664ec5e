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
> &
  Partial<Pick<UserEntity, 'readsLanguages'>>;
export type UserChanges = Partial<
  Pick<
    UserEntity,
    | 'displayName'
    | 'role'
    | 'locale'
    | 'readsLanguages'
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

  /**
   * Of `ids`: the active users who read `language` (their locale's, or one they listed) and
   * are AVAILABLE or in AFTER_CALL_WORK as the database sees it now.
   */
  async routable(organizationId: string, ids: string[], language: string): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await this.tx.manager.query(
      `SELECT id FROM users
       WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND active
         AND effective_presence(presence, last_active_at) IN ('AVAILABLE', 'AFTER_CALL_WORK')
         AND (split_part(lower(locale), '-', 1) = $3 OR $3 = ANY(reads_languages))`,
      [organizationId, ids, language],
    );
    return rows.map((row) => row.id);
  }

  /** The active team leads of a team; the organization's admins when it has none. */
  async leadsOf(organizationId: string, teamId: string | null): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `WITH leads AS (
         SELECT id FROM users
         WHERE organization_id = $1 AND team_id = $2 AND role = 'TEAM_LEAD' AND active)
       SELECT id FROM leads
       UNION ALL
       SELECT id FROM users WHERE organization_id = $1 AND role = 'ADMIN' AND active
         AND NOT EXISTS (SELECT 1 FROM leads)`,
      [organizationId, teamId],
    );
    return rows.map((row) => row.id);
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
