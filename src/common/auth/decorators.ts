import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Caller, RequestContext } from '../context/request-context.js';
import { requestContextOf } from '../context/request-context.middleware.js';
import { Permission } from './policy.js';

export const PUBLIC_KEY = 'floorwalker:public';
export const PERMISSION_KEY = 'floorwalker:permission';

export const CSRF_EXEMPT_KEY = 'floorwalker:csrfExempt';

/** Marks a resolver or route that needs no sign-in. Everything else does. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * A route a session cookie may call without the CSRF header: a read that hands the desk
 * its CSRF token after a reload (other origins cannot read the answer).
 */
export const CsrfExempt = () => SetMetadata(CSRF_EXEMPT_KEY, true);

/**
 * The permission a query or mutation needs (on top of being signed in). Every operation
 * declares one or is @Public(); the guard refuses any that does not.
 */
export const Allow = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** The signed-in caller (the guard has checked there is one). */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller => requestContextOf(context).caller!,
);

/** The request's context: request id, address, DataLoaders. */
export const Context = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestContext => requestContextOf(context),
);
