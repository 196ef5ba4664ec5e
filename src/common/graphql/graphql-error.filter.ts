import { Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

/**
 * GraphQL errors we raise on purpose (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND…) go to the
 * client as they are, without Nest logging each as an unexpected exception.
 */
@Catch(GraphQLError)
export class GraphqlErrorFilter implements GqlExceptionFilter {
  catch(error: GraphQLError): GraphQLError {
    return error;
  }
}
