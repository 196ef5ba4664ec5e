import { ApolloServerPlugin } from '@apollo/server';

const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
]);

/**
 * GraphQL over HTTP: a client that accepts only `application/json` gets parse, validation
 * and variable errors with status 200 (it may not understand a 400 with a GraphQL body);
 * `application/graphql-response+json` clients keep Apollo's 400.
 */
export const graphqlOverHttpStatusPlugin: ApolloServerPlugin = {
  async requestDidStart({ request }) {
    const accept = request.http?.headers.get('accept') ?? '';
    if (accept.includes('application/graphql-response+json')) return;
    return {
      async willSendResponse({ response }) {
        if (response.http.status !== 400 || response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        const requestError = errors?.every((error) =>
          REQUEST_ERROR_CODES.has(String(error.extensions?.code)),
        );
        if (data === undefined && requestError) response.http.status = 200;
      },
    };
  },
};
