import { LoggerService } from '@nestjs/common';
import { LogLevel } from '../../config/env.schema.js';
import { currentRequest } from '../context/request-context.middleware.js';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
/** Nest's start-up chatter: useful when debugging, noise otherwise. */
const START_UP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
  'GraphQLModule',
]);

/**
 * Structured JSON lines (one object per line, with the request id when there is one);
 * readable lines instead when a person watches a development terminal.
 */
export class AppLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel,
    private readonly readable: boolean,
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  log(message: unknown, ...rest: unknown[]): void {
    this.emit(START_UP_CONTEXTS.has(String(rest.at(-1))) ? 'debug' : 'info', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }

  /** A structured event, e.g. one served request. */
  event(level: LogLevel, message: string, fields: Record<string, unknown>): void {
    if (RANK[level] > RANK[this.level]) return;
    const requestId = currentRequest.getStore()?.requestId;
    if (this.readable) {
      const details = Object.entries(fields)
        .map(
          ([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
        )
        .join(' ');
      const time = new Date().toISOString().slice(11, 19);
      this.write(
        `${time} ${level.toUpperCase().padEnd(5)} ${message}${details ? ' ' + details : ''}`,
      );
    } else {
      this.write(
        JSON.stringify({ time: new Date().toISOString(), level, message, requestId, ...fields }),
      );
    }
  }

  private emit(level: LogLevel, message: unknown, rest: unknown[]): void {
    // Nest passes the context (a class name) last, and for errors a stack before it.
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    const text =
      message instanceof Error
        ? message.message
        : typeof message === 'string'
          ? message
          : JSON.stringify(message);
    const errorStack = message instanceof Error ? message.stack : stack;
    this.event(level, text, {
      ...(context && { context }),
      ...(errorStack && { stack: errorStack }),
    });
  }
}
