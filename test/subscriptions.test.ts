import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { Role } from '../src/common/auth/role.js';
import { toGlobalId } from '../src/common/graphql/global-id.js';
import { TransactionHost } from '../src/database/transaction-host.js';
import { DomainEvents } from '../src/modules/events/domain-events.service.js';
import { ExpertiseService } from '../src/modules/expertise/expertise.service.js';
import { Presence } from '../src/modules/users/presence.js';
import { UsersService } from '../src/modules/users/users.service.js';
import { LiveClient } from './support/live-client.js';
import { TestApp } from './support/test-app.js';

const OFFERED = `subscription { questionOffered { id title } }`;
const ASK = `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { question { id } userErrors { message } } }`;
const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GraphQL subscriptions: who may listen, and to what', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const sockets: LiveClient[] = [];
  const connect = (who: string | null, origin?: string) => {
    const client = LiveClient.connect(t.url, who ? (token[who] ?? who) : null, { origin });
    sockets.push(client);
    return client;
  };
  let northQuestion: string;

  beforeAll(async () => {
    t = await TestApp.start();
    for (const slug of ['north', 'south']) {
      const organization = await t.organization(slug);
      for (const name of ['asker', 'expert']) {
        const user = await t.user(organization.id, `${name}@${slug}.test`, Role.AGENT);
        ids[`${slug}-${name}`] = user.id;
        token[`${slug}-${name}`] = await t.token(slug, `${name}@${slug}.test`);
      }
      await t.app
        .get(ExpertiseService)
        .change(null, organization.id, ids[`${slug}-expert`], 'billing', true);
      await t.app
        .get(UsersService)
        .setPresence(organization.id, ids[`${slug}-expert`], Presence.AVAILABLE);
      ids[slug] = organization.id;
    }
    const asked = await t.gql(
      ASK,
      { input: { title: 'Charged twice', tags: ['billing'], urgency: 'NORMAL' } },
      token['north-asker'],
    );
    northQuestion = asked.data!.askQuestion.question.id;
  });
  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await t?.close();
  });

  it.each([
    ['no token', null],
    ['a malformed token', 'not-a-token'],
  ])('closes a socket with %s (4403)', async (_case, bad) => {
    const client = connect(bad);
    client.subscribe(OFFERED);
    expect(await client.closed()).toBe(4403);
  });

  it('closes the socket when its session signs out', async () => {
    const signedIn = await t.token('north', 'asker@north.test');
    const client = LiveClient.connect(t.url, signedIn);
    sockets.push(client);
    const open = t.subscriptions;
    const offers = client.subscribe(OFFERED);
    await t.subscribed(open + 1);
    expect(client.closes).toEqual([]);
    await t.gql(`mutation { signOut { userErrors { message } } }`, {}, signedIn);
    expect(await client.closed()).toBe(4403);
    expect(offers.received.every((r) => r.message.data === undefined)).toBe(true);
  });

  it('closes the sockets of a user who is deactivated', async () => {
    const organization = ids.north;
    const user = await t.user(organization, 'leaving@north.test', Role.AGENT);
    const admin = await t.user(organization, 'admin@north.test', Role.ADMIN);
    const client = LiveClient.connect(t.url, await t.token('north', 'leaving@north.test'));
    sockets.push(client);
    const open = t.subscriptions;
    client.subscribe(OFFERED);
    await t.subscribed(open + 1);
    const deactivated = await t.gql(
      `mutation ($input: UserIdInput!) { deactivateUser(input: $input) { userErrors { message } } }`,
      { input: { id: toGlobalId('User', user.id) } },
      await t.token('north', admin.email),
    );
    expect(deactivated.data!.deactivateUser.userErrors).toEqual([]);
    expect(await client.closed()).toBe(4403);
  });

  it('refuses a browser from an origin that is not allowed, and accepts the API’s own', async () => {
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(
        `${t.url.replace('http', 'ws')}/graphql`,
        'graphql-transport-ws',
        {
          origin: 'https://evil.example',
        },
      );
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
    });
    expect(status).toBe(403);
    const own = connect('north-expert', t.url);
    const open = t.subscriptions;
    const offers = own.subscribe(OFFERED);
    await t.subscribed(open + 1);
    expect(own.closes).toEqual([]);
    offers.unsubscribe();
  });

  it('carries subscriptions only, under the same limits as HTTP', async () => {
    const client = connect('north-expert');
    const query = client.subscribe(`query { organization { name } }`);
    const [refused] = await query.waitFor(1);
    expect(refused.errors![0].message).toMatch(/Only subscriptions/);
    const deep = 'answers { question { '.repeat(6) + 'id' + ' } }'.repeat(6);
    const tooMany = client.subscribe(`subscription { questionOffered { ${deep} } }`);
    const [limited] = await tooMany.waitFor(1);
    expect(limited.errors![0].message).toMatch(/too much/);
  });

  it('treats another organization’s question as missing, and never sends its events', async () => {
    const south = connect('south-expert');
    const foreign = south.subscribe(`subscription ($id: ID!) { questionUpdated(id: $id) { id } }`, {
      id: northQuestion,
    });
    const [refused] = await foreign.waitFor(1);
    expect(refused.errors![0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const open = t.subscriptions;
    const southOffers = south.subscribe(OFFERED);
    const northOffers = connect('north-expert').subscribe(OFFERED);
    await t.subscribed(open + 2);
    await t.gql(
      ASK,
      { input: { title: 'Refund on a closed card', tags: ['billing'], urgency: 'LIVE_CALL' } },
      token['north-asker'],
    );
    await northOffers.waitFor(1);
    await settle();
    expect(southOffers.received).toEqual([]);
  });

  it('tells nobody of a change that rolled back', async () => {
    const open = t.subscriptions;
    const offers = connect('north-expert').subscribe(OFFERED);
    await t.subscribed(open + 1);
    const offer = (questionId: string) =>
      t.app.get(DomainEvents).record({
        organizationId: ids.north,
        type: 'question.offered',
        subjectId: questionId,
        data: { expertId: ids['north-expert'] },
      });
    await expect(
      t.app.get(TransactionHost).run(async () => {
        await offer(questionIdOf(northQuestion));
        throw new Error('the write fails after recording its event');
      }),
    ).rejects.toThrow('the write fails');
    await settle(1000);
    expect(offers.received).toEqual([]);
    await t.app.get(TransactionHost).run(() => offer(questionIdOf(northQuestion)));
    const [delivered] = await offers.waitFor(1);
    expect(delivered.data!.questionOffered.id).toBe(northQuestion);
  });
});

function questionIdOf(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
}
