import { GraphQLError } from 'graphql';

/** `extensions.code` of errors the caller cannot fix by changing the input. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string) {
    super(message, { extensions: { code } });
  }
}

export const unauthenticated = (
  message = 'Sign in first: send a valid token as "Authorization: Bearer <token>".',
) => new AppError(ErrorCode.UNAUTHENTICATED, message);

export const forbidden = (message = 'Your role does not allow this.') =>
  new AppError(ErrorCode.FORBIDDEN, message);

export const notFound = (what = 'object') =>
  new AppError(ErrorCode.NOT_FOUND, `No ${what} with that id.`);

export const badInput = (message: string) => new AppError(ErrorCode.BAD_USER_INPUT, message);
