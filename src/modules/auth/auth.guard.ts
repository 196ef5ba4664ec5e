import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../../common/auth/decorators.js';
import { Role } from '../../common/auth/role.js';
import { requestContextOf } from '../../common/context/request-context.middleware.js';
import { forbidden, unauthenticated } from '../../common/graphql/errors.js';
import { AuthService } from './auth.service.js';

/** Every resolver and route needs a valid bearer token unless marked @Public(). */
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
      const token = bearerToken(context);
      if (!token) throw unauthenticated();
      request.caller = await this.auth.authenticate(token);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.caller.role)) {
      throw forbidden(
        `Only ${roles.map((role) => role.toLowerCase().replace('_', ' ') + 's').join(' and ')} can do this.`,
      );
    }
    return true;
  }
}

function bearerToken(context: ExecutionContext): string | null {
  const { req } =
    context.getType<string>() === 'graphql'
      ? context.getArgByIndex(2)
      : { req: context.switchToHttp().getRequest() };
  const header: unknown = req?.headers?.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : null;
}
