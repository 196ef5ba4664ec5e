import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CallerCache } from '../../common/auth/caller-cache.js';
import { verifyNothing, verifyPassword } from '../../common/auth/passwords.js';
import type { Caller } from '../../common/context/request-context.js';
import { unauthenticated } from '../../common/graphql/errors.js';
import {
  Outcome,
  UserErrorCode,
  failure,
  success,
  userError,
} from '../../common/graphql/user-error.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { TransactionHost } from '../../database/transaction-host.js';
import { IntegrationsService, isIntegrationToken } from '../integrations/integrations.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { Presence } from '../users/presence.js';
import { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { LoginFailuresRepository } from './login-failures.repository.js';
import {
  MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  MAX_UNKNOWN_ACCOUNT_FAILURES_PER_ADDRESS,
  THROTTLE_WINDOW_MS,
  UNKNOWN_ACCOUNT,
  accountKey,
  retryAfterMs,
} from './login-throttle.js';
import { SessionsRepository } from './sessions.repository.js';
import { TokenVerifier, signToken, tokenKey } from './tokens.js';

export interface Credentials {
  organization: string;
  email: string;
  password: string;
}

const WRONG_CREDENTIALS = 'That organization, email and password do not match an active account.';
const PRUNE_EVERY_MS = 60 * 60 * 1000;

@Injectable()
export class AuthService {
  private lastPrune = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly sessions: SessionsRepository,
    private readonly failures: LoginFailuresRepository,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly callers: CallerCache,
    private readonly integrations: IntegrationsService,
  ) {
    this.tokenKey = tokenKey(config.jwtSecret);
    this.tokens = new TokenVerifier(this.tokenKey);
  }

  private readonly tokenKey: KeyObject;
  private readonly tokens: TokenVerifier;

  /** Signs in; every wrong organization, email or password gets the same answer. */
  async login(
    credentials: Credentials,
    address: string,
  ): Promise<Outcome<{ token: string; user: UserEntity }>> {
    const organization = await this.organizations.findBySlug(credentials.organization);
    const user =
      organization &&
      (await this.users.findByEmailWithPassword(organization.id, credentials.email));
    // the lookup decides who is signing in, so any spelling of an email counts as its account
    const account = user ? accountKey(user.organizationId, user.id) : UNKNOWN_ACCOUNT;
    const limit = user
      ? MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS
      : MAX_UNKNOWN_ACCOUNT_FAILURES_PER_ADDRESS;
    const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
    const wait = retryAfterMs(await this.failures.count(account, address, since), limit);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      return failure(
        userError(
          UserErrorCode.THROTTLED,
          `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an admin to reset your password.`,
        ),
      );
    }
    const valid = user?.active
      ? await verifyPassword(user.passwordHash, credentials.password)
      : await verifyNothing(credentials.password);
    if (!valid || !user) {
      await this.failures.record(account, address);
      await this.pruneFailures();
      return failure(userError(UserErrorCode.INVALID_CREDENTIALS, WRONG_CREDENTIALS));
    }
    await this.failures.clear(account, address);
    const expiresAt = new Date(Date.now() + this.config.jwtExpiresInSeconds * 1000);
    return this.tx.run(async () => {
      const session = await this.sessions.create({
        organizationId: user.organizationId,
        userId: user.id,
        address,
        expiresAt,
      });
      const presence = user.presence === Presence.OFFLINE ? Presence.AVAILABLE : user.presence;
      const signedIn = await this.users.setPresence(user.organizationId, user.id, presence);
      const token = signToken(
        { sub: user.id, org: user.organizationId, sid: session.id },
        this.tokenKey,
        expiresAt,
      );
      return success({ token, user: signedIn });
    });
  }

  /** The caller behind a bearer token; throws UNAUTHENTICATED for any token that is not good now. */
  async authenticate(token: string): Promise<Caller> {
    if (isIntegrationToken(token)) {
      const integration = await this.integrations.authenticate(token);
      if (!integration) throw unauthenticated('The integration token is invalid or revoked.');
      return integration;
    }
    const claims = this.tokens.verify(token);
    if (!claims) throw unauthenticated('The token is invalid or has expired; sign in again.');
    const recalled = this.callers.recall(claims.sid);
    if (recalled?.userId === claims.sub && recalled.organizationId === claims.org) return recalled;
    const mark = this.callers.mark();
    const found = await this.sessions.findWithUser(claims.org, claims.sid, claims.sub);
    if (!found || found.revokedAt || found.expiresAt <= new Date()) {
      throw unauthenticated('This session has ended; sign in again.');
    }
    if (!found.active) throw unauthenticated('This account is deactivated; ask an admin.');
    const caller: Caller = {
      userId: found.userId,
      organizationId: found.organizationId,
      role: found.role,
      teamId: found.teamId,
      sessionId: found.sessionId,
    };
    this.callers.remember(caller, mark, found.expiresAt);
    await this.users.noteActivity(caller.organizationId, caller.userId, found.lastActiveAt);
    return caller;
  }

  /** The token the desk sends with requests its session cookie authenticates (double submit, bound to the session). */
  csrfTokenFor(sessionId: string): string {
    return createHmac('sha256', this.tokenKey).update(`csrf:${sessionId}`).digest('base64url');
  }

  csrfValid(sessionId: string, offered: unknown): boolean {
    if (typeof offered !== 'string') return false;
    const expected = Buffer.from(this.csrfTokenFor(sessionId));
    const given = Buffer.from(offered);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** When a token stops being good, in ms since the epoch (0 for a bad token). */
  expiryOf(token: string): number {
    return isIntegrationToken(token) ? 8.64e15 : this.tokens.expiryOf(token);
  }

  async signOut(caller: Caller): Promise<void> {
    await this.tx.run(async () => {
      await this.sessions.revoke(caller.organizationId, caller.sessionId);
      await this.users.setPresence(caller.organizationId, caller.userId, Presence.OFFLINE);
    });
  }

  /** Changes the caller's password and ends their other sessions. */
  async changePassword(
    caller: Caller,
    currentPassword: string,
    newPassword: string,
  ): Promise<Outcome<UserEntity>> {
    const hash = await this.users.findPasswordHash(caller.organizationId, caller.userId);
    if (!hash || !(await verifyPassword(hash, currentPassword))) {
      return failure(
        userError(
          UserErrorCode.INVALID_CREDENTIALS,
          'The current password is not right.',
          'currentPassword',
        ),
      );
    }
    return this.setPasswordEndingSessions(
      caller.organizationId,
      caller.userId,
      newPassword,
      caller.sessionId,
    );
  }

  /** An admin sets a user's password; all of that user's sessions end. */
  async resetPassword(
    organizationId: string,
    userId: string,
    newPassword: string,
  ): Promise<Outcome<UserEntity>> {
    const outcome = await this.setPasswordEndingSessions(organizationId, userId, newPassword);
    if (outcome.value) await this.failures.clear(accountKey(organizationId, userId));
    return outcome;
  }

  /** A new password ends every session of the user but `keepSessionId`, in one transaction. */
  private setPasswordEndingSessions(
    organizationId: string,
    userId: string,
    password: string,
    keepSessionId?: string,
  ): Promise<Outcome<UserEntity>> {
    return this.tx.run(async () => {
      const outcome = await this.users.setPassword(organizationId, userId, password);
      if (outcome.value) await this.sessions.revokeAllOfUser(organizationId, userId, keepSessionId);
      return outcome;
    });
  }

  private async pruneFailures(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.failures.pruneBefore(new Date(Date.now() - THROTTLE_WINDOW_MS));
  }
}
