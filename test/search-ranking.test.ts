import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { TransactionHost } from '../src/database/transaction-host.js';
import { Role } from '../src/common/auth/role.js';
import { TipsImportService } from '../src/modules/tips/tips-import.service.js';
import { SEARCH_ENGINE } from '../src/search/search-engine.js';
import type { SearchEngine, SearchRequest } from '../src/search/search-engine.js';
import { corpus } from './support/search-corpus.js';
import { expectSameAsExhaustive } from './support/same-as-exhaustive.js';
import { TestApp } from './support/test-app.js';

describe('search ranking', () => {
  let t: TestApp;
  let engine: SearchEngine;
  let organizationId: string;
  let agent: string;

  beforeAll(async () => {
    t = await TestApp.start();
    const org = await t.organization('rank');
    organizationId = org.id;
    const author = await t.user(org.id, 'agent@rank.example', Role.AGENT);
    agent = await t.token('rank', 'agent@rank.example');
    const report = await t.app
      .get(TipsImportService)
      .import(org.id, author.id, corpus(600).join('\n'));
    expect(report.failed).toEqual([]);
    engine = t.app.get<SearchEngine>(SEARCH_ENGINE);
  });
  afterAll(() => t?.close());

  it('ranks a word in the title above one in the tags above one in the body', async () => {
    const create = `mutation ($input: CreateTipInput!) { createTip(input: $input) { tip { id } } }`;
    const ids: string[] = [];
    for (const [title, tags, body] of [
      ['Descale the office machine', [], 'Use the zyxkettle cleaner.'],
      ['Office machine care', ['zyxkettle'], 'Weekly.'],
      ['Zyxkettle is leaking', [], 'Call facilities.'],
    ] as const) {
      const result = await t.gql(create, { input: { title, tags, body, publish: true } }, agent);
      ids.push(result.data?.createTip.tip.id);
    }
    const found = await t.gql(
      `query { search(query: "zyxkettle ", first: 5) { edges { score node { ... on Tip { id } } } } }`,
      {},
      agent,
    );
    const edges = found.data?.search.edges as { score: number; node: { id: string } }[];
    expect(edges.map((edge) => edge.node.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(edges.map((edge) => edge.score)).toEqual([1.2, 1.1, 1]);
  });

  it('reads the same hits from its indexes as a ranking of every match', async () => {
    const queries = [
      'ka', // shorter than a prefix: a whole word
      'kar', // a 3-letter prefix of the most frequent words
      'lore',
      'mika ',
      'kalo ',
      'sare tuka',
      'kaka rere lolo',
      'poka mika sare tu',
      'kakka ', // a typo
      'rekalo kasa mitu pova dere gomi',
      // the most common word with two rare ones, whole or being typed: the index looks up
      // the rare ones and checks the common one on their matches
      'kakaka dekare gokare',
      'dekare gokare kak',
    ];
    const statements = jest.spyOn(t.app.get(TransactionHost), 'prepared');
    let compared = 0;
    for (const text of queries) {
      for (const [first, offset] of [
        [10, 0],
        [5, 5],
        [3, 40],
      ]) {
        for (const statuses of [['PUBLISHED', 'NEEDS_REVIEW'], ['ARCHIVED']]) {
          const request: SearchRequest = {
            organizationId,
            text,
            languages: ['en'],
            first,
            offset,
            statuses,
            withTotals: true,
          };
          compared += await expectSameAsExhaustive(engine, request);
        }
      }
    }
    // The queries do find something: the comparison is not between two empty lists.
    expect(compared).toBeGreaterThan(200);
    // ...and every way of reading a match class was among those compared.
    const reads = statements.mock.calls
      .filter(([text]) => text.includes('search_rank'))
      .flatMap(([, values]) => values[6] as string[]);
    statements.mockRestore();
    expect(new Set(reads)).toEqual(new Set(['lookup', 'probe', 'sort', 'walk']));
  });

  it('reads each class the same whichever way, and whether or not a probe fills the page', async () => {
    const manager = t.app.get(TransactionHost).manager;
    const rank = async (read: string, budget: number, query = "'kaka' | 'kaka':*") => {
      const rows: { branch: number; doc_id: string }[] = await manager.query(
        `SELECT branch, doc_id FROM search_rank($1, $2, NULL, NULL, $3::tsquery[], '{NULL}', $4, 11, $5)`,
        [organizationId, ['PUBLISHED', 'NEEDS_REVIEW'], [query], [read, read, read], budget],
      );
      return [...new Map(rows.map((row) => [row.doc_id, row.branch]))];
    };
    for (const query of ["'kaka' | 'kaka':*", "'rekalo'", "'gokare' | 'gokare':*"]) {
      const sorted = await rank('sort', 0, query);
      expect(sorted.length).toBeGreaterThan(0);
      expect(await rank('walk', 0, query)).toEqual(sorted);
      expect(await rank('probe', 1, query)).toEqual(sorted); // the walk stops at once
      expect(await rank('probe', 10_000, query)).toEqual(sorted); // the walk fills the page
    }
  });

  it('filters by tag the same way in both', async () => {
    const request: SearchRequest = {
      organizationId,
      text: 'kaka',
      languages: ['en'],
      first: 10,
      offset: 0,
      statuses: ['PUBLISHED'],
      tags: ['topic-3'],
    };
    const bounded = await engine.search(request);
    expect(bounded.hits.length).toBe(10);
    expect(bounded.hits).toEqual((await engine.search({ ...request, exhaustive: true })).hits);
  });
});
