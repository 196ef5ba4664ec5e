import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createServer } from 'node:net';
import { Role } from '../src/common/auth/role.js';
import { requiredIdOf, toGlobalId } from '../src/common/graphql/global-id.js';
import { TransactionHost } from '../src/database/transaction-host.js';
import { SearchEngineRouter } from '../src/search/search-engine-router.js';
import { SearchIndexer } from '../src/search/search-indexer.js';
import { SearchOutbox } from '../src/search/search-outbox.js';
import { SearchReindexer } from '../src/search/search-reindexer.js';
import { SearchReindexes } from '../src/search/search-reindexes.js';
import { BrokenMeilisearch } from './support/broken-meilisearch.js';
import { TestApp } from './support/test-app.js';

/** A port on this machine where nothing listens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Meilisearch faults, against a stand-in that fails on demand (BrokenMeilisearch: a
 * stand-in for faults, not for search behaviour): the API starts without it, PostgreSQL
 * answers while it is unreachable, failing or behind, the outbox loses nothing and catches
 * up, and Meilisearch answers again once it is well.
 */
describe('Meilisearch faults', () => {
  it('starts without waiting for a Meilisearch that is not there, and searches with PostgreSQL', async () => {
    const t = await TestApp.start({ MEILI_URL: `http://127.0.0.1:${await freePort()}` });
    try {
      const org = await t.organization('nomeili');
      await t.user(org.id, 'agent@nomeili.example', Role.AGENT);
      const token = await t.token('nomeili', 'agent@nomeili.example');
      await t.gql(
        `mutation { createTip(input: {title: "Refund a double charge", body: "Use the billing page.", tags: [], publish: true}) { tip { id } } }`,
        {},
        token,
      );
      await t.app.get(SearchIndexer).tick();
      const found = await t.gql(
        `{ search(query: "refund") { edges { node { ... on Tip { title } } } } }`,
        {},
        token,
      );
      expect(found.data!.search.edges).toEqual([{ node: { title: 'Refund a double charge' } }]);
      const ready = await fetch(`${t.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ok',
        database: 'up',
        search: { engine: 'postgres', reason: 'unreachable' },
      });
      // the change waits in the outbox until Meilisearch's indexes can be set up
      expect(await t.app.get(SearchOutbox).size()).toBe(1);
    } finally {
      await t.close();
    }
  }, 60_000);

  describe('with a stand-in that fails on demand', () => {
    let meili: BrokenMeilisearch;
    let t: TestApp;
    let token: string;
    let router: SearchEngineRouter;
    let indexer: SearchIndexer;
    let tips = 0;
    const search = (q: string) =>
      t.gql(
        `query ($q: String!) { search(query: $q) { edges { node { ... on Tip { title } } } } }`,
        { q },
        token,
      );
    const createTip = async (title: string) => {
      tips++;
      const result = await t.gql(
        `mutation ($title: String!) { createTip(input: {title: $title, body: "Steps.", tags: [], publish: true}) { tip { id } } }`,
        { title },
        token,
      );
      // the index knows tips by their own id, GraphQL by a global one
      return requiredIdOf(result.data!.createTip.tip.id, 'Tip');
    };
    /** Skips the outbox's backoff wait, as if it had passed. */
    const waitPassed = () =>
      t.app
        .get(TransactionHost)
        .manager.query(`UPDATE search_outbox SET available_at = clock_timestamp()`);

    beforeAll(async () => {
      meili = await new BrokenMeilisearch().start();
      t = await TestApp.start({ MEILI_URL: meili.url, MEILI_MAX_LAG: '2' });
      const org = await t.organization('meili');
      await t.user(org.id, 'agent@meili.example', Role.AGENT);
      token = await t.token('meili', 'agent@meili.example');
      router = t.app.get(SearchEngineRouter);
      indexer = t.app.get(SearchIndexer);
    }, 60_000);
    afterAll(async () => {
      await t?.close();
      await meili?.stop();
    });

    it('applies the settings, delivers the outbox and answers from Meilisearch', async () => {
      const id = await createTip('Meilisearch answers this');
      await indexer.tick();
      expect(meili.requests).toContain('PATCH /indexes/tips/settings');
      expect(meili.indexed('tips')).toEqual([id]);
      expect(router.serving()).toEqual({ engine: 'meilisearch', reason: null });
      const before = meili.requests.length;
      const found = await search('meilisearch');
      expect(found.data!.search.edges).toEqual([{ node: { title: 'Meilisearch answers this' } }]);
      expect(meili.requests.slice(before)).toContain('POST /multi-search');
      expect(await t.app.get(SearchOutbox).size()).toBe(0);
    });

    it('answers from PostgreSQL while searches fail, and goes back after a while', async () => {
      meili.fault = 'errors';
      const found = await search('meilisearch');
      expect(found.data!.search.edges).toEqual([{ node: { title: 'Meilisearch answers this' } }]);
      expect(router.serving()).toEqual({ engine: 'postgres', reason: 'failing' });
      meili.fault = 'none';
      // the health check passes, but a failed search keeps PostgreSQL on for a while
      await router.probe();
      expect(router.serving().reason).toBe('failing');
      const now = Date.now();
      const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 11_000);
      try {
        expect(await router.probe()).toEqual({ engine: 'meilisearch', reason: null });
      } finally {
        clock.mockRestore();
      }
    });

    it('falls back when a search gets no answer in time', async () => {
      meili.fault = 'timeouts';
      const started = Date.now();
      const found = await search('meilisearch');
      expect(found.data!.search.edges).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(router.serving().reason).toBe('failing');
      meili.fault = 'none';
    });

    it('keeps failed tasks in the outbox and delivers them later', async () => {
      meili.fault = 'failed-tasks';
      const id = await createTip('Delivered after a failed task');
      await indexer.drain().catch(() => {});
      expect(meili.indexed('tips')).not.toContain(id);
      const [row] = await t.app
        .get(TransactionHost)
        .manager.query(`SELECT attempts, last_error FROM search_outbox`);
      expect(row.attempts).toBe(1);
      expect(row.last_error).toMatch(/failed/);
      meili.fault = 'none';
      await waitPassed();
      await indexer.drain();
      expect(meili.indexed('tips')).toContain(id);
    });

    it('loses nothing while Meilisearch is down, says it lags, and catches up', async () => {
      const port = Number(new URL(meili.url).port);
      await meili.stop();
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push(await createTip(`Written while down ${i}`));
      await indexer.drain().catch(() => {});
      expect(await router.probe()).toEqual({ engine: 'postgres', reason: 'unreachable' });
      // searches keep working
      expect((await search('written while down')).data!.search.edges).toHaveLength(5);
      await meili.start(port);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      // back, but behind: the oldest change waited past MEILI_MAX_LAG (and the search that
      // failed a test ago is long past)
      const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 11_000);
      try {
        expect(await router.probe()).toEqual({ engine: 'postgres', reason: 'lagging' });
      } finally {
        clock.mockRestore();
      }
      await waitPassed();
      await indexer.drain();
      for (const id of ids) expect(meili.indexed('tips')).toContain(id);
      expect(meili.indexed('tips')).toHaveLength(tips);
      const clock2 = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 11_000);
      try {
        expect(await router.probe()).toEqual({ engine: 'meilisearch', reason: null });
      } finally {
        clock2.mockRestore();
      }
    }, 30_000);

    it('reindexes into new indexes and swaps them in, keeping what changed during the copy', async () => {
      const edited = await createTip('Edited while the reindex copies');
      await indexer.drain();
      const before = meili.requests.length;
      const seen: [number, number][] = [];
      // the tip changes after the copy has read it and before the copy is sent: the new index
      // gets the change first, then the copy's older version, then the change again when
      // what changed meanwhile is sent again before the swap
      const reindexes = t.app.get(SearchReindexes);
      const read = reindexes.documentsAfter.bind(reindexes);
      let edits = 0;
      const changedAfterCopy = jest
        .spyOn(reindexes, 'documentsAfter')
        .mockImplementation(async (after, limit) => {
          const page = await read(after, limit);
          if (edits++ === 0) {
            await t.gql(
              `mutation ($id: ID!) { updateTip(input: {id: $id, title: "Edited during the copy"}) { tip { id } } }`,
              { id: toGlobalId('Tip', edited) },
              token,
            );
            await indexer.drain();
          }
          return page;
        });
      const outcome = await t.app
        .get(SearchReindexer)
        .reindex((done, total) => seen.push([done, total]))
        .finally(() => changedAfterCopy.mockRestore());
      await indexer.drain();
      expect(outcome).toMatchObject({ done: true, documents: tips });
      expect(seen[0]).toEqual([0, tips]);
      expect(seen.at(-1)).toEqual([tips, tips]);
      expect(meili.requests.slice(before)).toContain('POST /swap-indexes');
      // only the live indexes are left, with every tip, the edit included
      expect([...meili.documents.keys()].sort()).toEqual(['questions', 'tips']);
      expect(meili.indexed('tips')).toHaveLength(tips);
      const stored = meili.documents.get('tips')!.get(edited)!.stored as { title: string };
      expect(stored.title).toBe('Edited during the copy');
      // one at a time
      await t.app
        .get(TransactionHost)
        .manager.query(`INSERT INTO search_reindexes (suffix) VALUES ('other')`);
      expect(await t.app.get(SearchReindexer).reindex()).toEqual({
        done: false,
        reason: 'Another reindex is in progress.',
      });
      await t.app.get(TransactionHost).manager.query(`DELETE FROM search_reindexes`);
    });

    it('reindexes at start-up when the indexes hold other settings', async () => {
      meili.settings.set('tips', { rankingRules: ['words'] });
      const other = await TestApp.start({ MEILI_URL: meili.url });
      try {
        const before = meili.requests.length;
        await other.app.get(SearchIndexer).tick();
        for (let i = 0; i < 50 && !meili.requests.slice(before).includes('POST /swap-indexes'); i++)
          await new Promise((resolve) => setTimeout(resolve, 100));
        expect(meili.requests.slice(before)).toContain('POST /swap-indexes');
        expect(meili.settings.get('tips')).toMatchObject({
          rankingRules: expect.arrayContaining(['typo']),
        });
      } finally {
        await other.close();
      }
    }, 60_000);

    const withTwoInstances = process.env.DATABASE_URL ? it : it.skip;
    withTwoInstances(
      'delivers everything, in batches, when two API instances drain at once (PostgreSQL only)',
      async () => {
        const other = await t.alongside({ MEILI_URL: meili.url });
        try {
          await other.app.get(SearchIndexer).tick(); // its indexes are checked
          const outbox = t.app.get(SearchOutbox);
          const organizationId = (
            await t.app
              .get(TransactionHost)
              .manager.query(`SELECT id FROM organizations WHERE slug = 'meili'`)
          )[0].id;
          const ids = await t.app
            .get(TransactionHost)
            .manager.query(`SELECT id FROM tips WHERE organization_id = $1`, [organizationId]);
          // every tip changed three times over, then both instances deliver
          for (let i = 0; i < 3; i++)
            await outbox.add(
              ids.map(({ id }: { id: string }) => ({ organizationId, type: 'TIP' as const, id })),
            );
          const deliveries = meili.requests.filter(
            (r) => r === 'POST /indexes/tips/documents',
          ).length;
          await Promise.all([indexer.drain(), other.app.get(SearchIndexer).drain()]);
          await Promise.all([indexer.drain(), other.app.get(SearchIndexer).drain()]);
          expect(await outbox.size()).toBe(0);
          expect(meili.indexed('tips')).toHaveLength(tips);
          // batches, not a request per change
          expect(
            meili.requests.filter((r) => r === 'POST /indexes/tips/documents').length - deliveries,
          ).toBeLessThanOrEqual(4);
        } finally {
          await other.close();
        }
      },
      60_000,
    );

    it('lets a claim left by a stopped instance run out, and never delivers one document twice at once', async () => {
      const outbox = t.app.get(SearchOutbox);
      const a = await createTip('Claimed by an instance that stopped');
      const b = await createTip('Claimed by an instance that stopped, twice');
      await indexer.drain(); // their own delivery is done
      const organizationId = (
        await t.app
          .get(TransactionHost)
          .manager.query(`SELECT organization_id FROM tips WHERE id = $1`, [a])
      )[0].organization_id;
      await outbox.add([a, b].map((id) => ({ organizationId, type: 'TIP' as const, id })));
      // an instance claims and stops before delivering
      const stale = await outbox.claim(10, 60);
      expect(stale.map(({ id }) => id).sort()).toEqual([a, b].sort());
      // a new change to one of them waits: its document is claimed
      await t.gql(
        `mutation ($id: ID!) { updateTip(input: {id: $id, title: "Claimed, then edited"}) { tip { id } } }`,
        { id: toGlobalId('Tip', a) },
        token,
      );
      expect(await outbox.claim(10, 60)).toEqual([]);
      // the claim runs out
      await t.app
        .get(TransactionHost)
        .manager.query(
          `UPDATE search_outbox SET claimed_until = clock_timestamp() - interval '1 second'`,
        );
      // two deliveries at once take disjoint documents
      const [first, second] = await Promise.all([outbox.claim(10, 60), outbox.claim(10, 60)]);
      const firstIds = new Set(first.map(({ id }) => id));
      expect(second.filter(({ id }) => firstIds.has(id))).toEqual([]);
      await t.app
        .get(TransactionHost)
        .manager.query(`UPDATE search_outbox SET claimed_until = NULL`);
      await indexer.drain();
      expect(await outbox.size()).toBe(0);
      const stored = meili.documents.get('tips')!.get(a)!;
      expect((stored.stored as { title: string }).title).toBe('Claimed, then edited');
    });
  });
});
