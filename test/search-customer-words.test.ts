import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { SearchIndexer } from '../src/search/search-indexer.js';
import { TestApp } from './support/test-app.js';

/**
 * Agents type what the customer said: a rare word ("logging") weighs more than common ones
 * ("every", "minutes"), so a tip matching the rare words wins over one matching as many
 * common words.
 */
describe('search weighs the customer’s words by how informative they are', () => {
  let t: TestApp;
  let agent: string;
  const ids: Record<string, string> = {};
  const create = async (key: string, title: string, body: string, tags: string[] = []) => {
    const result = await t.gql(
      `mutation ($input: CreateTipInput!) { createTip(input: $input) { tip { id } } }`,
      { input: { title, body, tags, publish: true } },
      agent,
    );
    ids[key] = result.data!.createTip.tip.id;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    const org = await t.organization('words');
    await t.user(org.id, 'agent@words.example', Role.AGENT);
    agent = await t.token('words', 'agent@words.example');
    // the tip that helps, written first: the oldest, last in the static order
    await create('logout', 'Customer is logged out of the app', 'Clear the session and sign in.');
    for (let i = 0; i < 10; i++)
      await create(`queue${i}`, `Check the queue every few minutes ${i}`, `Queue number ${i}.`);
    for (let i = 0; i < 9; i++)
      await create(`other${i}`, `Parcel question ${i}`, `Ask for the parcel number ${i}.`);
    await t.app.get(SearchIndexer).maintain(); // the statistics the weights come from
  }, 60_000);
  afterAll(() => t?.close());

  const top = async (query: string) => {
    const result = await t.gql(
      `query ($q: String!) { search(query: $q, first: 3) { edges { score node { ... on Tip { id } } } } }`,
      { q: query },
      agent,
    );
    return result.data!.search.edges as { score: number; node: { id: string } }[];
  };

  it('puts the tip with the rare words first', async () => {
    const edges = await top('the app keeps logging me out every few minutes ');
    expect(edges[0].node.id).toBe(ids.logout);
    // its class is the weight of "app" and "logging", above "every" and "minutes" together
    expect(edges[0].score).toBeGreaterThan(edges[1].score);
  });

  it('still finds by common words alone', async () => {
    const edges = await top('every few minutes ');
    expect(edges).toHaveLength(3);
    expect(edges.map((edge) => edge.node.id)).not.toContain(ids.logout);
  });

  it('matches other English forms of the customer’s words, and the word being typed as a prefix', async () => {
    await create(
      'wifi',
      'Phone will not connect to the wifi',
      'Forget the network and join again.',
    );
    const said = await top('my new phone keeps disconnecting and is not connecting to wifi ');
    expect(said[0].node.id).toBe(ids.wifi);
    const typing = await top('phone connec');
    expect(typing[0].node.id).toBe(ids.wifi);
  });

  it('takes a word naming one of the organization’s tags as strong evidence', async () => {
    // "parcel" is in half the tips: a common word, outweighed by one rarer word...
    await create('parcelEvery', 'Parcel question every day', 'Ask again tomorrow.');
    await create('courier', 'Courier is late', 'Call the depot.');
    await t.app.get(SearchIndexer).maintain();
    const query = 'parcel every courier ';
    const before = await top(query);
    expect(before[0].node.id).toBe(ids.courier);
    // ...until it names a tag: then it weighs as much as the rarest word
    await create('tagged', 'Returns desk hours', 'Weekdays only.', ['parcel']);
    const after = await top(query);
    expect(after[0].node.id).toBe(ids.parcelEvery);
    expect(after[0].score).toBeGreaterThan(before[0].score);
  });
});
