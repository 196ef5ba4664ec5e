import { Injectable } from '@nestjs/common';
import type { Caller } from '../../common/context/request-context.js';
import { notFound } from '../../common/graphql/errors.js';
import {
  Outcome,
  UserErrorCode,
  failure,
  success,
  userError,
} from '../../common/graphql/user-error.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { UsersService } from '../users/users.service.js';
import { MentoringService } from './mentoring.service.js';
import {
  MentorshipRequest,
  MentorshipRequestStatus,
  MentorshipRequestsRepository,
} from './mentorship-requests.repository.js';

/** Requests a mentee may have waiting at once: asking everyone is not asking. */
export const MAX_PENDING_REQUESTS = 3;

/** A mentee asks a mentor; the mentor accepts (within capacity) or declines; the mentee may withdraw. */
@Injectable()
export class MentorshipRequestsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly requests: MentorshipRequestsRepository,
    private readonly mentoring: MentoringService,
    private readonly users: UsersService,
    private readonly events: DomainEvents,
  ) {}

  async request(
    caller: Caller,
    mentorId: string,
    tags: string[],
    message: string,
  ): Promise<Outcome<MentorshipRequest>> {
    const mentor = await this.users.findById(caller.organizationId, mentorId);
    if (!mentor) throw notFound('user');
    if (mentor.id === caller.userId)
      return failure(
        userError(UserErrorCode.NOT_ALLOWED, 'Ask someone else to mentor you.', 'mentorId'),
      );
    if (!mentor.active)
      return failure(
        userError(UserErrorCode.NOT_ALLOWED, `${mentor.displayName} is not active.`, 'mentorId'),
      );
    const allowed = await this.mentoring.mentorTags(caller.organizationId, mentor, tags);
    if (!allowed.value) return failure(...allowed.userErrors);
    const mentors = await this.mentoring.activePairs(caller.organizationId, 'mentee', [
      caller.userId,
    ]);
    if (mentors.some((pair) => pair.mentorId === mentor.id))
      return failure(
        userError(UserErrorCode.TAKEN, `${mentor.displayName} mentors you already.`, 'mentorId'),
      );
    return this.tx.run(async (): Promise<Outcome<MentorshipRequest>> => {
      if (
        (await this.requests.lockPendingOf(caller.organizationId, caller.userId)) >=
        MAX_PENDING_REQUESTS
      )
        return failure(
          userError(
            UserErrorCode.THROTTLED,
            `You have ${MAX_PENDING_REQUESTS} requests waiting: withdraw one or wait for an answer.`,
            'mentorId',
          ),
        );
      const added = await this.requests.add({
        organizationId: caller.organizationId,
        menteeId: caller.userId,
        mentorId: mentor.id,
        tags: allowed.value!.shared,
        message,
      });
      if (!added)
        return failure(
          userError(
            UserErrorCode.TAKEN,
            `Your request to ${mentor.displayName} is waiting for an answer.`,
            'mentorId',
          ),
        );
      await this.events.record({
        organizationId: caller.organizationId,
        type: 'mentorship.requested',
        actorId: caller.userId,
        subjectId: caller.userId,
        data: { requestId: added.id, mentorId: mentor.id, tags: added.tags },
      });
      return success(added);
    });
  }

  /** The mentor accepts (a mentorship starts, within their capacity) or declines. */
  async respond(caller: Caller, id: string, accept: boolean): Promise<Outcome<MentorshipRequest>> {
    const request = await this.pending(caller, id, 'mentorId');
    if (!request.value) return request;
    const { menteeId, mentorId, tags } = request.value;
    if (!accept) return this.decide(caller, request.value, MentorshipRequestStatus.DECLINED);
    const [mentee, mentor] = await Promise.all([
      this.users.findById(caller.organizationId, menteeId),
      this.users.findById(caller.organizationId, mentorId),
    ]);
    if (!mentee?.active)
      return failure(
        userError(UserErrorCode.NOT_ALLOWED, 'The mentee is no longer active.', 'requestId'),
      );
    let decided: MentorshipRequest | null = null;
    const started = await this.mentoring
      .startPair(caller, mentee, mentor!, tags, async (pair) => {
        decided = await this.requests.decide(
          caller.organizationId,
          id,
          MentorshipRequestStatus.ACCEPTED,
          pair.id,
        );
        // answered twice at once: the other answer stands, and this pairing rolls back
        if (!decided) throw new RequestDecided();
      })
      .catch((error: unknown) => {
        if (error instanceof RequestDecided) return null;
        throw error;
      });
    if (!started) return this.decidedAlready();
    return started.value ? success(decided!) : failure(...started.userErrors);
  }

  /** The mentee takes back a request still waiting. */
  async withdraw(caller: Caller, id: string): Promise<Outcome<MentorshipRequest>> {
    const request = await this.pending(caller, id, 'menteeId');
    if (!request.value) return request;
    return this.decide(caller, request.value, MentorshipRequestStatus.WITHDRAWN);
  }

  pendingOf(caller: Caller): Promise<MentorshipRequest[]> {
    return this.requests.pendingOf(caller.organizationId, caller.userId);
  }

  /** A pending request where the caller is the given side; others' requests are not found. */
  private async pending(
    caller: Caller,
    id: string,
    side: 'mentorId' | 'menteeId',
  ): Promise<Outcome<MentorshipRequest>> {
    const request = await this.requests.findById(caller.organizationId, id);
    if (!request || request[side] !== caller.userId) throw notFound('mentorship request');
    return request.status === MentorshipRequestStatus.PENDING
      ? success(request)
      : this.decidedAlready();
  }

  private async decide(
    caller: Caller,
    request: MentorshipRequest,
    status: MentorshipRequestStatus.DECLINED | MentorshipRequestStatus.WITHDRAWN,
  ): Promise<Outcome<MentorshipRequest>> {
    const decided = await this.tx.run(async () => {
      const done = await this.requests.decide(caller.organizationId, request.id, status, null);
      if (done && status === MentorshipRequestStatus.DECLINED)
        await this.events.record({
          organizationId: caller.organizationId,
          type: 'mentorship.declined',
          actorId: caller.userId,
          subjectId: request.menteeId,
          data: { requestId: request.id, mentorId: request.mentorId },
        });
      return done;
    });
    return decided ? success(decided) : this.decidedAlready();
  }

  private decidedAlready(): Outcome<never> {
    return failure(
      userError(UserErrorCode.NOT_ALLOWED, 'The request has been answered already.', 'requestId'),
    );
  }
}

class RequestDecided extends Error {}
