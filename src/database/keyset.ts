import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** The position after which a page starts: the last row's sort key. */
export interface Keyset {
  createdAt: Date;
  id: string;
}

export interface PageArgs {
  first: number;
  after: Keyset | null;
}

/** One page of a list ordered by (createdAt, id). */
export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** Applies keyset pagination on `alias.createdAt, alias.id` and runs the query. */
export async function paginate<T extends ObjectLiteral & Keyset>(
  query: SelectQueryBuilder<T>,
  alias: string,
  { first, after }: PageArgs,
): Promise<Page<T>> {
  if (after) {
    query.andWhere(`(${alias}.createdAt, ${alias}.id) > (:afterCreatedAt, :afterId)`, {
      afterCreatedAt: after.createdAt,
      afterId: after.id,
    });
  }
  const rows = await query
    .orderBy(`${alias}.createdAt`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .limit(first + 1)
    .getMany();
  return {
    nodes: rows.slice(0, first),
    hasNextPage: rows.length > first,
    hasPreviousPage: after !== null,
  };
}
