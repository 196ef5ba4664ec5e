import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** Dates outside these years are typing mistakes or probes (PostgreSQL stores none before 4713 BC). */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(10000, 0, 1);
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A date and time the server can store, from an ISO 8601 string; null for anything else. */
export function parseDateTime(value: unknown): Date | null {
  const parts = typeof value === 'string' ? ISO_DATE_TIME.exec(value) : null;
  if (!parts) return null;
  // JavaScript reads "2026-02-31" as March 3rd: the written day must exist
  const [year, month, day] = parts.slice(1, 4).map(Number);
  const written = new Date(Date.UTC(year, month - 1, day));
  if (written.getUTCMonth() !== month - 1 || written.getUTCDate() !== day) return null;
  const date = new Date(value as string);
  const time = date.getTime();
  return Number.isNaN(time) || time < EARLIEST || time >= LATEST ? null : date;
}

function parse(value: unknown): Date {
  const date = parseDateTime(value);
  if (date) return date;
  throw new GraphQLError(
    `"${String(value).slice(0, 40)}" is not a date and time: send ISO 8601 such as "2026-11-30T09:00:00Z", from 1970 to 9999.`,
    { extensions: { code: 'BAD_USER_INPUT' } },
  );
}

/** `DateTime`, checked strictly: it replaces the default scalar, which lets "garbage" through as an invalid date. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'A date and time in ISO 8601, e.g. "2026-11-30T09:00:00Z".',
  serialize: (value) => (value instanceof Date ? value : new Date(value as string)).toISOString(),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
