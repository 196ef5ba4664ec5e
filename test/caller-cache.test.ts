import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { toGlobalId } from '../src/common/graphql/global-id.js';
import { TransactionHost } from '../src/database/transaction-host.js';
import { PASSWORD, TestApp } from './support/test-app.js';

/** Leads and admins only: what a caller may do follows the role the caller carries. */
const GAPS = `{ searchGaps { query } }`;

/**
 * Signed-in callers are remembered for a few seconds, analysed words for a minute; a
 * change to a session, a user or the synonyms is heard by every API instance. On PostgreSQL the changes are made on one instance and
 * read on another; the embedded database runs one instance, which plays both parts.
 */
describe('remembered callers', () => {
  let writer: TestApp;
  let reader: TestApp;
  let orgId: string;
  let admin: string;

  beforeAll(async () => {
    writer = await TestApp.start();
    reader = writer.embedded ? writer : await writer.alongside();
    orgId = (await writer.organization('cache')).id;
    await writer.user(orgId, 'admin@cache.example', Role.ADMIN);
    admin = await writer.token('cache', 'admin@cache.example');
  });
  afterAll(async () => {
    if (reader !== writer) await reader?.close();
    await writer?.close();
  });

  /** Retries `read` for up to two seconds: a notice reaches another instance a moment after the commit. */
  async function eventually<T>(read: () => Promise<T>, expected: T): Promise<void> {
    const deadline = Date.now() + 2_000;
    let value = await read();
    while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      value = await read();
    }
    expect(value).toEqual(expected);
  }

  /** 'OK', or the error code. */
  const gapsOn = (app: TestApp, token: string) => async () => {
    const result = await app.gql(GAPS, {}, token);
    return result.errors?.[0].extensions?.code ?? 'OK';
  };

  it('are remembered: a change made behind the API’s back is not seen at once', async () => {
    const user = await writer.user(orgId, 'quiet@cache.example');
    const token = await writer.token('cache', 'quiet@cache.example');
    expect(await gapsOn(reader, token)()).toBe('FORBIDDEN');
    await reader.app
      .get(TransactionHost)
      .manager.query(`UPDATE users SET role = 'TEAM_LEAD' WHERE id = $1`, [user.id]);
    expect(await gapsOn(reader, token)()).toBe('FORBIDDEN');
  });

  it('a new role or deactivation reaches every instance', async () => {
    const user = await writer.user(orgId, 'mover@cache.example');
    const token = await writer.token('cache', 'mover@cache.example');
    expect(await gapsOn(reader, token)()).toBe('FORBIDDEN');
    const update = `mutation ($input: UpdateUserInput!) { updateUser(input: $input) { userErrors { message } } }`;
    const id = toGlobalId('User', user.id);
    await writer.gql(update, { input: { id, role: 'TEAM_LEAD' } }, admin);
    await eventually(gapsOn(reader, token), 'OK');
    const deactivate = `mutation ($input: UserIdInput!) { deactivateUser(input: $input) { userErrors { message } } }`;
    await writer.gql(deactivate, { input: { id } }, admin);
    await eventually(gapsOn(reader, token), 'UNAUTHENTICATED');
  });

  it('a sign-out or a new password reaches every instance', async () => {
    await writer.user(orgId, 'leaver@cache.example');
    const first = await writer.token('cache', 'leaver@cache.example');
    const second = await writer.token('cache', 'leaver@cache.example');
    expect(await gapsOn(reader, first)()).toBe('FORBIDDEN');
    expect(await gapsOn(reader, second)()).toBe('FORBIDDEN');
    await writer.gql(`mutation { signOut { signedOut } }`, {}, first);
    await eventually(gapsOn(reader, first), 'UNAUTHENTICATED');
    expect(await gapsOn(reader, second)()).toBe('FORBIDDEN');
    const change = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { userErrors { message } } }`;
    const third = await writer.token('cache', 'leaver@cache.example');
    await writer.gql(
      change,
      { input: { currentPassword: PASSWORD, newPassword: 'another password' } },
      third,
    );
    await eventually(gapsOn(reader, second), 'UNAUTHENTICATED');
  });

  // PostgreSQL notifications do not pass the embedded database's socket: nothing to test there.
  const withNotifications = process.env.DATABASE_URL ? it : it.skip;

  withNotifications('a notification nobody here sent is ignored (PostgreSQL only)', async () => {
    const manager = writer.app.get(TransactionHost).manager;
    await manager.query(`SELECT pg_notify('floorwalker_callers', 'not a change')`);
    await manager.query(`SELECT pg_notify('floorwalker_synonyms', '')`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await gapsOn(reader, admin)()).toBe('OK');
  });

  it('a new synonym group reaches every instance’s analysed words', async () => {
    const create = `mutation ($input: CreateTipInput!) { createTip(input: $input) { userErrors { message } } }`;
    const tip = { title: 'Refund a damaged parcel', body: 'Photo first.', publish: true };
    expect((await writer.gql(create, { input: tip }, admin)).data?.createTip.userErrors).toEqual(
      [],
    );
    const found = async () => {
      const result = await reader.gql(
        `{ search(query: "moneyback ") { edges { node { ... on Tip { title } } } } }`,
        {},
        admin,
      );
      return (result.data?.search.edges as { node: { title: string } }[]).map((e) => e.node.title);
    };
    // The reader analyses the word now, and would keep that analysis for a minute.
    expect(await found()).toEqual([]);
    const add = await writer.gql(
      `mutation { addSynonyms(input: { terms: ["refund", "moneyback"] }) { userErrors { message } } }`,
      {},
      admin,
    );
    expect(add.data?.addSynonyms.userErrors).toEqual([]);
    await eventually(found, ['Refund a damaged parcel']);
  });
});
