import { Injectable } from '@nestjs/common';
import { Permission, allows } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { zonedInstant } from '../../common/time-zone.js';
import {
  Outcome,
  UserErrorCode,
  failure,
  success,
  userError,
} from '../../common/graphql/user-error.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { QuestionsService } from '../questions/questions.service.js';
import { TipsService } from '../tips/tips.service.js';
import { UsersService } from '../users/users.service.js';
import { KudosRepository, KudosRow } from './kudos.repository.js';
import { periodsOf } from './points-rules.js';

/** Kudos a peer may give a day; leads' kudos are not limited, and they alone earn points. */
export const PEER_KUDOS_PER_DAY = 3;

@Injectable()
export class KudosService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly kudos: KudosRepository,
    private readonly users: UsersService,
    private readonly tips: TipsService,
    private readonly questions: QuestionsService,
    private readonly organizations: OrganizationsService,
    private readonly events: DomainEvents,
  ) {}

  async give(
    caller: Caller,
    input: { userId: string; tipId?: string | null; answerId?: string | null; message: string },
  ): Promise<Outcome<KudosRow>> {
    const { organizationId } = caller;
    if (input.userId === caller.userId)
      return failure(userError(UserErrorCode.NOT_ALLOWED, 'Kudos go to someone else.', 'userId'));
    if (!(await this.users.findById(organizationId, input.userId)))
      return failure(userError(UserErrorCode.NOT_FOUND, 'No user with that id.', 'userId'));
    if (input.tipId && !(await this.tips.findByIds(organizationId, [input.tipId])).length)
      return failure(userError(UserErrorCode.NOT_FOUND, 'No tip with that id.', 'tipId'));
    if (
      input.answerId &&
      !(await this.questions.answersByIds(organizationId, [input.answerId])).length
    )
      return failure(userError(UserErrorCode.NOT_FOUND, 'No answer with that id.', 'answerId'));
    const byLead = allows(caller, Permission.KUDOS_AWARD);
    const organization = await this.organizations.findById(organizationId);
    const today = periodsOf(new Date(), organization?.timeZone ?? 'UTC').day;
    const given = await this.tx.run(async () => {
      if (!byLead) {
        const since = zonedInstant(today, 0, organization?.timeZone ?? 'UTC');
        if (
          (await this.kudos.givenSince(organizationId, caller.userId, since)) >= PEER_KUDOS_PER_DAY
        )
          return null;
      }
      const row = await this.kudos.add({
        organizationId,
        fromUserId: caller.userId,
        toUserId: input.userId,
        message: input.message,
        tipId: input.tipId ?? null,
        answerId: input.answerId ?? null,
        byLead,
      });
      await this.events.record({
        organizationId,
        type: 'kudos.given',
        actorId: caller.userId,
        subjectId: input.userId,
        data: { kudosId: row.id, byLead, message: input.message },
      });
      return row;
    });
    if (!given)
      return failure(
        userError(
          UserErrorCode.THROTTLED,
          `You have given ${PEER_KUDOS_PER_DAY} kudos today; give more tomorrow.`,
        ),
      );
    return success(given);
  }

  received(organizationId: string, userIds: readonly string[], limit: number): Promise<KudosRow[]> {
    return this.kudos.received(organizationId, userIds, limit);
  }
}
