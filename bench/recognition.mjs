// Recognition at the size of a large contact center: 1,000 people in 10 teams, 1,000,000
// points-ledger entries over half a year, and a team's half year of searches, uses and
// questions. Measures through GraphQL:
//   - leaderboard p95 (organization, team, tag; all time and this week) — target ≤ 30 ms
//   - teamInsights p95 (week and month) — target ≤ 150 ms
//   - event-to-points lag under a steady stream of markTipUsed — target p95 ≤ 1 s
//   - `recognition rebuild` of the balances from the ledger
// Build first (npm run build); then:
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/recognition.mjs
//   node bench/recognition.mjs                                   # embedded database (PGlite)
//
// Options (environment): LEDGER entries (1000000), REQUESTS per measurement (300),
// STREAM_SECONDS (30) at RATE uses per second (20).
import { performance } from 'node:perf_hooks';
import { tips } from './corpus.mjs';
import { gql, machineSpeed, percentiles, startBenchServer, withDatabase } from './bench-server.mjs';
import { Role } from '../dist/src/common/auth/role.js';
import { toGlobalId } from '../dist/src/common/graphql/global-id.js';
import { TransactionHost } from '../dist/src/database/transaction-host.js';
import { OrganizationsService } from '../dist/src/modules/organizations/organizations.service.js';
import { RecognitionService } from '../dist/src/modules/recognition/recognition.service.js';
import { TeamsService } from '../dist/src/modules/teams/teams.service.js';
import { TipsImportService } from '../dist/src/modules/tips/tips-import.service.js';
import { UsersService } from '../dist/src/modules/users/users.service.js';

const LEDGER = Number(process.env.LEDGER ?? 1_000_000);
const REQUESTS = Number(process.env.REQUESTS ?? 300);
const STREAM_SECONDS = Number(process.env.STREAM_SECONDS ?? 30);
const RATE = Number(process.env.RATE ?? 20);
const USERS = 1000;
const TEAMS = 10;
const TIPS = 2000;
const PASSWORD = 'recognition benchmark password';
const TAGS = ['billing', 'refunds', 'connectivity', 'devices', 'mobile', 'contracts'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function timed(label, work) {
  const t0 = performance.now();
  const result = await work();
  console.log(`${label}: ${seconds(performance.now() - t0)}`);
  return result;
}

/** Latencies of `count` requests, one at a time, cycling through `variants`. */
async function latencies(url, token, query, variants) {
  const samples = [];
  for (let i = 0; i < REQUESTS + 20; i++) {
    const t0 = performance.now();
    await gql(url, query, variants[i % variants.length], token);
    if (i >= 20) samples.push(performance.now() - t0); // the first ones warm caches and plans
  }
  return samples;
}

await withDatabase(async (env) => {
  const server = await startBenchServer(env);
  const { app, url } = server;
  const sql = (text, values) => app.get(TransactionHost).manager.query(text, values);
  try {
    console.log(await machineSpeed(sql));
    const organization = (
      await app.get(OrganizationsService).create('recognition', 'Recognition benchmark')
    ).value;
    const org = organization.id;
    const teams = [];
    for (let i = 0; i < TEAMS; i++)
      teams.push((await app.get(TeamsService).create(org, `Team ${i + 1}`)).value);
    const users = app.get(UsersService);
    const admin = (
      await users.create(org, {
        email: 'admin@recognition.example',
        displayName: 'Admin',
        role: Role.ADMIN,
        password: PASSWORD,
      })
    ).value;

    await timed(`${USERS} people in ${TEAMS} teams (one lead each)`, () =>
      sql(
        `INSERT INTO users (organization_id, team_id, email, display_name, role, password_hash)
         SELECT $1, ($2::uuid[])[1 + (g % $3)], 'agent' || g || '@recognition.example',
           'Agent ' || lpad(g::text, 4, '0'), CASE WHEN g <= $3 THEN 'TEAM_LEAD' ELSE 'AGENT' END,
           (SELECT password_hash FROM users WHERE id = $4)
         FROM generate_series(1, $5) g`,
        [org, teams.map((team) => team.id), TEAMS, admin.id, USERS - 1],
      ),
    );
    const people = await sql(
      `SELECT id, team_id AS "teamId", role, email FROM users WHERE organization_id = $1 AND role <> 'ADMIN' ORDER BY email`,
      [org],
    );
    const ids = people.map((person) => person.id);
    const lead = people.find(
      (person) => person.role === 'TEAM_LEAD' && person.teamId === teams[0].id,
    );

    await timed(`${TIPS} tips imported`, async () => {
      const lines = [...tips(TIPS)].map((tip) => JSON.stringify(tip)).join('\n');
      await app.get(TipsImportService).import(org, admin.id, lines);
      // by many authors, as on a real floor
      await sql(
        `UPDATE tips SET author_id = ($2::uuid[])[1 + abs(hashtext(id::text)) % $3] WHERE organization_id = $1`,
        [org, ids, ids.length],
      );
    });
    const tipIds = (await sql(`SELECT id FROM tips WHERE organization_id = $1`, [org])).map(
      (row) => row.id,
    );

    await timed(`${LEDGER.toLocaleString('en')} ledger entries over 180 days`, () =>
      sql(
        `INSERT INTO points_ledger (organization_id, user_id, amount, reason, tags, idempotency_key, day, week, month, created_at)
         SELECT $1, ($2::uuid[])[1 + (hashint4(g) & 2147483647) % $3], (ARRAY[5, 2, 15, 10, 3])[1 + g % 5],
           (ARRAY['TIP_REUSED', 'HELPFUL_VOTE', 'ANSWER_ACCEPTED', 'LIVE_CALL_IN_TIME', 'TIP_VERIFIED'])[1 + g % 5],
           ARRAY[($4::text[])[1 + g % 6]], 'bench:' || g, at::date,
           'W' || to_char(at, 'IYYY-IW'), 'M' || to_char(at, 'YYYY-MM'), at
         FROM generate_series(1, $5) g,
           LATERAL (SELECT now() - (g % 180) * interval '1 day' - (g % 86400) * interval '1 second' AS at) t`,
        [org, ids, ids.length, TAGS, LEDGER],
      ),
    );
    await timed('rebuilding the balances from the ledger (recognition rebuild)', () =>
      app.get(RecognitionService).rebuild([org]),
    );

    // a half year of the organization's searches, uses and questions, for the insights
    await timed('180 days of searches, uses and questions', async () => {
      await sql(
        `INSERT INTO search_log (organization_id, user_id, typing_session, query, normalized, result_count, took_ms, created_at)
         SELECT $1, ($2::uuid[])[1 + g % $3], 'burst-' || (g / 3), 'query ' || (g % 500), 'query ' || (g % 500),
           CASE WHEN g % 7 = 0 THEN 0 ELSE 5 END, 3, now() - (g % 180) * interval '1 day' - (g % 3600) * interval '1 second'
         FROM generate_series(1, 300000) g`,
        [org, ids, ids.length],
      );
      await sql(
        `INSERT INTO questions (organization_id, asker_id, team_id, title, body, steps_tried, language, urgency, status,
           deadline, created_at, claimed_at, first_answer_at, escalated_at, answer_count)
         SELECT $1, p.id, p.team_id, 'Question ' || g, '', '', 'en',
           CASE WHEN g % 3 = 0 THEN 'LIVE_CALL' ELSE 'NORMAL' END,
           CASE WHEN g % 10 = 0 THEN 'OPEN' WHEN g % 10 = 1 THEN 'ESCALATED' ELSE 'ANSWERED' END,
           at + interval '2 minutes', at, at + interval '20 seconds',
           CASE WHEN g % 10 > 1 THEN at + (g % 240) * interval '1 second' END,
           CASE WHEN g % 10 = 1 THEN at + interval '2 minutes' END,
           CASE WHEN g % 10 > 1 THEN 1 ELSE 0 END
         FROM generate_series(1, 30000) g,
           LATERAL (SELECT ($2::uuid[])[1 + (g * 7) % $3] AS id) a
           JOIN users p ON p.id = a.id,
           LATERAL (SELECT now() - (g % 180) * interval '1 day' AS at) t`,
        [org, ids, ids.length],
      );
      // tip uses as events, skipped by the event consumers: they are history, not news
      await app.get(TransactionHost).run(async () => {
        await sql(
          `INSERT INTO domain_events (organization_id, type, actor_id, subject_id, data, occurred_at)
           SELECT $1, 'tip.used', ($2::uuid[])[1 + g % $3], ($4::uuid[])[1 + (g * 13) % $5], '{"counts": true}',
             now() - (g % 180) * interval '1 day' - (g % 3600) * interval '1 second'
           FROM generate_series(1, 100000) g`,
          [org, ids, ids.length, tipIds, tipIds.length],
        );
        await sql(
          `UPDATE event_consumers SET transaction_id = pg_current_xact_id(), event_id = (SELECT max(id) FROM domain_events)`,
        );
      });
      await sql('ANALYZE');
    });

    const signIn = async (email) =>
      (
        await gql(url, `mutation ($input: LoginInput!) { login(input: $input) { token } }`, {
          input: { organization: 'recognition', email, password: PASSWORD },
        })
      ).login.token;
    const leadToken = await signIn(lead.email);
    const team = toGlobalId('Team', teams[0].id);

    const LEADERBOARD = `query ($period: RecognitionPeriod!, $teamId: ID, $tag: String) {
      leaderboard(period: $period, teamId: $teamId, tag: $tag, first: 10) {
        edges { node { user { id displayName } points } } } }`;
    const boards = await latencies(url, leadToken, LEADERBOARD, [
      { period: 'ALL_TIME' },
      { period: 'WEEK' },
      { period: 'MONTH', teamId: team },
      { period: 'ALL_TIME', tag: 'billing' },
    ]);
    console.log(`leaderboard (organization, team, tag):     ${percentiles(boards)}`);

    const INSIGHTS = `query ($teamId: ID!, $period: RecognitionPeriod) {
      teamInsights(teamId: $teamId, period: $period) {
        searches { searches withoutResults followedByUse reuseRate noResultQueries { query searches } }
        questionInsights { asked unansweredCount unanswered { id title }
          liveCall { asked answeredInTime escalated medianFirstAnswerSeconds medianClaimSeconds } }
        tipsDueForVerification { total tips { id title } }
        mostReusedTips { tip { id title author { displayName } } uses agents }
        mentorLoad { mentor { displayName } activeMentees capacity }
        frequentAskersWithoutMentor { user { displayName } questionsAsked } } }`;
    const insights = await latencies(url, leadToken, INSIGHTS, [
      { teamId: team, period: 'WEEK' },
      { teamId: team, period: 'MONTH' },
    ]);
    console.log(`teamInsights (week, month):                ${percentiles(insights)}`);

    // a steady stream of reuse: each markTipUsed credits the tip's author through the event log
    const agents = people.filter((person) => person.role === 'AGENT').slice(0, 50);
    const tokens = [];
    for (const agent of agents) tokens.push(await signIn(agent.email));
    const streamStart = new Date();
    const calls = [];
    for (let i = 0; i < STREAM_SECONDS * RATE; i++) {
      const token = tokens[i % tokens.length];
      const tip = toGlobalId('Tip', tipIds[(i * 7919) % tipIds.length]);
      calls.push(
        gql(
          url,
          `mutation ($id: ID!) { markTipUsed(input: {id: $id}) { tip { id } } }`,
          { id: tip },
          token,
        ),
      );
      await sleep(1000 / RATE);
    }
    await Promise.all(calls);
    await sleep(2000);
    const lags = (
      await sql(
        `SELECT extract(epoch FROM l.created_at - e.occurred_at) * 1000 AS ms
         FROM points_ledger l JOIN domain_events e ON e.id = l.event_id
         WHERE l.organization_id = $1 AND e.type = 'tip.used' AND e.occurred_at >= $2`,
        [org, streamStart],
      )
    ).map((row) => Number(row.ms));
    console.log(
      `event → points (${calls.length} uses at ${RATE}/s): ${percentiles(lags)} (${lags.length} credited)`,
    );
  } finally {
    await server.close();
  }
});
