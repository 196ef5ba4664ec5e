import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * In GraphQL, every error goes back to Apollo as it is: our coded errors reach the client,
 * and `formatError` masks and logs the unexpected ones once. HTTP routes keep Nest's handling.
 */
@Catch()
export class GraphqlErrorFilter extends BaseExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return error;
    return super.catch(error, host);
  }
}
