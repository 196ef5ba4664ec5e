import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { TransactionHost } from '../src/database/transaction-host.js';
import { ExpertiseService } from '../src/modules/expertise/expertise.service.js';
import { Presence } from '../src/modules/users/presence.js';
import { UsersService } from '../src/modules/users/users.service.js';
import { LiveClient } from './support/live-client.js';
import { TestApp } from './support/test-app.js';

const ASK = `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { question { id } } }`;
const INBOX = `{ unreadNotificationCount notifications(first: 10) { edges { node { id kind message subjectId read } } } }`;
const ADDED = `subscription { notificationAdded { id kind message subjectId } }`;

describe('the notifications inbox', () => {
  let t: TestApp;
  let organizationId: string;
  const token: Record<string, string> = {};
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    organizationId = (await t.organization('north')).id;
    for (const name of ['asker', 'expert', 'watcher']) {
      const user = await t.user(organizationId, `${name}@north.test`, Role.AGENT);
      token[name] = await t.token('north', `${name}@north.test`);
      if (name === 'expert') {
        await t.app.get(ExpertiseService).change(null, organizationId, user.id, 'billing', true);
        await t.app.get(UsersService).setPresence(organizationId, user.id, Presence.AVAILABLE);
      }
    }
    // the expert's notice of their expertise is written before anyone subscribes
    await t.delivered();
  });
  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await t?.close();
  });

  it('tells the offered expert live, keeps it unread until read, and tells the asker of the answer', async () => {
    const socket = LiveClient.connect(t.url, token.expert);
    sockets.push(socket);
    const open = t.subscriptions;
    const added = socket.subscribe(ADDED);
    await t.subscribed(open + 1);
    const asked = await t.gql(
      ASK,
      { input: { title: 'Charged twice', tags: ['billing'], urgency: 'LIVE_CALL' } },
      token.asker,
    );
    const questionId = asked.data!.askQuestion.question.id;
    const [live] = await added.waitFor(1);
    expect(live.data!.notificationAdded).toMatchObject({
      kind: 'QUESTION_OFFERED',
      message: 'A customer is waiting: can you answer “Charged twice”?',
      subjectId: questionId,
    });
    const inbox = await t.gql(INBOX, {}, token.expert);
    // the newest first; before it, being made an expert in billing
    expect(inbox.data!.unreadNotificationCount).toBe(2);
    expect(inbox.data!.notifications.edges[1].node).toMatchObject({
      kind: 'EXPERTISE_GRANTED',
      message: 'You are now an expert in billing.',
    });
    expect(inbox.data!.notifications.edges[0].node).toMatchObject({
      kind: 'QUESTION_OFFERED',
      read: false,
    });

    // someone else's notification ids mark nothing
    const foreign = await t.gql(
      `mutation ($ids: [ID!]) { markNotificationsRead(input: {ids: $ids}) { marked unreadCount } }`,
      { ids: [inbox.data!.notifications.edges[0].node.id] },
      token.asker,
    );
    expect(foreign.data!.markNotificationsRead).toEqual({ marked: 0, unreadCount: 0 });
    const read = await t.gql(
      `mutation { markNotificationsRead(input: {}) { marked unreadCount } }`,
      {},
      token.expert,
    );
    expect(read.data!.markNotificationsRead).toEqual({ marked: 2, unreadCount: 0 });

    await t.gql(
      `mutation ($id: ID!) { answerQuestion(input: {questionId: $id, body: "Refund one."}) { answer { id } } }`,
      { id: questionId },
      token.expert,
    );
    await t.delivered();
    const kinds = (await t.gql(INBOX, {}, token.asker)).data!.notifications.edges.map(
      (edge: { node: { kind: string } }) => edge.node.kind,
    );
    expect(kinds.sort()).toEqual(['QUESTION_ANSWERED', 'QUESTION_CLAIMED']);
  });

  it('lets one user watch at most 50 tags', async () => {
    const WATCH = `mutation ($tag: String!, $watch: Boolean!) { watchTag(input: {tag: $tag, watch: $watch}) { watchedTags userErrors { field code } } }`;
    for (let i = 0; i < 50; i++)
      await t.gql(WATCH, { tag: `topic ${i}`, watch: true }, token.asker);
    const refused = await t.gql(WATCH, { tag: 'one more', watch: true }, token.asker);
    expect(refused.data!.watchTag).toEqual({
      watchedTags: null,
      userErrors: [{ field: ['input', 'tag'], code: 'NOT_ALLOWED' }],
    });
    const stopped = await t.gql(WATCH, { tag: 'topic 0', watch: false }, token.asker);
    expect(stopped.data!.watchTag.watchedTags).toHaveLength(49);
  });

  it('sums up new questions in watched tags in one digest, not a message each', async () => {
    const watch = await t.gql(
      `mutation { watchTag(input: {tag: "Billing"}) { watchedTags userErrors { message } } }`,
      {},
      token.watcher,
    );
    expect(watch.data!.watchTag.watchedTags).toEqual(['billing']);
    for (const title of ['Refund twice', 'Invoice missing'])
      await t.gql(ASK, { input: { title, tags: ['billing'], urgency: 'NORMAL' } }, token.asker);
    const sql = (text: string) => t.app.get(TransactionHost).manager.query(text);
    await t.delivered();
    const jobs: { run_at: Date }[] = await sql(
      `SELECT run_at FROM jobs WHERE kind = 'inbox.digest'`,
    );
    expect(jobs).toHaveLength(1); // one digest waiting, for the hour
    expect(jobs[0].run_at.getTime() - Date.now()).toBeGreaterThan(50 * 60 * 1000);
    await sql(`UPDATE jobs SET run_at = now() WHERE kind = 'inbox.digest'`);
    let digest: { kind: string; message: string }[] = [];
    // the job worker runs it within its poll; the digest is then delivered like any notification
    for (let i = 0; i < 100 && digest.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      digest = (await t.gql(INBOX, {}, token.watcher)).data!.notifications.edges.map(
        (edge: { node: { kind: string; message: string } }) => edge.node,
      );
    }
    expect(digest).toEqual([
      expect.objectContaining({ kind: 'TAG_DIGEST', message: '2 new questions in billing' }),
    ]);
  });
});
