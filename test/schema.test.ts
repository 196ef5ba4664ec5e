import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  GraphQLObjectType,
  getNamedType,
  isNonNullType,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { PERMISSION_KEY, PUBLIC_KEY } from '../src/common/auth/decorators.js';
import { Permission } from '../src/common/auth/policy.js';
import { TestApp } from './support/test-app.js';

const SCHEMA_FILE = new URL('../docs/schema.graphql', import.meta.url);
const HEADER =
  '# Generated from the code-first schema: run `npm run schema` after changing the API.\n\n';

/** docs/schema.graphql is the committed contract; it must match what the code serves. */
describe('docs/schema.graphql', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t?.close());

  it('is up to date with the code', async () => {
    const served =
      HEADER + printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.FLOORWALKER_WRITE_SCHEMA === '1') await writeFile(SCHEMA_FILE, served);
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    if (committed !== served) {
      throw new Error('docs/schema.graphql is stale: run `npm run schema` and commit the result.');
    }
    expect(committed).toContain('type Query');
  });

  it('declares a permission (or @Public) for every query and mutation it serves', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const operations = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      Object.keys(type?.getFields() ?? {}).map((name) => `${type!.name}.${name}`),
    );
    // each resolver method, by the operation Nest registered it as
    const reflector = t.app.get(Reflector);
    const declared = new Map<string, string>();
    const scanner = new MetadataScanner();
    const providers = [...t.app.get(ModulesContainer).values()].flatMap((module) => [
      ...module.providers.values(),
    ]);
    for (const wrapper of providers) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const method of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[method] as () => unknown;
        const type = Reflect.getMetadata('graphql:resolver_type', handler) as string | undefined;
        if (type !== 'Query' && type !== 'Mutation') continue;
        const name = (Reflect.getMetadata('graphql:resolver_name', handler) as string) ?? method;
        const permission = reflector.get<Permission | undefined>(PERMISSION_KEY, handler);
        const isPublic = reflector.get<boolean | undefined>(PUBLIC_KEY, handler);
        declared.set(`${type}.${name}`, isPublic ? 'public' : (permission ?? 'NONE'));
      }
    }
    const undeclared = operations.filter((operation) =>
      [undefined, 'NONE'].includes(declared.get(operation)),
    );
    expect(undeclared).toEqual([]);
    expect(operations.length).toBeGreaterThan(30);
    expect(declared.get('Mutation.login')).toBe('public');
    expect(declared.get('Mutation.grantExpertise')).toBe(Permission.EXPERTISE_GRANT);
  });

  it('lets every mutation with input answer with userErrors alone (its other payload fields are nullable)', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const strict: string[] = [];
    for (const mutation of Object.values(schema.getMutationType()!.getFields())) {
      if (!mutation.args.some((arg) => arg.name === 'input')) continue;
      const payload = getNamedType(mutation.type) as GraphQLObjectType;
      for (const field of Object.values(payload.getFields()))
        if (field.name !== 'userErrors' && isNonNullType(field.type))
          strict.push(`${payload.name}.${field.name}`);
    }
    expect(strict).toEqual([]);
  });
});
