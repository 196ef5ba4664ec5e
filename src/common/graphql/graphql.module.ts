import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { GraphQLFormattedError } from 'graphql';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { InputValidationPipe } from '../validation/input-validation.pipe.js';
import { UserErrorsInterceptor } from '../validation/user-errors.interceptor.js';
import { DateTimeScalar } from './date-time.scalar.js';
import { ErrorCode } from './errors.js';
import { GraphqlErrorFilter } from './graphql-error.filter.js';
import { graphqlOverHttpStatusPlugin } from './http-status.plugin.js';
import { PARSE_OPTIONS, operationLimitsPlugin } from './operation-limits.js';

const logger = new Logger('GraphQL');

/**
 * Hides unexpected errors' details from clients (they are logged instead) and, in
 * production, the schema's names that GraphQL suggests for a misspelt field.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  production = false,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && production)
    return { ...formatted, message: formatted.message.replace(/ Did you mean .*\?$/, '') };
  if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
  const original = (error as { originalError?: unknown }).originalError ?? error;
  logger.error(original instanceof Error ? original : String(original));
  return {
    message: 'Something went wrong on our side; the error is logged. Try again.',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        path: '/graphql',
        autoSchemaFile: true,
        buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
        sortSchema: true,
        playground: false,
        graphiql: false, // served from the installed packages instead (common/http/graphiql.ts)
        introspection: config.env !== 'production',
        includeStacktraceInErrorResponses: false,
        // Refuses simple (form-like) requests, which a browser sends cross-site without asking.
        csrfPrevention: true,
        context: ({ req }: { req: unknown }) => ({ req }),
        parseOptions: PARSE_OPTIONS,
        // Cache hints are not used, and computing them wraps every field's resolver.
        plugins: [
          operationLimitsPlugin,
          graphqlOverHttpStatusPlugin,
          ApolloServerPluginCacheControlDisabled(),
        ],
        formatError: (formatted: GraphQLFormattedError, error: unknown) =>
          formatError(formatted, error, config.env === 'production'),
      }),
    }),
  ],
  providers: [
    { provide: APP_FILTER, useClass: GraphqlErrorFilter },
    { provide: APP_PIPE, useClass: InputValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: UserErrorsInterceptor },
  ],
})
export class AppGraphqlModule {}
