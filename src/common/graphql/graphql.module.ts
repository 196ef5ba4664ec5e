import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { GraphQLFormattedError } from 'graphql';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { depthLimit } from './depth-limit.rule.js';
import { ErrorCode } from './errors.js';
import { GraphqlErrorFilter } from './graphql-error.filter.js';
import { graphqlOverHttpStatusPlugin } from './http-status.plugin.js';

export const MAX_QUERY_DEPTH = 10;
const logger = new Logger('GraphQL');

/** Hides unexpected errors' details from clients (they are logged instead). */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
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
        sortSchema: true,
        playground: false,
        graphiql: config.env !== 'production',
        introspection: config.env !== 'production',
        includeStacktraceInErrorResponses: false,
        // Tokens travel in the Authorization header, never in cookies: nothing to forge cross-site.
        csrfPrevention: false,
        context: ({ req }: { req: unknown }) => ({ req }),
        validationRules: [depthLimit(MAX_QUERY_DEPTH)],
        // Cache hints are not used, and computing them wraps every field's resolver.
        plugins: [graphqlOverHttpStatusPlugin, ApolloServerPluginCacheControlDisabled()],
        formatError,
      }),
    }),
  ],
  providers: [{ provide: APP_FILTER, useClass: GraphqlErrorFilter }],
})
export class AppGraphqlModule {}
