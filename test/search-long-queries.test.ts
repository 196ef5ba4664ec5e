import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { TransactionHost } from '../src/database/transaction-host.js';
import { TipsImportService } from '../src/modules/tips/tips-import.service.js';
import { SEARCH_ENGINE } from '../src/search/search-engine.js';
import type { SearchEngine, SearchRequest } from '../src/search/search-engine.js';
import { SearchIndexer } from '../src/search/search-indexer.js';
import { CORPUS_VOCABULARY, corpus } from './support/search-corpus.js';
import { expectSameAsExhaustive } from './support/same-as-exhaustive.js';
import { TestApp } from './support/test-app.js';

/**
 * Long queries (8–15 words, as when an agent types the customer's sentence): every match
 * level counts, the middle ones too, whose word sets are too many for one tsquery and whose
 * matches are weighed instead; the bounded ranking still returns the exact top.
 */
describe('long queries', () => {
  let t: TestApp;
  let engine: SearchEngine;
  let organizationId: string;
  let agent: string;

  beforeAll(async () => {
    t = await TestApp.start();
    const org = await t.organization('long');
    organizationId = org.id;
    const author = await t.user(org.id, 'agent@long.example', Role.AGENT);
    agent = await t.token('long', 'agent@long.example');
    const report = await t.app
      .get(TipsImportService)
      .import(org.id, author.id, corpus(600).join('\n'));
    expect(report.failed).toEqual([]);
    await t.app.get(SearchIndexer).maintain(); // statistics: the words weigh 1, 2 or 3
    engine = t.app.get<SearchEngine>(SEARCH_ENGINE);
  }, 60_000);
  afterAll(() => t?.close());

  // words of every frequency, common and rare mixed, 8 to 15 of them
  const longQueries = [
    [0, 1, 40, 80, 120, 160, 200, 250],
    [2, 3, 4, 5, 60, 61, 90, 130, 170, 290],
    [0, 2, 5, 9, 14, 20, 30, 45, 70, 100, 140, 180, 220, 260],
    [1, 6, 11, 16, 21, 26, 31, 36, 41, 46, 51, 56, 61, 66, 71],
  ].map((indexes) => indexes.map((i) => CORPUS_VOCABULARY[i]).join(' '));

  it('returns the same page as a ranking of every match, the middle levels weighed', async () => {
    const statements = jest.spyOn(t.app.get(TransactionHost), 'prepared');
    let compared = 0;
    for (const words of longQueries) {
      for (const text of [`${words} `, words.slice(0, -2)]) {
        for (const [first, offset] of [
          [10, 0],
          [5, 20],
        ]) {
          const request: SearchRequest = {
            organizationId,
            text,
            languages: ['en'],
            first,
            offset,
            statuses: ['PUBLISHED', 'NEEDS_REVIEW'],
            withTotals: true,
          };
          compared += await expectSameAsExhaustive(engine, request);
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
    // Some levels were weighed (a minimum weight): the long queries' middle levels.
    const minimums = statements.mock.calls
      .filter(([text]) => text.includes('search_rank'))
      .flatMap(([, values]) => values[11] as number[]);
    statements.mockRestore();
    expect(minimums.some((minimum) => minimum > 0)).toBe(true);
    // ...the hits come from many levels: scores differ in the middle, not just at the ends
    const scores = (
      await engine.search({
        organizationId,
        text: `${longQueries[2]} `,
        languages: ['en'],
        first: 30,
        offset: 0,
        statuses: ['PUBLISHED', 'NEEDS_REVIEW'],
      })
    ).hits.map((hit) => hit.score);
    expect(new Set(scores).size).toBeGreaterThan(3);
  });

  it('finds the tip of a customer’s sentence through GraphQL', async () => {
    const create = `mutation ($input: CreateTipInput!) { createTip(input: $input) { tip { id } } }`;
    const tip = await t.gql(
      create,
      {
        input: {
          title: 'Double charge for one month',
          body: 'Refund the duplicate payment from the billing history.',
          tags: ['billing'],
          publish: true,
        },
      },
      agent,
    );
    const search = (q: string) =>
      t.gql(
        `query ($q: String!) { search(query: $q, first: 3) { edges { node { ... on Tip { id } } } } }`,
        { q },
        agent,
      );
    const sentence =
      'hi so I was looking at my statement and I was charged twice for the same month on my card ';
    const found = await search(sentence);
    expect(found.errors).toBeUndefined();
    expect(found.data!.search.edges[0].node.id).toBe(tip.data!.createTip.tip.id);
    // Past 15 words (stop words aside) the rest is left out: a longer sentence still answers.
    const filler = Array.from({ length: 10 }, (_, i) => `qzx${String.fromCharCode(97 + i)}`);
    const longer = await search(`${sentence}${filler.join(' ')} ${CORPUS_VOCABULARY[0]} `);
    expect(longer.errors).toBeUndefined();
    expect(longer.data!.search.edges[0].node.id).toBe(tip.data!.createTip.tip.id);
  });
});
