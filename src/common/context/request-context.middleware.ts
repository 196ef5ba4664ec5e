import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from './request-context.js';

type RequestWithContext = Request & { context?: RequestContext };

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/** The context of the request being served, for logs written deep in the call stack. */
export const currentRequest = new AsyncLocalStorage<RequestContext>();

/** Gives every HTTP request its context, with the caller's request id when it is sane. */
export function requestContextMiddleware(
  req: RequestWithContext,
  res: Response,
  next: NextFunction,
): void {
  const offered = req.header('x-request-id');
  const requestId = offered && REQUEST_ID.test(offered) ? offered : randomUUID();
  req.context = new RequestContext(requestId, req.ip ?? req.socket.remoteAddress ?? 'unknown');
  res.setHeader('x-request-id', requestId);
  currentRequest.run(req.context, next);
}

export function requestContextOf(context: ExecutionContext): RequestContext {
  const req: RequestWithContext =
    context.getType<string>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<{ req: RequestWithContext }>().req
      : context.switchToHttp().getRequest<RequestWithContext>();
  if (!req.context)
    throw new Error('Request context missing: is requestContextMiddleware installed?');
  return req.context;
}
