import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { CSRF_EXEMPT_KEY, PERMISSION_KEY, PUBLIC_KEY } from '../../common/auth/decorators.js';
import { Permission, hasPermission } from '../../common/auth/policy.js';
import { requestContextOf } from '../../common/context/request-context.middleware.js';
import { forbidden, unauthenticated } from '../../common/graphql/errors.js';
import { CSRF_HEADER, SESSION_COOKIE, readCookie } from '../../common/http/session-cookies.js';
import { AuthService } from './auth.service.js';

/**
 * Every resolver and route needs a valid bearer token (API clients) or session cookie (the
 * desk, with its CSRF header) unless marked @Public(), and every query and mutation the
 * permission it declares with @Allow (see common/auth/policy.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = requestContextOf(context);
    if (!request.caller) {
      const req = httpRequest(context);
      const token = bearerToken(req);
      if (token) request.caller = await this.auth.authenticate(token);
      else {
        const cookie = readCookie(req?.headers?.cookie, SESSION_COOKIE);
        if (!cookie) throw unauthenticated();
        const caller = await this.auth.authenticate(cookie);
        const exempt = this.reflector.get<boolean>(CSRF_EXEMPT_KEY, context.getHandler());
        if (!exempt && !this.auth.csrfValid(caller.sessionId, req?.headers?.[CSRF_HEADER]))
          throw forbidden('The request lacks the desk’s CSRF token; reload the page.');
        request.caller = caller;
      }
    }
    const permission = this.reflector.get<Permission | undefined>(
      PERMISSION_KEY,
      context.getHandler(),
    );
    // an operation that declares nothing is refused: forgetting fails closed
    if (isOperation(context) && permission === undefined)
      throw forbidden('This operation declares no permission; nobody may call it.');
    if (permission !== undefined && !hasPermission(request.caller, permission))
      throw forbidden(`Your role does not allow this (${permission}).`);
    return true;
  }
}

/** A query or mutation (fields of other types are checked by their resolvers). */
function isOperation(context: ExecutionContext): boolean {
  if (context.getType<string>() !== 'graphql') return false;
  const type = GqlExecutionContext.create(context).getInfo().parentType.name;
  return type === 'Query' || type === 'Mutation' || type === 'Subscription';
}

interface HttpRequestLike {
  headers?: { cookie?: string; authorization?: string; [name: string]: unknown };
}

function httpRequest(context: ExecutionContext): HttpRequestLike | undefined {
  return context.getType<string>() === 'graphql'
    ? context.getArgByIndex(2)?.req
    : context.switchToHttp().getRequest();
}

function bearerToken(req: HttpRequestLike | undefined): string | null {
  const header: unknown = req?.headers?.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : null;
}
