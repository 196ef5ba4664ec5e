import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  HttpException,
  HttpStatus,
} from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { BaseExceptionFilter } from '@nestjs/core';
import { InvalidInputError } from '../validation/input-validation.pipe.js';

/**
 * In GraphQL, every error goes back to Apollo as it is: our coded errors reach the client,
 * and `formatError` masks and logs the unexpected ones once. HTTP routes keep Nest's
 * handling, with bad input as a 400 that says what is wrong and our coded errors as
 * their statuses.
 */
@Catch()
export class GraphqlErrorFilter extends BaseExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return error;
    if (error instanceof InvalidInputError) {
      const [first] = error.userErrors;
      return super.catch(
        new BadRequestException({ message: first.message, code: first.code, field: first.field }),
        host,
      );
    }
    const status = error instanceof GraphQLError && HTTP_STATUS[String(error.extensions.code)];
    if (status)
      return super.catch(
        new HttpException(
          { message: (error as GraphQLError).message, code: error.extensions.code },
          status,
        ),
        host,
      );
    return super.catch(error, host);
  }
}

/** Our coded errors on HTTP routes (the desk's session), as their HTTP statuses. */
const HTTP_STATUS: Record<string, number> = {
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
};
