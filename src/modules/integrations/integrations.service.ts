import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CallerCache } from '../../common/auth/caller-cache.js';
import { Role } from '../../common/auth/role.js';
import type { Caller } from '../../common/context/request-context.js';
import { IntegrationTokenEntity } from './integration-token.entity.js';
import { IntegrationsRepository } from './integrations.repository.js';

const TOKEN = /^fwi_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([\w-]{43})$/;

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Whether a bearer token is an integration's (they start with "fwi_"), not a person's. */
export const isIntegrationToken = (token: string): boolean => token.startsWith('fwi_');

/**
 * Integration tokens: a system (the phone system) acting for an organization, with the
 * permissions of INTEGRATION_GRANTS only. The secret is random and shown once; only its
 * hash is kept.
 */
@Injectable()
export class IntegrationsService {
  constructor(
    private readonly integrations: IntegrationsRepository,
    private readonly callers: CallerCache,
  ) {}

  async create(
    caller: Caller,
    name: string,
  ): Promise<{ token: string; integration: IntegrationTokenEntity }> {
    const secret = randomBytes(32).toString('base64url');
    const integration = await this.integrations.create({
      organizationId: caller.organizationId,
      name,
      secretHash: hash(secret),
      createdBy: caller.userId,
    });
    return { token: `fwi_${integration.id}_${secret}`, integration };
  }

  list(caller: Caller): Promise<IntegrationTokenEntity[]> {
    return this.integrations.list(caller.organizationId);
  }

  async revoke(caller: Caller, id: string): Promise<IntegrationTokenEntity | null> {
    const revoked = await this.integrations.revoke(caller.organizationId, id);
    if (revoked) await this.callers.changed({ sessionId: `integration:${id}` });
    return revoked;
  }

  /** The caller an integration token stands for, or null for a bad or revoked one. */
  async authenticate(token: string): Promise<Caller | null> {
    const match = TOKEN.exec(token);
    if (!match) return null;
    const [, id, secret] = match;
    const sessionId = `integration:${id}`;
    const recalled = this.callers.recall(sessionId);
    if (recalled) return recalled;
    const mark = this.callers.mark();
    const found = await this.integrations.withSecret(id);
    if (!found || found.revokedAt) return null;
    const expected = Buffer.from(found.secretHash, 'hex');
    if (!timingSafeEqual(expected, Buffer.from(hash(secret), 'hex'))) return null;
    await this.integrations.touch(id);
    const caller: Caller = {
      userId: id,
      organizationId: found.organizationId,
      role: Role.AGENT,
      teamId: null,
      sessionId,
      integrationId: id,
    };
    this.callers.remember(caller, mark, new Date(8.64e15));
    return caller;
  }
}
