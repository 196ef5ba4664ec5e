import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { SearchEngineRouter } from '../src/search/search-engine-router.js';
import { SearchIndexer } from '../src/search/search-indexer.js';
import { SearchOutbox } from '../src/search/search-outbox.js';
import { TestApp } from './support/test-app.js';

/**
 * One behaviour suite for every search engine, through GraphQL: PostgreSQL always, and a
 * real Meilisearch when MEILI_URL (and MEILI_KEY if it needs one) is set:
 *
 *   MEILI_URL=http://127.0.0.1:7700 MEILI_KEY=… npm test -- test/search-engines.test.ts
 *
 * Without MEILI_URL the Meilisearch run is skipped and reported as skipped (no Meilisearch
 * server can be installed on this project's machines). A case whose expectation differs by
 * engine says so with `on.postgres`/`on.meilisearch`.
 */
const engines = [
  { name: 'postgres' as const, runs: true, env: {} as Record<string, string> },
  {
    name: 'meilisearch' as const,
    runs: !!process.env.MEILI_URL,
    env: {
      MEILI_URL: process.env.MEILI_URL ?? '',
      ...(process.env.MEILI_KEY ? { MEILI_KEY: process.env.MEILI_KEY } : {}),
    },
  },
];

for (const { name, runs, env } of engines)
  // without MEILI_URL, the Meilisearch cases are reported as skipped, never as passed
  (runs ? describe : describe.skip)(`search behaviour on ${name}`, () => {
    let t: TestApp;
    let agent: string;
    let otherAgent: string;
    const ids: Record<string, string> = {};
    /** Expectations that differ by engine. */
    const on = { postgres: name === 'postgres', meilisearch: name === 'meilisearch' };

    const tip = async (
      token: string,
      key: string,
      title: string,
      body: string,
      tags: string[] = [],
      language = 'en',
    ) => {
      const result = await t.gql(
        `mutation ($input: CreateTipInput!) { createTip(input: $input) { tip { id } userErrors { message } } }`,
        { input: { title, body, tags, language, publish: true } },
        token,
      );
      ids[key] = result.data!.createTip.tip.id;
    };
    const search = async (query: string, args = '') => {
      const result = await t.gql(
        `query ($q: String!) { search(query: $q, first: 10${args}) { edges { titleHighlight node { ... on Tip { id } } } } }`,
        { q: query },
        agent,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.search.edges as { titleHighlight: string; node: { id: string } }[];
    };
    const found = async (query: string, args = '') =>
      (await search(query, args)).map((e) => e.node.id);

    beforeAll(async () => {
      t = await TestApp.start(env);
      const org = await t.organization('engines');
      await t.user(org.id, 'agent@engines.example', Role.AGENT);
      agent = await t.token('engines', 'agent@engines.example');
      await t.user(org.id, 'admin@engines.example', Role.ADMIN);
      const admin = await t.token('engines', 'admin@engines.example');
      const other = await t.organization('elsewhere');
      await t.user(other.id, 'agent@elsewhere.example', Role.AGENT);
      otherAgent = await t.token('elsewhere', 'agent@elsewhere.example');
      await tip(
        agent,
        'refund',
        'Refund a double charge',
        'Open the billing history and refund the duplicate.',
        ['billing'],
      );
      await tip(
        agent,
        'wifi',
        'Phone will not connect to the wifi',
        'Forget the network and join again.',
        ['devices'],
      );
      await tip(
        agent,
        'password',
        'Reset a forgotten password',
        'Send the reset link <b>now</b>.',
        ['account'],
      );
      await tip(agent, 'persian', 'تماس با پشتیبانی‌کننده', 'برای شکایت کد پیگیری بدهید.');
      await tip(agent, 'arabicLetters', 'كارت هديه', 'کارت را فعال کنید.');
      await tip(agent, 'compoundApart', 'راهنمای پشتیبانی کننده', 'برای مشتری.', [], 'fa');
      await tip(agent, 'finnish', 'Puhelinkeskus ei vastaa', 'Tee linjatesti.', [], 'fi');
      await tip(otherAgent, 'elsewhere', 'Refund in another organization', 'Not yours.');
      const synonyms = await t.gql(
        `mutation { addSynonyms(input: {terms: ["reimbursement", "refund"]}) { userErrors { message } } }`,
        {},
        admin,
      );
      expect(synonyms.data!.addSynonyms.userErrors).toEqual([]);
      if (on.meilisearch) {
        const indexer = t.app.get(SearchIndexer);
        for (let i = 0; i < 50; i++) {
          await indexer.tick();
          if (
            (await t.app.get(SearchOutbox).size()) === 0 &&
            t.app.get(SearchEngineRouter).serving().engine === 'meilisearch'
          )
            break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        expect(t.app.get(SearchEngineRouter).serving()).toEqual({
          engine: 'meilisearch',
          reason: null,
        });
      }
    }, 120_000);
    afterAll(() => t?.close());

    it('finds a title by its words and the word being typed as a prefix', async () => {
      expect((await found('refund double charge '))[0]).toBe(ids.refund);
      expect((await found('passw'))[0]).toBe(ids.password);
    });

    it('tolerates a typo in a word of five letters or more', async () => {
      expect((await found('pasword '))[0]).toBe(ids.password);
    });

    it('matches other forms of an English word', async () => {
      expect((await found('connecting wifi '))[0]).toBe(ids.wifi);
    });

    it('uses the organization’s synonyms', async () => {
      expect(await found('reimbursement ')).toContain(ids.refund);
    });

    it('treats Persian letter variants and the zero-width non-joiner alike', async () => {
      expect(await found('کارت هدیه ')).toContain(ids.arabicLetters);
      expect(await found('پشتیبانیکننده ')).toContain(ids.persian);
    });

    it('finds a Persian compound written apart by its joined form', async () => {
      expect(await found('پشتیبانیکننده ')).toContain(ids.compoundApart);
    });

    it('finds Finnish inflections', async () => {
      expect(await found('puhelinkeskuksessa ')).toContain(ids.finnish);
    });

    it('searches by stop words when they are all the query has', async () => {
      expect(await found('will not ')).toContain(ids.wifi);
    });

    it('never returns another organization’s tips', async () => {
      const hits = await found('refund ');
      expect(hits).toContain(ids.refund);
      expect(hits).not.toContain(ids.elsewhere);
    });

    it('filters by tag', async () => {
      expect(await found('refund ', ', tags: ["account"]')).toEqual([]);
      expect(await found('refund ', ', tags: ["billing"]')).toEqual([ids.refund]);
    });

    it('highlights matches in escaped HTML', async () => {
      const [edge] = await search('refund ');
      expect(edge.titleHighlight).toBe('<mark>Refund</mark> a double charge');
    });
  });
