import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
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
});
