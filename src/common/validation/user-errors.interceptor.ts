import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Observable, catchError, of, throwError } from 'rxjs';
import { badInput } from '../graphql/errors.js';
import { InvalidInputError } from './input-validation.pipe.js';

/**
 * Answers invalid input the way the GraphQL conventions ask: a mutation returns its
 * payload with `userErrors` (the user can fix them); a query fails with BAD_USER_INPUT.
 */
@Injectable()
export class UserErrorsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const isMutation = GqlExecutionContext.create(context).getInfo().parentType.name === 'Mutation';
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof InvalidInputError)) return throwError(() => error);
        if (isMutation) return of({ userErrors: error.userErrors });
        const [first] = error.userErrors;
        return throwError(() =>
          badInput(first.field ? `${first.field.join('.')}: ${first.message}` : first.message),
        );
      }),
    );
  }
}
