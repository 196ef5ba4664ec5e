import { Injectable } from '@nestjs/common';
import { Permission, allows } from '../../common/auth/policy.js';
import type { Caller } from '../../common/context/request-context.js';
import { forbidden } from '../../common/graphql/errors.js';
import {
  Outcome,
  UserErrorCode,
  failure,
  success,
  userError,
} from '../../common/graphql/user-error.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { DomainEvents } from '../events/domain-events.service.js';
import { normalizeTag } from '../tags/tag-name.js';
import { TagsService } from '../tags/tags.service.js';
import { UsersService } from '../users/users.service.js';
import { ExpertiseRepository } from './expertise.repository.js';

/** Leads (for their team's members) and admins grant and revoke expertise in a tag; every change is audited. */
@Injectable()
export class ExpertiseService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly expertise: ExpertiseRepository,
    private readonly tags: TagsService,
    private readonly users: UsersService,
    private readonly events: DomainEvents,
  ) {}

  async change(
    actor: Caller | null,
    organizationId: string,
    userId: string,
    tag: string,
    grant: boolean,
  ): Promise<Outcome<string[]>> {
    const name = normalizeTag(tag);
    if (!name)
      return failure(
        userError(UserErrorCode.INVALID, 'A tag needs at least one letter or digit.', 'tag'),
      );
    const user = await this.users.findById(organizationId, userId);
    if (!user) {
      return failure(userError(UserErrorCode.NOT_FOUND, 'No user with that id.', 'userId'));
    }
    const target = { userId, teamId: user.teamId, role: user.role };
    if (actor && !allows(actor, Permission.EXPERTISE_GRANT, target))
      throw forbidden("Leads grant and revoke the expertise of their own team's members only.");
    await this.tx.run(async () => {
      const [tagEntity] = grant
        ? await this.tags.ensure(organizationId, [name])
        : await this.tags.findByNames(organizationId, [name]);
      if (!tagEntity) return;
      const changed = grant
        ? await this.expertise.grant(organizationId, userId, tagEntity.id, actor?.userId ?? null)
        : await this.expertise.revoke(organizationId, userId, tagEntity.id);
      if (changed) {
        await this.expertise.audit({
          organizationId,
          userId,
          tag: name,
          action: grant ? 'GRANTED' : 'REVOKED',
          actorId: actor?.userId ?? null,
        });
        await this.events.record({
          organizationId,
          type: grant ? 'expertise.granted' : 'expertise.revoked',
          actorId: actor?.userId ?? null,
          subjectId: userId,
          data: { tag: name },
        });
      }
    });
    return success((await this.tagsOf(organizationId, [userId])).get(userId) ?? []);
  }

  tagsOf(organizationId: string, userIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.expertise.tagsOfUsers(organizationId, userIds);
  }

  /** Experts in any of these tags (normalized names), with the ones each covers. */
  expertsIn(organizationId: string, tags: string[]): Promise<Map<string, string[]>> {
    return this.expertise.expertsIn(organizationId, tags);
  }

  /** Whether the user is an expert in one of these tags (normalized names). */
  isExpertInAny(organizationId: string, userId: string, tags: string[]): Promise<boolean> {
    return this.expertise.isExpertInAny(organizationId, userId, tags);
  }
}
