import { Injectable } from '@nestjs/common';
import { hashPassword, passwordProblem } from '../../common/auth/passwords.js';
import { Permission, allows } from '../../common/auth/policy.js';
import { Role } from '../../common/auth/role.js';
import type { Caller } from '../../common/context/request-context.js';
import { forbidden, notFound } from '../../common/graphql/errors.js';
import {
  Outcome,
  UserErrorCode,
  failure,
  success,
  userError,
} from '../../common/graphql/user-error.js';
import { Page, PageArgs } from '../../database/keyset.js';
import { TeamsService } from '../teams/teams.service.js';
import { Presence } from './presence.js';
import { UserEntity } from './user.entity.js';
import { UserChanges, UserFilter, UsersRepository } from './users.repository.js';

export interface NewUserDetails {
  email: string;
  displayName: string;
  role: Role;
  password: string;
  teamId?: string | null;
  locale?: string;
  /** languages read besides the locale's */
  readsLanguages?: string[];
}

export interface UserUpdate {
  displayName?: string;
  locale?: string;
  readsLanguages?: string[];
  role?: Role;
  /** null takes the user off their team */
  teamId?: string | null;
}

/** How often a user's last activity is written, at most. */
const ACTIVITY_WRITE_INTERVAL_MS = 60_000;

/** The database's clock, which also stamps sessions, decides which sessions came before. */
const DEACTIVATED: UserChanges = {
  active: false,
  presence: Presence.OFFLINE,
  deactivatedAt: () => 'clock_timestamp()',
};

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly teams: TeamsService,
  ) {}

  findById(organizationId: string, id: string): Promise<UserEntity | null> {
    return this.users.findById(organizationId, id);
  }

  findByIds(organizationId: string, ids: readonly string[]): Promise<UserEntity[]> {
    return this.users.findByIds(organizationId, ids);
  }

  findByEmailWithPassword(organizationId: string, email: string): Promise<UserEntity | null> {
    return this.users.findByEmailWithPassword(organizationId, email.trim());
  }

  findPasswordHash(organizationId: string, id: string): Promise<string | null> {
    return this.users.findPasswordHash(organizationId, id);
  }

  /** Of `ids`: who can take a question in `language` now (active, available, reading it). */
  routable(organizationId: string, ids: string[], language: string): Promise<string[]> {
    return this.users.routable(organizationId, ids, language);
  }

  /** Who a team's questions escalate to: its leads, or the admins when it has none. */
  leadsOf(organizationId: string, teamId: string | null): Promise<string[]> {
    return this.users.leadsOf(organizationId, teamId);
  }

  memberIds(organizationId: string, teamId: string): Promise<string[]> {
    return this.users.memberIds(organizationId, teamId);
  }

  list(organizationId: string, filter: UserFilter, page: PageArgs): Promise<Page<UserEntity>> {
    return this.users.list(organizationId, filter, page);
  }

  async create(organizationId: string, details: NewUserDetails): Promise<Outcome<UserEntity>> {
    const { email, displayName } = details;
    const problem = await passwordProblem(details.password, [details.email, details.displayName]);
    if (problem) return failure(userError(UserErrorCode.INVALID, problem, 'password'));
    if (details.teamId && !(await this.teams.findById(organizationId, details.teamId))) {
      return failure(userError(UserErrorCode.NOT_FOUND, 'No team with that id.', 'teamId'));
    }
    const created = await this.users.create(organizationId, {
      email,
      displayName,
      role: details.role,
      locale: details.locale ?? 'en',
      readsLanguages: details.readsLanguages ?? [],
      teamId: details.teamId ?? null,
      passwordHash: await hashPassword(details.password),
    });
    if (!created) {
      return failure(
        userError(
          UserErrorCode.TAKEN,
          `A user with email ${email} already exists in this organization.`,
          'email',
        ),
      );
    }
    return success(created);
  }

  /**
   * Admins change anything; leads change the name and locale of their team's members;
   * everyone changes their own name and locale.
   */
  async update(caller: Caller, id: string, update: UserUpdate): Promise<Outcome<UserEntity>> {
    const user = await this.users.findById(caller.organizationId, id);
    if (!user) throw notFound('user');
    const target = { userId: id, teamId: user.teamId, role: user.role };
    if (!allows(caller, Permission.USER_UPDATE_PROFILE, target)) {
      throw forbidden(
        'You can change only yourself and, as a team lead, the members of your team.',
      );
    }
    const changesRoleOrTeam = update.role !== undefined || update.teamId !== undefined;
    if (changesRoleOrTeam && !allows(caller, Permission.USER_UPDATE_ROLE, target))
      throw forbidden("Only admins change a user's role or team.");
    if (update.role !== undefined && update.role !== user.role && caller.userId === id) {
      return failure(
        userError(
          UserErrorCode.NOT_ALLOWED,
          'You cannot change your own role; ask another admin.',
          'role',
        ),
      );
    }
    if (update.teamId && !(await this.teams.findById(caller.organizationId, update.teamId))) {
      return failure(userError(UserErrorCode.NOT_FOUND, 'No team with that id.', 'teamId'));
    }
    const changes: UserChanges = {};
    if (update.displayName !== undefined) changes.displayName = update.displayName;
    if (update.locale !== undefined) changes.locale = update.locale;
    if (update.readsLanguages !== undefined)
      changes.readsLanguages = [...new Set(update.readsLanguages.map((l) => l.toLowerCase()))];
    if (update.role !== undefined) changes.role = update.role;
    if (update.teamId !== undefined) changes.teamId = update.teamId;
    return success((await this.users.update(caller.organizationId, id, changes))!);
  }

  /** Deactivated users cannot sign in, and their tokens stop working at once. */
  async setActive(caller: Caller, id: string, active: boolean): Promise<Outcome<UserEntity>> {
    const user = await this.users.findById(caller.organizationId, id);
    if (!user) throw notFound('user');
    if (
      !allows(caller, Permission.USER_ACTIVATE, {
        userId: id,
        teamId: user.teamId,
        role: user.role,
      })
    )
      throw forbidden('Only admins deactivate and reactivate users.');
    if (caller.userId === id) {
      return failure(
        userError(
          UserErrorCode.NOT_ALLOWED,
          'You cannot deactivate yourself; ask another admin.',
          'id',
        ),
      );
    }
    const changes: UserChanges = active ? { active } : DEACTIVATED;
    return success((await this.users.update(caller.organizationId, id, changes))!);
  }

  /** Deactivates without a caller (the command line, system accounts). */
  async deactivate(organizationId: string, id: string): Promise<void> {
    await this.users.update(organizationId, id, DEACTIVATED);
  }

  /** A signed-in user was seen: their last activity is written, at most once a minute. */
  async noteActivity(organizationId: string, id: string, lastActiveAt: Date | null): Promise<void> {
    if (lastActiveAt && Date.now() - lastActiveAt.getTime() < ACTIVITY_WRITE_INTERVAL_MS) return;
    await this.users.touch(organizationId, id);
  }

  /** The caller sets their own presence; integrations and admins set anyone's in the organization. */
  async setPresenceOf(
    caller: Caller,
    id: string,
    presence: Presence,
  ): Promise<Outcome<UserEntity>> {
    if (!allows(caller, Permission.PRESENCE_SET, { userId: id }))
      throw forbidden(
        "Only the phone system's integration and admins set another user's presence.",
      );
    const user = await this.users.findById(caller.organizationId, id);
    if (!user) throw notFound('user');
    if (!user.active)
      return failure(
        userError(
          UserErrorCode.NOT_ALLOWED,
          'The user is deactivated; activate them first.',
          'userId',
        ),
      );
    return success(await this.setPresence(caller.organizationId, id, presence));
  }

  async setPresence(organizationId: string, id: string, presence: Presence): Promise<UserEntity> {
    const user = await this.users.update(organizationId, id, {
      presence,
      lastActiveAt: new Date(),
    });
    if (!user) throw notFound('user');
    return user;
  }

  async setPassword(
    organizationId: string,
    id: string,
    password: string,
  ): Promise<Outcome<UserEntity>> {
    const current = await this.users.findById(organizationId, id);
    if (!current) throw notFound('user');
    const problem = await passwordProblem(password, [current.email, current.displayName]);
    if (problem) return failure(userError(UserErrorCode.INVALID, problem, 'newPassword'));
    const user = await this.users.update(organizationId, id, {
      passwordHash: await hashPassword(password),
    });
    if (!user) throw notFound('user');
    return success(user);
  }
}
