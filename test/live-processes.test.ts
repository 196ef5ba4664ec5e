import { afterAll, describe, expect, it } from '@jest/globals';
import { rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_PASSWORD } from '../src/modules/demo/demo-accounts.js';
import { TestDatabase, copyDataDir, createTestDatabase } from './support/database.js';
import { LiveClient } from './support/live-client.js';
import { ServerProcess, graphql, isAlive, waitUntil } from './support/processes.js';
import { testTempDir } from './support/temp.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const ASK = `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { question { id deadline } userErrors { message } } }`;
const ROUTING = `query ($id: ID!) { question(id: $id) { status escalatedAt routing { history { type } } } }`;

async function signIn(url: string, email: string): Promise<string> {
  const result = await graphql(
    url,
    `
      mutation ($input: LoginInput!) {
        login(input: $input) {
          token
        }
      }
    `,
    { input: { organization: 'demo', email, password: DEMO_PASSWORD } },
  );
  return result.data.login.token;
}

function redisReachable(): Promise<boolean> {
  const socket = new Socket();
  return new Promise<boolean>((resolve) => {
    socket.setTimeout(500);
    socket.once('connect', () => resolve(true)).once('error', () => resolve(false));
    socket.once('timeout', () => resolve(false));
    socket.connect(6379, '127.0.0.1');
  }).finally(() => socket.destroy());
}

// Two API instances need PostgreSQL (the embedded database serves one) and Redis.
const withRedis = process.env.DATABASE_URL && (await redisReachable()) ? it : it.skip;

/**
 * Real API processes (the bundle `npm start` runs): a deadline that outlives a killed
 * server, and live messages between two instances through Redis.
 */
describe('live work across API processes', () => {
  const running: ServerProcess[] = [];
  const sockets: LiveClient[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const start = (env: Record<string, string>) => {
    const server = ServerProcess.spawn(env);
    running.push(server);
    return server;
  };
  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    for (const server of running) server.child.kill('SIGKILL');
    await Promise.all(running.map((server) => server.exited));
    for (const cleanup of cleanups) await cleanup();
  });

  /** A database of its own: a PostgreSQL database, or a copy of the embedded template. */
  async function database(): Promise<Record<string, string>> {
    const dataDir = testTempDir('live');
    // a killed server's embedded database process may still be writing for a moment
    cleanups.push(() => rm(dataDir, { recursive: true, force: true, maxRetries: 10 }));
    if (process.env.DATABASE_URL) {
      const created: TestDatabase = await createTestDatabase();
      cleanups.push(() => created.close());
      return { DATABASE_URL: created.target.url, DATA_DIR: dataDir, DEMO_DATA: 'true' };
    }
    const copy = await copyDataDir(process.env.FLOORWALKER_TEST_TEMPLATE!);
    cleanups.push(() => rm(copy, { recursive: true, force: true, maxRetries: 10 }));
    return { DATA_DIR: copy, DEMO_DATA: 'true' };
  }

  it('escalates a question once at its deadline, although the API was killed mid-countdown', async () => {
    const env = await database();
    const first = start(env);
    const url = await first.ready();
    const admin = await signIn(url, 'admin@demo.example');
    await graphql(
      url,
      `
        mutation {
          updateOrganizationSettings(
            input: { liveCallDeadlineSeconds: 6, liveCallWidenSeconds: 5 }
          ) {
            userErrors {
              message
            }
          }
        }
      `,
      {},
      admin,
    );
    const asked = await graphql(
      url,
      ASK,
      {
        input: {
          title: 'Router keeps rebooting',
          tags: ['billing'],
          language: 'en',
          urgency: 'LIVE_CALL',
        },
      },
      await signIn(url, 'agent@demo.example'),
    );
    const { id, deadline } = asked.data.askQuestion.question;
    const databasePid = env.DATABASE_URL ? null : first.databasePid(env.DATA_DIR);
    first.child.kill('SIGKILL');
    await first.exited;
    if (databasePid) expect(await waitUntil(() => !isAlive(databasePid))).toBe(true);

    const second = start({ ...env, DEMO_DATA: 'false' });
    const again = await second.ready();
    let question: { status: string; escalatedAt: string; routing: { history: { type: string }[] } };
    const until = Date.now() + 20_000;
    do {
      await sleep(250);
      question = (await graphql(again, ROUTING, { id }, admin)).data.question;
    } while (question.status !== 'ESCALATED' && Date.now() < until);
    expect(question.status).toBe('ESCALATED');
    expect(new Date(question.escalatedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(deadline).getTime(),
    );
    await sleep(1000); // a second run of the job would have written by now
    const history = (await graphql(again, ROUTING, { id }, admin)).data.question.routing.history;
    expect(
      history.filter((step: { type: string }) => step.type === 'question.escalated'),
    ).toHaveLength(1);
  }, 60_000);

  withRedis(
    'delivers live messages raised on one instance to subscribers on another, through Redis (PostgreSQL and Redis only)',
    async () => {
      const env = { ...(await database()), REDIS_URL };
      const a = start(env);
      const urlA = await a.ready();
      const b = start({ ...env, DEMO_DATA: 'false' });
      const urlB = await b.ready();
      const expert = await signIn(urlA, 'expert@demo.example');
      const asker = await signIn(urlB, 'agent@demo.example');
      await graphql(
        urlA,
        `
          mutation {
            setPresence(input: { presence: AVAILABLE }) {
              user {
                id
              }
            }
          }
        `,
        {},
        expert,
      );

      const expertSocket = LiveClient.connect(urlA, expert);
      sockets.push(expertSocket);
      const offers = expertSocket.subscribe(`subscription { questionOffered { id } }`);
      await sleep(1000); // the subscription is set up in the other process
      const asked = await graphql(
        urlB,
        ASK,
        {
          input: {
            title: 'Refund charged twice',
            tags: ['billing'],
            language: 'en',
            urgency: 'LIVE_CALL',
          },
        },
        asker,
      );
      const id = asked.data.askQuestion.question.id;
      const [offer] = await offers.waitFor(1, 3000);
      expect(offer.data!.questionOffered.id).toBe(id);

      const askerSocket = LiveClient.connect(urlB, asker);
      sockets.push(askerSocket);
      const updates = askerSocket.subscribe(
        `subscription ($id: ID!) { questionUpdated(id: $id) { status } }`,
        { id },
      );
      await sleep(1000);
      await graphql(
        urlA,
        `
          mutation ($id: ID!) {
            answerQuestion(input: { questionId: $id, body: "Refund the second charge." }) {
              answer {
                id
              }
            }
          }
        `,
        { id },
        expert,
      );
      const messages = await updates.waitFor(1, 3000);
      expect(messages.map((m) => m.data!.questionUpdated.status)).toContain('ANSWERED');

      // signing out on B closes the expert's socket on A
      await graphql(
        urlB,
        `
          mutation {
            signOut {
              userErrors {
                message
              }
            }
          }
        `,
        {},
        expert,
      );
      expect(await expertSocket.closed(5000)).toBe(4403);
    },
    60_000,
  );
});
