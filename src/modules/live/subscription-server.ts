import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  ExecutionArgs,
  GraphQLError,
  OperationTypeNode,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import { CallerCache, CallerChange } from '../../common/auth/caller-cache.js';
import { RequestContext } from '../../common/context/request-context.js';
import { PARSE_OPTIONS, operationLimitErrors } from '../../common/graphql/operation-limits.js';
import { SESSION_COOKIE, readCookie } from '../../common/http/session-cookies.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuthService } from '../auth/auth.service.js';

export const SUBSCRIPTION_PATH = '/graphql';
/** The largest message a client may send; a subscription is a few hundred bytes. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
export const MAX_SOCKETS_PER_USER = 10;
const TOO_MANY_SOCKETS = 4429;

interface SocketSession {
  socket: WebSocket;
  context: RequestContext;
  token: string;
  expiry?: NodeJS.Timeout;
}

type Extra = { socket: WebSocket; request: IncomingMessage; session?: SocketSession };

/**
 * GraphQL subscriptions over the graphql-ws protocol on the API's own `/graphql`. A socket
 * is authenticated once, by the bearer token in `connection_init`'s payload or the desk's
 * session cookie, and closed
 * (4403) when the token is bad, when it expires, or when its session ends or the user is
 * deactivated, on whichever instance that happens. Browsers may connect only from allowed
 * origins; messages are capped, as are sockets per user; operations over the socket are
 * subscriptions only, under the same depth, alias and cost limits as HTTP.
 */
@Injectable()
export class SubscriptionServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly sessions = new Map<string, Set<SocketSession>>();
  private dispose?: () => void | Promise<void>;
  private schemaHost!: GraphQLSchemaHost;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly modules: ModuleRef,
    private readonly auth: AuthService,
    callers: CallerCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    callers.onChange((change) => this.closeChanged(change));
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer();
    if (!server) return;
    // the GraphQL module builds the schema; it is read here, once it is built
    this.schemaHost = this.modules.get(GraphQLSchemaHost, { strict: false });
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
    const { dispose } = useServer<Record<string, unknown> | undefined, Extra>(
      {
        schema: this.schemaHost.schema,
        onConnect: (ctx) => this.connect(ctx.extra, ctx.connectionParams),
        onSubscribe: (ctx, _id, payload) => this.subscribe(ctx.extra, payload),
        onClose: (ctx) => this.forget(ctx.extra.session),
      },
      wss,
    );
    this.dispose = dispose;
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path !== SUBSCRIPTION_PATH || !this.originAllowed(request)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispose?.();
  }

  /** Browsers send Origin: the API's own, or one listed in ALLOWED_ORIGINS. Other clients send none. */
  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin?.toLowerCase();
    if (!origin) return true;
    if (this.config.allowedOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === request.headers.host?.toLowerCase();
    } catch {
      return false;
    }
  }

  private async connect(
    extra: Extra,
    params: Record<string, unknown> | undefined,
  ): Promise<boolean> {
    const header = params?.authorization ?? params?.Authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
    // the desk's socket: its session cookie, sent on an upgrade from an allowed origin
    const token = match ? match[1] : readCookie(extra.request.headers.cookie, SESSION_COOKIE);
    if (!token) return false;
    const caller = await this.auth.authenticate(token).catch(() => null);
    if (!caller) return false;
    const own = this.sessions.get(caller.userId) ?? new Set<SocketSession>();
    if (own.size >= MAX_SOCKETS_PER_USER) {
      extra.socket.close(TOO_MANY_SOCKETS, `At most ${MAX_SOCKETS_PER_USER} sockets per user`);
      return false;
    }
    const address = extra.request.socket.remoteAddress ?? 'unknown';
    const context = new RequestContext(randomUUID(), address, false);
    context.caller = caller;
    const session: SocketSession = { socket: extra.socket, context, token };
    const left = this.auth.expiryOf(token) - Date.now();
    session.expiry = setTimeout(() => this.close(session), Math.min(left, 2 ** 31 - 1));
    session.expiry.unref();
    own.add(session);
    this.sessions.set(caller.userId, own);
    extra.session = session;
    return true;
  }

  /** Checks the operation as HTTP would, and runs it with the socket's caller. */
  private async subscribe(
    extra: Extra,
    payload: {
      query: string;
      operationName?: string | null;
      variables?: Record<string, unknown> | null;
    },
  ): Promise<ExecutionArgs | readonly GraphQLError[]> {
    const session = extra.session!;
    // the session may have ended since the socket opened, on an instance that could not tell us
    if (!(await this.auth.authenticate(session.token).catch(() => null))) {
      this.close(session);
      return [new GraphQLError('This session has ended; sign in again.')];
    }
    const schema = this.schemaHost.schema;
    let document;
    try {
      document = parse(payload.query, PARSE_OPTIONS);
    } catch (error) {
      return [error as GraphQLError];
    }
    const variables = payload.variables ?? undefined;
    const errors = [
      ...validate(schema, document, specifiedRules),
      ...operationLimitErrors(schema, document, variables),
    ];
    if (errors.length) return errors;
    const operation = getOperationAST(document, payload.operationName);
    if (operation?.operation !== OperationTypeNode.SUBSCRIPTION)
      return [
        new GraphQLError(
          'Only subscriptions go over the socket; send queries and mutations over HTTP.',
        ),
      ];
    return {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: variables,
      contextValue: { req: { context: session.context, headers: {} } },
    };
  }

  private closeChanged(change: CallerChange): void {
    for (const own of this.sessions.values())
      for (const session of own) {
        const caller = session.context.caller!;
        if (
          'sessionId' in change
            ? caller.sessionId === change.sessionId
            : caller.userId === change.userId
        )
          this.close(session);
      }
  }

  private close(session: SocketSession): void {
    this.forget(session);
    session.socket.close(CloseCode.Forbidden, 'Forbidden: sign in again');
  }

  private forget(session: SocketSession | undefined): void {
    if (!session) return;
    clearTimeout(session.expiry);
    const own = this.sessions.get(session.context.caller!.userId);
    own?.delete(session);
    if (own?.size === 0) this.sessions.delete(session.context.caller!.userId);
  }
}
