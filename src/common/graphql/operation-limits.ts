import type { ApolloServerPlugin } from '@apollo/server';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  ArgumentNode,
  DocumentNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  TypeInfo,
  ValidationContext,
  ValidationRule,
  ValueNode,
  astFromValue,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { MAX_PAGE_SIZE } from './connection.js';

/**
 * What one GraphQL operation may ask for. Tokens bound the work of parsing and of the
 * standard validation; the others are checked by GraphQL Armor's rules, whose cost counts
 * each connection's page size (`first`), so that 100 tips with their rendered bodies cost a
 * hundred times one.
 */
export const OPERATION_LIMITS = {
  tokens: 2000,
  depth: 10,
  aliases: 20,
  directives: 20,
  cost: 5000,
} as const;

/** Parser options for every GraphQL document the server reads (HTTP and WebSocket). */
export const PARSE_OPTIONS = { maxTokens: OPERATION_LIMITS.tokens };

const PAGE_SIZE_ARGUMENTS = new Set(['first', 'last']);

/** Reports a limit's rejection as a validation error instead of throwing from `validate`. */
const report = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(
        new GraphQLError(
          `The operation asks for too much: ${error.message.replace(/^Syntax Error: /, '')} Ask for fewer fields, aliases or items per page, or split it into several requests.`,
        ),
      ),
  ],
};

const LIMIT_RULES: ValidationRule[] = [
  maxDepthRule({ n: OPERATION_LIMITS.depth, flattenFragments: true, ...report }),
  maxAliasesRule({ n: OPERATION_LIMITS.aliases, ...report }),
  maxDirectivesRule({ n: OPERATION_LIMITS.directives, ...report }),
  costLimitRule({ maxCost: OPERATION_LIMITS.cost, flattenFragments: true, ...report }),
];

/**
 * The document with every page size written out: a `first` given by a variable gets the
 * variable's value and an omitted one its default, so that the cost rule (which reads
 * literal page sizes only) counts what the server will really fetch (at most
 * MAX_PAGE_SIZE a page).
 */
export function withPageSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const definition = typeInfo.getFieldDef();
        const sizes = definition?.args.filter((arg) => PAGE_SIZE_ARGUMENTS.has(arg.name)) ?? [];
        if (sizes.length === 0) return undefined;
        const written = new Map(node.arguments?.map((arg) => [arg.name.value, arg]));
        const args: ArgumentNode[] = [...(node.arguments ?? [])].filter(
          (arg) => !PAGE_SIZE_ARGUMENTS.has(arg.name.value),
        );
        for (const size of sizes) {
          const given = written.get(size.name)?.value;
          const value =
            given === undefined
              ? size.defaultValue
              : given.kind === Kind.VARIABLE
                ? variables[given.name.value]
                : given.kind === Kind.INT
                  ? Number(given.value)
                  : undefined;
          // a page larger than any connection serves is refused by its resolver, not priced
          const literal =
            typeof value === 'number'
              ? astFromValue(Math.min(value, MAX_PAGE_SIZE), size.type)
              : given;
          if (literal)
            args.push({
              kind: Kind.ARGUMENT,
              name: { kind: Kind.NAME, value: size.name },
              value: literal as ValueNode,
            });
        }
        return { ...node, arguments: args };
      },
    }),
  );
}

/** The limits an operation breaks, with its variables applied; empty when it is within them. */
export function operationLimitErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables?: Record<string, unknown>,
): readonly GraphQLError[] {
  return validate(schema, withPageSizes(schema, document, variables), LIMIT_RULES);
}

/** Checks every HTTP operation against the limits once its variables are known. */
export const operationLimitsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, request, schema }) {
        const [error] = operationLimitErrors(schema, document, request.variables);
        if (error)
          throw new GraphQLError(error.message, {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
          });
      },
    };
  },
};
