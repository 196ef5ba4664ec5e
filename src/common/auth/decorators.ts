import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Caller, RequestContext } from '../context/request-context.js';
import { requestContextOf } from '../context/request-context.middleware.js';
import { Role } from './role.js';

export const PUBLIC_KEY = 'floorwalker:public';
export const ROLES_KEY = 'floorwalker:roles';

/** Marks a resolver or route that needs no sign-in. Everything else does. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Restricts a resolver to these roles (on top of being signed in). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The signed-in caller (the guard has checked there is one). */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller => requestContextOf(context).caller!,
);

/** The request's context: request id, address, DataLoaders. */
export const Context = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestContext => requestContextOf(context),
);
