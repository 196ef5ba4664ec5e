import { Injectable } from '@nestjs/common';
import { Permission, allows } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { forbidden, notFound } from '../../common/graphql/errors.js';
import {
  Outcome,
  UserErrorCode,
  failure,
  success,
  userError,
} from '../../common/graphql/user-error.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { MentorRole, MentorRolesRepository } from './mentor-roles.repository.js';

/**
 * The mentor role: leads grant it to their team's members, admins to anyone, in tags and
 * with a capacity of mentees; every grant and revocation is audited and announced.
 */
@Injectable()
export class MentoringService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly roles: MentorRolesRepository,
    private readonly users: UsersService,
    private readonly events: DomainEvents,
  ) {}

  async grant(
    caller: Caller,
    userId: string,
    role: { tags: string[]; capacity: number; reason: string },
  ): Promise<Outcome<UserEntity>> {
    const user = await this.target(caller, userId);
    if (!user.active)
      return failure(
        userError(
          UserErrorCode.NOT_ALLOWED,
          'The user is deactivated; activate them first.',
          'userId',
        ),
      );
    await this.tx.run(async () => {
      await this.roles.grant({
        organizationId: caller.organizationId,
        userId,
        ...role,
        grantedBy: caller.userId,
      });
      await this.roles.audit({
        organizationId: caller.organizationId,
        userId,
        action: 'GRANTED',
        ...role,
        actorId: caller.userId,
      });
      await this.events.record({
        organizationId: caller.organizationId,
        type: 'mentor.granted',
        actorId: caller.userId,
        subjectId: userId,
        data: { tags: role.tags, capacity: role.capacity, reason: role.reason },
      });
    });
    return success(user);
  }

  async revoke(caller: Caller, userId: string, reason: string): Promise<Outcome<UserEntity>> {
    const user = await this.target(caller, userId);
    const revoked = await this.tx.run(async () => {
      const had = (await this.roles.rolesOf(caller.organizationId, [userId]))[0];
      if (!(await this.roles.revoke(caller.organizationId, userId))) return false;
      await this.roles.audit({
        organizationId: caller.organizationId,
        userId,
        action: 'REVOKED',
        tags: had?.tags ?? [],
        capacity: null,
        reason,
        actorId: caller.userId,
      });
      await this.events.record({
        organizationId: caller.organizationId,
        type: 'mentor.revoked',
        actorId: caller.userId,
        subjectId: userId,
        data: { reason },
      });
      return true;
    });
    if (!revoked)
      return failure(userError(UserErrorCode.NOT_FOUND, 'The user is not a mentor.', 'userId'));
    return success(user);
  }

  rolesOf(organizationId: string, userIds: readonly string[]): Promise<MentorRole[]> {
    return this.roles.rolesOf(organizationId, userIds);
  }

  /** A user the caller may grant the mentor role to: of their team (leads), anyone (admins). */
  private async target(caller: Caller, userId: string): Promise<UserEntity> {
    const user = await this.users.findById(caller.organizationId, userId);
    if (!user) throw notFound('user');
    if (!allows(caller, Permission.MENTOR_GRANT, { teamId: user.teamId, role: user.role }))
      throw forbidden("Leads grant and revoke the mentor role of their own team's members only.");
    return user;
  }
}
