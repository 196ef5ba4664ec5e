import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** One page of a keyset-paginated list, ordered by (createdAt, id). */
export interface Page<T> {
  items: { node: T; cursor: string }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export interface PageArgs {
  first: number;
  after?: string | null;
}

export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not one this list returned.');
  }
}

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(value[1])
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // falls through to the error below
  }
  throw new InvalidCursorError();
}

/** Applies keyset pagination on `alias.createdAt, alias.id` and runs the query. */
export async function paginate<T extends ObjectLiteral & { createdAt: Date; id: string }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  { first, after }: PageArgs,
): Promise<Page<T>> {
  if (after) {
    const [createdAt, id] = decodeCursor(after);
    query.andWhere(`(${alias}.createdAt, ${alias}.id) > (:cursorCreatedAt, :cursorId)`, {
      cursorCreatedAt: createdAt,
      cursorId: id,
    });
  }
  const rows = await query
    .orderBy(`${alias}.createdAt`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .limit(first + 1)
    .getMany();
  return {
    items: rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor(node.createdAt, node.id) })),
    hasNextPage: rows.length > first,
    hasPreviousPage: Boolean(after),
  };
}
