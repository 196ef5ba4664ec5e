import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { idOfType } from '../src/common/graphql/global-id.js';
import { TransactionHost } from '../src/database/transaction-host.js';
import { SEARCH_ENGINE, SearchEngine } from '../src/search/search-engine.js';
import { TestApp } from './support/test-app.js';

const CREATE = `mutation ($input: CreateTipInput!) {
  createTip(input: $input) { tip { id } userErrors { field message code } }
}`;
const UPDATE = `mutation ($input: UpdateTipInput!) {
  updateTip(input: $input) { tip { revision } userErrors { message } }
}`;
const USED = `mutation ($input: TipIdInput!) { markTipUsed(input: $input) { tip { usedCount } userErrors { message } } }`;
const HELPFUL = `mutation ($input: SetTipHelpfulInput!) { setTipHelpful(input: $input) { tip { helpfulCount } userErrors { message } } }`;

/** Evidence that recognition will credit must come out exact when many clients write at once. */
describe('concurrent writes to tips', () => {
  let t: TestApp;
  let author: string;
  let agent: string;
  let tipId: string;

  let organizationId: string;

  const sql = (text: string, values: unknown[] = []) =>
    t.app.get(TransactionHost).manager.query(text, values) as Promise<Record<string, unknown>[]>;
  const indexedReuse = async (globalId: string) =>
    (
      await sql(`SELECT reuse FROM search_documents WHERE doc_id = $1`, [idOfType(globalId, 'Tip')])
    )[0].reuse;

  beforeAll(async () => {
    t = await TestApp.start();
    const org = await t.organization('acme');
    organizationId = org.id;
    await t.user(org.id, 'author@acme.example');
    await t.user(org.id, 'agent@acme.example');
    await t.user(org.id, 'lead@acme.example', Role.TEAM_LEAD);
    [author, agent] = await Promise.all([
      t.token('acme', 'author@acme.example'),
      t.token('acme', 'agent@acme.example'),
    ]);
    const created = await t.gql(
      CREATE,
      { input: { title: 'Refund twice charged', body: 'Check the ledger.', publish: true } },
      author,
    );
    tipId = created.data!.createTip.tip.id;
  });
  afterAll(() => t?.close());

  it('counts 20 simultaneous "used on call" by one agent once, and the index learns the reuse', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.gql(USED, { input: { id: tipId } }, agent)),
    );
    expect(answers.every((answer) => answer.errors === undefined)).toBe(true);
    const events = await sql(`SELECT 1 FROM domain_events WHERE type = 'tip.used'`);
    expect(events).toHaveLength(1);
    const again = await t.gql(USED, { input: { id: tipId } }, agent);
    expect(again.data?.markTipUsed.tip.usedCount).toBe(1);
    expect(await indexedReuse(tipId)).toBe(1);
  });

  it('counts simultaneous helpful votes exactly, in the tip and the index', async () => {
    const tokens = await Promise.all(
      ['v1', 'v2', 'v3', 'v4', 'v5'].map(async (name) => {
        await t.user(organizationId, `${name}@acme.example`);
        return t.token('acme', `${name}@acme.example`);
      }),
    );
    await Promise.all(
      tokens.flatMap((token) =>
        [true, true, true].map(() =>
          t.gql(HELPFUL, { input: { id: tipId, helpful: true } }, token),
        ),
      ),
    );
    const last = await t.gql(HELPFUL, { input: { id: tipId, helpful: true } }, tokens[0]);
    expect(last.data?.setTipHelpful.tip.helpfulCount).toBe(5);
    expect(await indexedReuse(tipId)).toBe(1 + 5);
  });

  it('writes one revision after another when editors save at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.gql(UPDATE, { input: { id: tipId, body: `Check the ledger, take ${i}.` } }, author),
      ),
    );
    expect(answers.map((answer) => answer.errors)).toEqual(Array(10).fill(undefined));
    const revisions = await sql(
      `SELECT number FROM tip_revisions WHERE tip_id = $1 ORDER BY number`,
      [idOfType(tipId, 'Tip')],
    );
    expect(revisions.map((row) => row.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('gives one external id to one of many simultaneous creators; the others get a userError', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.gql(CREATE, { input: { title: `Race ${i}`, body: '-', externalId: 'kb-1' } }, author),
      ),
    );
    expect(answers.map((answer) => answer.errors)).toEqual(Array(10).fill(undefined));
    const created = answers.filter((answer) => answer.data!.createTip.tip);
    expect(created).toHaveLength(1);
    for (const answer of answers.filter((a) => !a.data!.createTip.tip))
      expect(answer.data!.createTip.userErrors).toEqual([
        expect.objectContaining({ code: 'TAKEN', field: ['input', 'externalId'] }),
      ]);
  });

  it('indexes a write in its own transaction: when indexing fails, nothing is written', async () => {
    // Fault injection: the database's search index refuses the write.
    const engine = t.app.get<SearchEngine>(SEARCH_ENGINE);
    const index = jest.spyOn(engine, 'index').mockRejectedValueOnce(new Error('index broken'));
    const title = 'Written while the index is broken';
    const failed = await t.gql(CREATE, { input: { title, body: '-', publish: true } }, author);
    index.mockRestore();
    expect(failed.errors?.[0].message).toMatch(/Try again/);
    expect(await sql(`SELECT id FROM tips WHERE title = $1`, [title])).toEqual([]);
    // tried again, it is written and found at once
    const created = await t.gql(CREATE, { input: { title, body: '-', publish: true } }, author);
    expect(created.data?.createTip.userErrors).toEqual([]);
    expect(await indexedReuse(created.data!.createTip.tip.id)).toBe(0);
  });
});
