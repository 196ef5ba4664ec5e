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
import { QuestionsService } from '../questions/questions.service.js';
import { TipsService } from '../tips/tips.service.js';
import { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { CoachingSession, CoachingSessionsRepository } from './coaching-sessions.repository.js';
import { MentorRolesRepository, MentorshipsRepository } from './mentor-roles.repository.js';
import { ShiftSchedulesRepository } from './shift-schedules.repository.js';
import { ShiftSchedule, scheduleProblem, weeklyOverlapMinutes } from './shifts.js';

export interface MentorSuggestion {
  mentorId: string;
  tags: string[];
  overlapMinutes: number | null;
  activeMentees: number;
  capacity: number;
}

/** How far in the past and future a coaching session may be dated. */
const SESSION_WINDOW_MS = 366 * 86_400_000;

/**
 * Remote coaching: shift schedules, mentors suggested by shared hours and free capacity,
 * and the check-ins a mentor or lead records with a mentee.
 */
@Injectable()
export class CoachingService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly schedules: ShiftSchedulesRepository,
    private readonly sessions: CoachingSessionsRepository,
    private readonly roles: MentorRolesRepository,
    private readonly pairs: MentorshipsRepository,
    private readonly users: UsersService,
    private readonly tips: TipsService,
    private readonly questions: QuestionsService,
    private readonly events: DomainEvents,
  ) {}

  /** One's own schedule, a team member's (leads) or anyone's (admins). */
  async setSchedule(
    caller: Caller,
    userId: string,
    schedule: ShiftSchedule,
  ): Promise<Outcome<UserEntity>> {
    const user = await this.users.findById(caller.organizationId, userId);
    if (!user) throw notFound('user');
    if (
      !allows(caller, Permission.USER_UPDATE_PROFILE, {
        userId: user.id,
        teamId: user.teamId,
        role: user.role,
      })
    )
      throw forbidden("Set your own shifts; leads set their team's.");
    const problem = scheduleProblem(schedule);
    if (problem) return failure(userError(UserErrorCode.INVALID, problem, 'shifts'));
    await this.schedules.set(caller.organizationId, userId, schedule);
    return success(user);
  }

  schedulesOf(organizationId: string, userIds: readonly string[]) {
    return this.schedules.of(organizationId, userIds);
  }

  /**
   * Mentors a mentee could ask (or be paired with): holding the role in one of `tags` (any
   * tag when none given), under capacity, not their mentor already; most shared shift time
   * first, then more shared tags, more free places, and name.
   */
  async suggestions(
    caller: Caller,
    menteeId: string,
    tags: string[],
    limit: number,
  ): Promise<MentorSuggestion[]> {
    const mentee = await this.users.findById(caller.organizationId, menteeId);
    if (!mentee) throw notFound('user');
    if (
      mentee.id !== caller.userId &&
      !allows(caller, Permission.MENTOR_GRANT, { teamId: mentee.teamId, role: mentee.role })
    )
      throw forbidden('Mentor suggestions are for the mentee, their leads and admins.');
    const roles = (await this.roles.inTags(caller.organizationId, tags)).filter(
      (role) => role.userId !== mentee.id,
    );
    const mentorIds = roles.map((role) => role.userId);
    const [load, current, people, schedules] = await Promise.all([
      this.pairs.activeCounts(caller.organizationId, mentorIds),
      this.pairs.active(caller.organizationId, 'mentee', [mentee.id]),
      this.users.findByIds(caller.organizationId, mentorIds),
      this.schedules.of(caller.organizationId, [mentee.id, ...mentorIds]),
    ]);
    const taken = new Set(current.map((pair) => pair.mentorId));
    const active = new Map(people.filter((user) => user.active).map((user) => [user.id, user]));
    const own = schedules.get(mentee.id);
    const now = new Date();
    const suggestions = roles
      .filter((role) => active.has(role.userId) && !taken.has(role.userId))
      .map((role) => {
        const theirs = schedules.get(role.userId);
        return {
          mentorId: role.userId,
          tags: tags.length ? role.tags.filter((tag) => tags.includes(tag)) : role.tags,
          overlapMinutes: own && theirs ? weeklyOverlapMinutes(own, theirs, now) : null,
          activeMentees: load.get(role.userId) ?? 0,
          capacity: role.capacity,
        };
      })
      .filter((suggestion) => suggestion.activeMentees < suggestion.capacity);
    const name = (id: string) => active.get(id)!.displayName;
    return suggestions
      .sort(
        (a, b) =>
          (b.overlapMinutes ?? -1) - (a.overlapMinutes ?? -1) ||
          b.tags.length - a.tags.length ||
          b.capacity - b.activeMentees - (a.capacity - a.activeMentees) ||
          name(a.mentorId).localeCompare(name(b.mentorId)) ||
          a.mentorId.localeCompare(b.mentorId),
      )
      .slice(0, limit);
  }

  /**
   * Records a check-in: by the mentee's active mentor, their lead, or an admin. Linked tips
   * and questions must be ones the coach can see; the mentee is notified.
   */
  async record(
    caller: Caller,
    menteeId: string,
    session: Pick<CoachingSession, 'heldAt' | 'notes' | 'tipIds' | 'questionIds'>,
  ): Promise<Outcome<CoachingSession>> {
    const mentee = await this.users.findById(caller.organizationId, menteeId);
    if (!mentee) throw notFound('user');
    if (mentee.id === caller.userId)
      return failure(
        userError(
          UserErrorCode.NOT_ALLOWED,
          'A coaching session is with someone else.',
          'menteeId',
        ),
      );
    if (!(await this.mayCoach(caller, mentee)))
      throw forbidden(
        "Coaching sessions are recorded by the mentee's mentor, their lead or an admin.",
      );
    if (Math.abs(session.heldAt.getTime() - Date.now()) > SESSION_WINDOW_MS)
      return failure(
        userError(
          UserErrorCode.INVALID,
          'Give the date of the session, within a year of today.',
          'heldAt',
        ),
      );
    const tips = await this.tips.findByIds(caller.organizationId, session.tipIds);
    if (
      tips.length !== session.tipIds.length ||
      !tips.every((tip) => this.tips.canSee(caller, tip))
    )
      return failure(userError(UserErrorCode.NOT_FOUND, 'No such tip.', 'tipIds'));
    const questions = await this.questions.findByIds(caller.organizationId, session.questionIds);
    if (questions.length !== session.questionIds.length)
      return failure(userError(UserErrorCode.NOT_FOUND, 'No such question.', 'questionIds'));
    const recorded = await this.tx.run(async () => {
      const added = await this.sessions.add({
        organizationId: caller.organizationId,
        menteeId: mentee.id,
        coachId: caller.userId,
        ...session,
      });
      await this.events.record({
        organizationId: caller.organizationId,
        type: 'coaching.recorded',
        actorId: caller.userId,
        subjectId: mentee.id,
        data: { sessionId: added.id },
      });
      return added;
    });
    return success(recorded);
  }

  /** A mentee's sessions: for the mentee, their mentors, their lead and admins; else null. */
  async history(
    caller: Caller,
    mentee: Pick<UserEntity, 'id' | 'teamId' | 'role'>,
    offset: number,
    limit: number,
  ): Promise<CoachingSession[] | null> {
    const readable =
      allows(caller, Permission.COACHING_READ, {
        userId: mentee.id,
        teamId: mentee.teamId,
        role: mentee.role,
      }) || (await this.isMentorOf(caller, mentee.id));
    return readable
      ? this.sessions.ofMentee(caller.organizationId, mentee.id, offset, limit)
      : null;
  }

  private async mayCoach(caller: Caller, mentee: UserEntity): Promise<boolean> {
    return (
      allows(caller, Permission.COACHING_RECORD, { teamId: mentee.teamId, role: mentee.role }) ||
      (await this.isMentorOf(caller, mentee.id))
    );
  }

  private async isMentorOf(caller: Caller, menteeId: string): Promise<boolean> {
    const pairs = await this.pairs.active(caller.organizationId, 'mentee', [menteeId]);
    return pairs.some((pair) => pair.mentorId === caller.userId);
  }
}
