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
import {
  MentorRole,
  MentorRolesRepository,
  Mentorship,
  MentorshipsRepository,
} from './mentor-roles.repository.js';

/**
 * The mentor role: leads grant it to their team's members, admins to anyone, in tags and
 * with a capacity of mentees; every grant and revocation is audited and announced.
 */
@Injectable()
export class MentoringService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly roles: MentorRolesRepository,
    private readonly pairs: MentorshipsRepository,
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

  /**
   * Pairs a mentee with a mentor in tags the mentor mentors in: leads for their team's
   * members, admins for anyone; within the mentor's capacity.
   */
  async pair(
    caller: Caller,
    menteeId: string,
    mentorId: string,
    tags: string[],
  ): Promise<Outcome<Mentorship>> {
    const mentee = await this.target(caller, menteeId);
    const mentor = await this.users.findById(caller.organizationId, mentorId);
    if (!mentor) throw notFound('user');
    const inactive = [mentee, mentor].find((user) => !user.active);
    if (inactive)
      return failure(
        userError(
          UserErrorCode.NOT_ALLOWED,
          `${inactive.displayName} is deactivated; activate them first.`,
          inactive === mentee ? 'menteeId' : 'mentorId',
        ),
      );
    return this.startPair(caller, mentee, mentor, tags);
  }

  /** The tags of `tags` a mentor mentors in, or why they cannot mentor in them. */
  async mentorTags(
    organizationId: string,
    mentor: UserEntity,
    tags: string[],
  ): Promise<Outcome<{ role: MentorRole; shared: string[] }>> {
    const role = (await this.roles.rolesOf(organizationId, [mentor.id]))[0];
    if (!role)
      return failure(
        userError(
          UserErrorCode.NOT_ALLOWED,
          `${mentor.displayName} is not a mentor: grant the mentor role first.`,
          'mentorId',
        ),
      );
    const shared = tags.filter((tag) => role.tags.includes(tag));
    if (shared.length === 0)
      return failure(
        userError(
          UserErrorCode.NOT_ALLOWED,
          `${mentor.displayName} mentors in ${role.tags.join(', ')}.`,
          'tags',
        ),
      );
    return success({ role, shared });
  }

  /**
   * Starts a mentorship in the tags the mentor mentors in, within their capacity (pairings
   * with one mentor take turns on their role's row); `then` runs in the same transaction.
   */
  async startPair(
    caller: Caller,
    mentee: UserEntity,
    mentor: UserEntity,
    tags: string[],
    then?: (started: Mentorship) => Promise<void>,
  ): Promise<Outcome<Mentorship>> {
    return this.tx.run(async (): Promise<Outcome<Mentorship>> => {
      await this.pairs.lockMentor(caller.organizationId, mentor.id);
      const allowed = await this.mentorTags(caller.organizationId, mentor, tags);
      if (!allowed.value) return failure(...allowed.userErrors);
      const { role, shared } = allowed.value;
      if ((await this.pairs.activeCount(caller.organizationId, mentor.id)) >= role.capacity)
        return failure(
          userError(
            UserErrorCode.NOT_ALLOWED,
            `${mentor.displayName} mentors ${role.capacity} people already, their capacity.`,
            'mentorId',
          ),
        );
      const started = await this.pairs.start({
        organizationId: caller.organizationId,
        mentorId: mentor.id,
        menteeId: mentee.id,
        tags: shared,
        pairedBy: caller.userId,
      });
      if (!started)
        return failure(
          userError(
            UserErrorCode.TAKEN,
            `${mentor.displayName} mentors ${mentee.displayName} already.`,
            'mentorId',
          ),
        );
      await this.events.record({
        organizationId: caller.organizationId,
        type: 'mentorship.started',
        actorId: caller.userId,
        subjectId: mentee.id,
        data: { mentorshipId: started.id, mentorId: mentor.id, tags: shared },
      });
      await then?.(started);
      return success(started);
    });
  }

  /** Ends a pair: either side, the mentee's lead, or an admin. */
  async endPair(caller: Caller, id: string): Promise<Outcome<Mentorship>> {
    const pair = await this.pairs.findById(caller.organizationId, id);
    if (!pair) throw notFound('mentorship');
    if (caller.userId !== pair.mentorId && caller.userId !== pair.menteeId)
      await this.target(caller, pair.menteeId);
    const ended = await this.tx.run(async () => {
      const done = await this.pairs.end(caller.organizationId, id, caller.userId);
      if (done)
        await this.events.record({
          organizationId: caller.organizationId,
          type: 'mentorship.ended',
          actorId: caller.userId,
          subjectId: pair.menteeId,
          data: { mentorshipId: id, mentorId: pair.mentorId },
        });
      return done;
    });
    if (!ended)
      return failure(
        userError(UserErrorCode.NOT_ALLOWED, 'The mentorship has ended already.', 'mentorshipId'),
      );
    return success(ended);
  }

  /** The asker's active mentors in any of `tags`, with the tags they share. */
  async mentorsOf(
    organizationId: string,
    menteeId: string,
    tags: string[],
  ): Promise<Map<string, string[]>> {
    const mentors = new Map<string, string[]>();
    for (const pair of await this.pairs.active(organizationId, 'mentee', [menteeId])) {
      const shared = pair.tags.filter((tag) => tags.includes(tag));
      if (shared.length) mentors.set(pair.mentorId, shared);
    }
    return mentors;
  }

  findPair(organizationId: string, id: string): Promise<Mentorship | undefined> {
    return this.pairs.findById(organizationId, id);
  }

  activePairs(
    organizationId: string,
    side: 'mentor' | 'mentee',
    userIds: readonly string[],
  ): Promise<Mentorship[]> {
    return this.pairs.active(organizationId, side, userIds);
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
