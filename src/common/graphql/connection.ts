import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { Keyset, Page, PageArgs } from '../../database/keyset.js';
import { badInput } from './errors.js';
import { parseDateTime } from './date-time.scalar.js';
import { UUID } from './global-id.js';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 20, description: `From 1 to ${MAX_PAGE_SIZE}.` })
  first: number = 20;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

/** Checks the page size (an unbounded list would overload the server) and decodes the cursor. */
export function checkPageArgs({ first, after }: ConnectionArgs): PageArgs {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`"first" must be from 1 to ${MAX_PAGE_SIZE}; got ${first}.`);
  }
  return { first, after: after ? decodeCursor(after) : null };
}

/** Cursors are opaque to clients: base64url of the row's sort key. */
export function encodeCursor({ createdAt, id }: Keyset): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): Keyset {
  try {
    const [createdAt, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    const at = parseDateTime(createdAt);
    if (at && typeof id === 'string' && UUID.test(id)) return { createdAt: at, id };
  } catch {
    // reported below
  }
  throw badInput('The cursor "after" is not one this list returned.');
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Builds the `XConnection` and `XEdge` types of a Relay connection over `node`. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionClass;
}

/** Turns a repository page into a connection, mapping each row to its GraphQL object. */
export function toConnection<R extends Keyset, T>(
  page: Page<R>,
  map: (row: R) => T,
): Connection<T> {
  const edges = page.nodes.map((row) => ({ node: map(row), cursor: encodeCursor(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Cursors of lists paged by position (search results, bookmarks). */
export const offsetCursor = (offset: number) =>
  Buffer.from(`offset:${offset}`).toString('base64url');

export function offsetOf(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const match = /^offset:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('The cursor "after" is not one this list returned.');
  return Number(match[1]);
}

/** Page info of a position-paged list whose edges start after `offset`. */
export function offsetPageInfo(
  edges: { cursor: string }[],
  offset: number,
  hasNextPage: boolean,
): PageInfo {
  return {
    hasNextPage,
    hasPreviousPage: offset > 0,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}

/** The page a position-paged list asks for: its size (checked) and the position after its cursor. */
export function pageOf(args: { first: number; after?: string | null }): {
  offset: number;
  first: number;
} {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE)
    throw badInput(`"first" must be from 1 to ${MAX_PAGE_SIZE}; got ${args.first}.`);
  return { offset: offsetOf(args.after), first: args.first };
}

/** A connection over a list read with one more than the page, by position. */
export function byPosition<T>(rows: T[], offset: number, first: number): Connection<T> {
  const edges = rows
    .slice(0, first)
    .map((node, i) => ({ node, cursor: offsetCursor(offset + i + 1) }));
  return { edges, pageInfo: offsetPageInfo(edges, offset, rows.length > first) };
}
