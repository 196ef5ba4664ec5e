import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { idOfType, toGlobalId } from '../src/common/graphql/global-id.js';
import { TransactionHost } from '../src/database/transaction-host.js';
import { EventDispatcher } from '../src/modules/events/event-dispatcher.js';
import { ExpertiseService } from '../src/modules/expertise/expertise.service.js';
import { RecognitionService } from '../src/modules/recognition/recognition.service.js';
import { UsersService } from '../src/modules/users/users.service.js';
import { TestApp } from './support/test-app.js';

const POINTS = `query ($id: ID!) { node(id: $id) { ... on User { points week: points(period: WEEK) } } }`;
const HISTORY = `{ myPointsHistory(first: 20) { edges { node { amount reason tags subjectId } } } }`;

describe('recognition: points from evidence of reuse', () => {
  let t: TestApp;
  let organizationId: string;
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  let tipId: string;

  const sql = (text: string, values: unknown[] = []) =>
    t.app.get(TransactionHost).manager.query(text, values);

  /** Waits until the recognition consumer has read every event in the log. */
  async function caughtUp(): Promise<void> {
    const until = Date.now() + 5000;
    for (;;) {
      await t.app.get(EventDispatcher).wake();
      const [row] = await sql(
        `SELECT NOT EXISTS (SELECT 1 FROM domain_events e, event_consumers c
           WHERE c.name = 'recognition' AND (e.transaction_id, e.id) > (c.transaction_id, c.event_id)) AS done`,
      );
      if (row.done) return;
      if (Date.now() > until) throw new Error('the recognition consumer did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The user's all-time points as `who` reads them, once every event is credited. */
  async function pointsOf(user: string, who = 'admin'): Promise<number | null> {
    await caughtUp();
    return (await t.gql(POINTS, { id: id[user] }, token[who])).data!.node.points;
  }

  beforeAll(async () => {
    t = await TestApp.start();
    organizationId = (await t.organization('north')).id;
    const team = await t.team(organizationId, 'Billing floor');
    for (const [name, role, teamId] of [
      ['author', Role.AGENT, team.id],
      ['reuser', Role.AGENT, null],
      ['voter', Role.AGENT, null],
      ['lead', Role.TEAM_LEAD, team.id],
      ['admin', Role.ADMIN, null],
    ] as const) {
      const user = await t.user(organizationId, `${name}@north.test`, role, teamId);
      id[name] = toGlobalId('User', user.id);
      token[name] = await t.token('north', `${name}@north.test`);
    }
    const created = await t.gql(
      `mutation { createTip(input: {title: "Refund a double charge", body: "Use the billing tool.", tags: ["billing"], publish: true}) { tip { id } } }`,
      {},
      token.author,
    );
    tipId = created.data!.createTip.tip.id;
  });
  afterAll(() => t?.close());

  const use = (who: string) =>
    t.gql(
      `mutation ($id: ID!) { markTipUsed(input: {id: $id}) { tip { id } } }`,
      { id: tipId },
      token[who],
    );
  const helpful = (who: string, value: boolean) =>
    t.gql(
      `mutation ($id: ID!, $v: Boolean!) { setTipHelpful(input: {id: $id, helpful: $v}) { tip { id } } }`,
      { id: tipId, v: value },
      token[who],
    );

  it('credits the author when another agent reuses the tip, never for their own use', async () => {
    await use('author');
    await use('reuser');
    await use('reuser'); // within the hour: not another use
    expect(await pointsOf('author')).toBe(10);
    expect(await pointsOf('reuser')).toBe(0);
  });

  it('writes a reversal, not an edit, when a helpful vote is taken back', async () => {
    await helpful('voter', true);
    expect(await pointsOf('author')).toBe(15);
    await helpful('voter', false);
    expect(await pointsOf('author')).toBe(10);
    const history = (await t.gql(HISTORY, {}, token.author)).data!.myPointsHistory.edges.map(
      (edge: { node: { amount: number; reason: string } }) => [edge.node.reason, edge.node.amount],
    );
    expect(history).toEqual([
      ['HELPFUL_VOTE_TAKEN_BACK', -5],
      ['HELPFUL_VOTE', 5],
      ['TIP_REUSED', 10],
      ['TIP_PUBLISHED', 0],
    ]);
  });

  it('stops at the daily cap, except for accepted answers', async () => {
    const rules = await t.gql(
      `mutation { updateRecognitionRules(input: {dailyCap: 12}) { rules { dailyCap tipReused } userErrors { message } } }`,
      {},
      token.admin,
    );
    expect(rules.data!.updateRecognitionRules.rules).toEqual({ dailyCap: 12, tipReused: 10 });
    // 15 points earned today already pass the cap of 12: this vote and this reuse earn nothing
    await helpful('voter', true);
    await use('voter');
    expect(await pointsOf('author')).toBe(10);
    const question = await t.gql(
      `mutation { askQuestion(input: {title: "Refund to a closed card", tags: ["billing"], urgency: NORMAL}) { question { id } } }`,
      {},
      token.reuser,
    );
    const questionId = question.data!.askQuestion.question.id;
    const lead = (
      await t.app.get(UsersService).findByIds(organizationId, [idOfType(id.lead, 'User')!])
    )[0];
    await t.app.get(ExpertiseService).change(null, organizationId, lead.id, 'billing', true);
    const answer = await t.gql(
      `mutation ($id: ID!) { answerQuestion(input: {questionId: $id, body: "Refund to the balance."}) { answer { id } userErrors { message } } }`,
      { id: questionId },
      token.lead,
    );
    await t.gql(
      `mutation ($id: ID!) { acceptAnswer(input: {answerId: $id}) { answer { accepted } } }`,
      { id: answer.data!.answerQuestion.answer.id },
      token.reuser,
    );
    expect(await pointsOf('lead')).toBe(25);
  });

  it('shows points to the user, their leads and admins only', async () => {
    expect(await pointsOf('author', 'author')).toBe(10);
    expect(await pointsOf('author', 'lead')).toBe(10);
    expect(await pointsOf('author', 'reuser')).toBeNull();
    const week = (await t.gql(POINTS, { id: id.author }, token.author)).data!.node.week;
    expect(week).toBe(10);
  });

  it('ranks the leaderboard by points, leaving out users without any, as a recount of the ledger gives', async () => {
    const board = await t.gql(
      `{ leaderboard(period: ALL_TIME, first: 10) { edges { node { user { id } points } } } }`,
      {},
      token.reuser,
    );
    expect(board.data!.leaderboard.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { user: { id: id.lead }, points: 25 },
      { user: { id: id.author }, points: 10 },
    ]);
    const recount = await sql(
      `SELECT user_id, sum(amount)::int AS points FROM points_ledger WHERE organization_id = $1
       GROUP BY user_id HAVING sum(amount) > 0 ORDER BY points DESC`,
      [organizationId],
    );
    expect(recount.map((row: { points: number }) => row.points)).toEqual([25, 10]);
  });

  it('credits nothing twice when the consumer reads the whole log again', async () => {
    const before = await sql(`SELECT count(*)::int AS n FROM points_ledger`);
    await sql(
      `UPDATE event_consumers SET transaction_id = '0', event_id = 0 WHERE name = 'recognition'`,
    );
    await t.app.get(EventDispatcher).wake();
    const after = await sql(`SELECT count(*)::int AS n FROM points_ledger`);
    expect(after).toEqual(before);
    expect(await pointsOf('author')).toBe(10);
    expect(await pointsOf('lead')).toBe(25);
  });

  it('awards the first-tip badge with the first published tip, with a notification, once', async () => {
    await t.gql(
      `mutation { createTip(input: {title: "Second tip", body: "More.", tags: ["billing"], publish: true}) { tip { id } } }`,
      {},
      token.author,
    );
    await caughtUp();
    const author = await t.gql(
      `query ($id: ID!) { node(id: $id) { ... on User { badges { key tier tag evidence } } } }`,
      { id: id.author },
      token.reuser,
    );
    expect(author.data!.node.badges).toEqual([
      { key: 'FIRST_TIP', tier: 'BRONZE', tag: null, evidence: '1 × TIP_PUBLISHED' },
    ]);
    const catalog = await t.gql(
      `{ badgeCatalog { key tiers { tier threshold } holders { user { id } tier } } }`,
      {},
      token.reuser,
    );
    const firstTip = catalog.data!.badgeCatalog.find((b: { key: string }) => b.key === 'FIRST_TIP');
    expect(firstTip).toEqual({
      key: 'FIRST_TIP',
      tiers: [{ tier: 'BRONZE', threshold: 1 }],
      holders: [{ user: { id: id.author }, tier: 'BRONZE' }],
    });
    let kinds: string[] = [];
    for (let i = 0; i < 50 && !kinds.includes('BADGE_AWARDED'); i++) {
      await t.app.get(EventDispatcher).wake();
      kinds = (
        await t.gql(`{ notifications { edges { node { kind message } } } }`, {}, token.author)
      ).data!.notifications.edges.map((edge: { node: { kind: string } }) => edge.node.kind);
    }
    expect(kinds).toContain('BADGE_AWARDED');
  });

  it('awards a tiered badge at its exact threshold, and not one below', async () => {
    const lifesaver = async () => {
      await caughtUp();
      const lead = await t.gql(
        `query ($id: ID!) { node(id: $id) { ... on User { badges { key tier } } } }`,
        { id: id.lead },
        token.lead,
      );
      return lead.data!.node.badges.filter((badge: { key: string }) => badge.key === 'LIFESAVER');
    };
    for (let i = 1; i <= 5; i++) {
      const asked = await t.gql(
        `mutation ($title: String!) { askQuestion(input: {title: $title, tags: ["billing"], urgency: LIVE_CALL}) { question { id } } }`,
        { title: `Customer waiting ${i}` },
        token.reuser,
      );
      await t.gql(
        `mutation ($id: ID!) { answerQuestion(input: {questionId: $id, body: "Do this."}) { answer { id } } }`,
        { id: asked.data!.askQuestion.question.id },
        token.lead,
      );
      // four LIVE_CALL answers in time: no badge yet; the fifth: bronze
      if (i === 4) expect(await lifesaver()).toEqual([]);
    }
    expect(await lifesaver()).toEqual([{ key: 'LIFESAVER', tier: 'BRONZE' }]);
  });

  it('rebuilds the same balances from the ledger', async () => {
    const balances = () =>
      sql(
        `SELECT user_id, period, tag, points FROM points_balances WHERE organization_id = $1
         ORDER BY user_id, period, tag`,
        [organizationId],
      );
    const before = await balances();
    expect(before.length).toBeGreaterThan(0);
    await sql(`UPDATE points_balances SET points = points + 1000 WHERE organization_id = $1`, [
      organizationId,
    ]);
    const progress: number[] = [];
    await t.app.get(RecognitionService).rebuild([organizationId], (done) => progress.push(done));
    expect(await balances()).toEqual(before);
    expect(progress).toEqual([1]);
  });

  it('keeps another organization’s leaderboard apart', async () => {
    const south = await t.organization('south');
    await t.user(south.id, 'admin@south.test', Role.ADMIN);
    const board = await t.gql(
      `{ leaderboard { edges { node { points } } } recognitionRules { dailyCap } }`,
      {},
      await t.token('south', 'admin@south.test'),
    );
    expect(board.data).toEqual({ leaderboard: { edges: [] }, recognitionRules: { dailyCap: 200 } });
  });
});

describe('recognition with two API instances crediting at once', () => {
  // The embedded database runs one API instance: this needs two (PostgreSQL).
  const withTwoInstances = process.env.DATABASE_URL ? it : it.skip;

  withTwoInstances(
    'credits every event once, and balances equal the ledger (PostgreSQL only)',
    async () => {
      const a = await TestApp.start();
      const b = await a.alongside();
      try {
        const organization = await a.organization('north');
        const author = await a.user(organization.id, 'author@north.test', Role.AGENT);
        const authorToken = await a.token('north', 'author@north.test');
        const tip = await a.gql(
          `mutation { createTip(input: {title: "Reset the router", body: "Hold 10 s.", tags: ["devices"], publish: true}) { tip { id } } }`,
          {},
          authorToken,
        );
        const tipId = tip.data!.createTip.tip.id;
        const reusers = await Promise.all(
          Array.from({ length: 8 }, async (_, i) => {
            await a.user(organization.id, `agent${i}@north.test`, Role.AGENT);
            return a.token('north', `agent${i}@north.test`);
          }),
        );
        // each agent reuses the tip through one instance or the other, and both deliver at once
        await Promise.all(
          reusers.map((token, i) =>
            (i % 2 ? a : b).gql(
              `mutation ($id: ID!) { markTipUsed(input: {id: $id}) { tip { id } } }`,
              { id: tipId },
              token,
            ),
          ),
        );
        for (let round = 0; round < 5; round++)
          await Promise.all([a.app.get(EventDispatcher).wake(), b.app.get(EventDispatcher).wake()]);
        const sql = (text: string) => a.app.get(TransactionHost).manager.query(text);
        const until = Date.now() + 5000;
        let reused: { n: number }[] = [];
        while (Date.now() < until) {
          reused = await sql(
            `SELECT count(*)::int AS n FROM points_ledger WHERE reason = 'TIP_REUSED'`,
          );
          if (reused[0].n === 8) break;
          await Promise.all([a.app.get(EventDispatcher).wake(), b.app.get(EventDispatcher).wake()]);
        }
        expect(reused).toEqual([{ n: 8 }]);
        const [balance] = await sql(
          `SELECT points FROM points_balances WHERE period = 'all' AND tag = '' AND user_id = '${author.id}'`,
        );
        const [recount] = await sql(
          `SELECT sum(amount)::int AS points FROM points_ledger WHERE user_id = '${author.id}'`,
        );
        expect(balance.points).toBe(80);
        expect(recount.points).toBe(80);
      } finally {
        await b.close();
        await a.close();
      }
    },
    30_000,
  );
});
