// Live routing: 50 experts connected over real WebSockets, 200 LIVE_CALL questions asked at
// a steady rate. Times (1) from askQuestion returning to each offered expert's
// questionOffered message, and (2) from answerQuestion returning to the asker's
// questionUpdated message. Build first (npm run build); then:
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/routing.mjs
//   node bench/routing.mjs                                    # embedded database (PGlite)
//   BENCH_INSTANCES=2 REDIS_URL=redis://127.0.0.1:6379 \
//     DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/routing.mjs
//
// Options (environment): EXPERTS (50), QUESTIONS (200), RATE questions per second (10).
import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { gql, machineSpeed, percentiles, startBenchServer, withDatabase } from './bench-server.mjs';
import { Role } from '../dist/src/common/auth/role.js';
import { TransactionHost } from '../dist/src/database/transaction-host.js';
import { ExpertiseService } from '../dist/src/modules/expertise/expertise.service.js';
import { OrganizationsService } from '../dist/src/modules/organizations/organizations.service.js';
import { Presence } from '../dist/src/modules/users/presence.js';
import { UsersService } from '../dist/src/modules/users/users.service.js';

const EXPERTS = Number(process.env.EXPERTS ?? 50);
const QUESTIONS = Number(process.env.QUESTIONS ?? 200);
const RATE = Number(process.env.RATE ?? 10);
const ASKERS = 10;
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);
const PASSWORD = 'routing benchmark password';
const TAGS = ['billing', 'refunds', 'connectivity', 'devices', 'mobile'];

if (INSTANCES > 1 && (!process.env.DATABASE_URL || !process.env.REDIS_URL)) {
  console.error('Two instances need DATABASE_URL (PostgreSQL) and REDIS_URL.');
  process.exit(1);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function socket(url, token) {
  return createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 0,
  });
}

await withDatabase(async (env) => {
  const servers = [await startBenchServer({ ...env, REDIS_URL: process.env.REDIS_URL ?? '' })];
  if (INSTANCES > 1)
    servers.push(await startBenchServer({ ...env, REDIS_URL: process.env.REDIS_URL }));
  const [a] = servers;
  const b = servers.at(-1);
  const clients = [];
  try {
    const { app } = a;
    const organization = (
      await app.get(OrganizationsService).create('routing', 'Routing benchmark')
    ).value;
    await app
      .get(OrganizationsService)
      .updateSettings(organization.id, { maxOpenQuestionsPerExpert: 20 });
    const users = app.get(UsersService);
    const make = async (email) =>
      (
        await users.create(organization.id, {
          email,
          displayName: email.split('@')[0],
          role: Role.AGENT,
          password: PASSWORD,
        })
      ).value;
    const signIn = async (url, email) =>
      (
        await gql(url, `mutation ($input: LoginInput!) { login(input: $input) { token } }`, {
          input: { organization: 'routing', email, password: PASSWORD },
        })
      ).login.token;

    const experts = [];
    for (let i = 0; i < EXPERTS; i++) {
      const user = await make(`expert${i}@routing.example`);
      for (const tag of ['billing', TAGS[1 + (i % 4)]])
        await app.get(ExpertiseService).change(null, organization.id, user.id, tag, true);
      await users.setPresence(organization.id, user.id, Presence.AVAILABLE);
      experts.push({ user, token: await signIn(a.url, user.email) });
    }
    const askers = [];
    for (let i = 0; i < ASKERS; i++) {
      const user = await make(`asker${i}@routing.example`);
      askers.push({ user, token: await signIn(b.url, user.email) });
    }

    const askedAt = new Map(); // question id → when askQuestion returned
    const offerLatencies = [];
    const answerLatencies = [];
    const answeredAt = new Map();
    const askLatencies = [];
    const answerCalls = [];
    const answerSeen = new Map(); // question id → when the asker heard of the answer
    const waitingForAnswer = new Map(); // question id → resolve
    for (const expert of experts) {
      const client = socket(a.url, expert.token);
      clients.push(client);
      client.subscribe(
        { query: 'subscription { questionOffered { id myOffer { round } } }' },
        {
          next: ({ data }) => {
            const at = performance.now();
            const id = data.questionOffered.id;
            // the first round of offers only (a widening comes 30 s later, by design)
            if (data.questionOffered.myOffer.round !== 1) return;
            const asked = askedAt.get(id);
            if (asked !== undefined) offerLatencies.push(Math.max(0, at - asked));
            else askedAt.set(id, -at); // arrived before askQuestion returned: 0 ms
          },
          error: (error) => console.error('offer subscription failed', error),
          complete: () => {},
        },
      );
    }
    const askerClients = askers.map((asker) => {
      const client = socket(b.url, asker.token);
      clients.push(client);
      return client;
    });
    await sleep(2000); // every socket connected and subscribed

    console.log(
      `\n${EXPERTS} experts over WebSockets, ${QUESTIONS} LIVE_CALL questions at ${RATE}/s, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database (PGlite)'}, ${INSTANCES} API instance${INSTANCES > 1 ? 's (experts on one, askers on the other, Redis between)' : ''}`,
    );
    console.log(await machineSpeed((sql) => app.get(TransactionHost).manager.query(sql)));

    const work = [];
    const started = performance.now();
    for (let i = 0; i < QUESTIONS; i++) {
      const due = started + (i * 1000) / RATE;
      await sleep(Math.max(0, due - performance.now()));
      const n = i % ASKERS;
      work.push(
        (async () => {
          const sent = performance.now();
          const data = await gql(
            b.url,
            `mutation ($input: AskQuestionInput!) { askQuestion(input: $input) { question { id } } }`,
            {
              input: {
                title: `Customer question ${i}`,
                tags: ['billing', TAGS[1 + (i % 4)]],
                urgency: 'LIVE_CALL',
              },
            },
            askers[n].token,
          );
          const returned = performance.now();
          askLatencies.push(returned - sent);
          const id = data.askQuestion.question.id;
          const early = askedAt.get(id);
          if (early !== undefined && early < 0) offerLatencies.push(0);
          askedAt.set(id, returned);
          // the asker watches; once subscribed, the first offered expert answers
          await new Promise((resolve) => {
            askerClients[n].subscribe(
              {
                query: 'subscription ($id: ID!) { questionUpdated(id: $id) { status } }',
                variables: { id },
              },
              {
                next: ({ data: update }) => {
                  if (update.questionUpdated.status !== 'ANSWERED' || answerSeen.has(id)) return;
                  const at = performance.now();
                  answerSeen.set(id, at);
                  const answered = answeredAt.get(id);
                  // before answerQuestion returned: 0 ms
                  if (answered !== undefined) answerLatencies.push(Math.max(0, at - answered));
                  waitingForAnswer.get(id)?.();
                },
                error: (error) => console.error('update subscription failed', error),
                complete: () => {},
              },
            );
            setTimeout(resolve, 300);
          });
          const expert = experts[i % EXPERTS];
          const done = new Promise((resolve) => {
            waitingForAnswer.set(id, resolve);
            setTimeout(resolve, 5000);
          });
          const answerSent = performance.now();
          await gql(
            a.url,
            `mutation ($id: ID!) { answerQuestion(input: {questionId: $id, body: "Refund the second charge."}) { answer { id } } }`,
            { id },
            expert.token,
          ).catch(
            () =>
              // not every expert is an expert in every question's second tag: billing covers all
              undefined,
          );
          answeredAt.set(id, performance.now());
          answerCalls.push(performance.now() - answerSent);
          if (answerSeen.has(id)) answerLatencies.push(0);
          await done;
        })(),
      );
    }
    await Promise.all(work);
    await sleep(1000);
    console.log(`askQuestion itself:                     ${percentiles(askLatencies)}`);
    console.log(`answerQuestion itself:                  ${percentiles(answerCalls)}`);
    console.log(`askQuestion → offered expert's message: ${percentiles(offerLatencies)}`);
    console.log(`answerQuestion → asker's message:       ${percentiles(answerLatencies)}`);
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    for (const server of servers.reverse()) await server.close();
  }
});
