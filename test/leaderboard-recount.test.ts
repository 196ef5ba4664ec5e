import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { fromGlobalId, toGlobalId } from '../src/common/graphql/global-id.js';
import { TransactionHost } from '../src/database/transaction-host.js';
import { DEFAULT_RULES, periodsOf } from '../src/modules/recognition/points-rules.js';
import { TestApp } from './support/test-app.js';

const BOARD = `query ($period: RecognitionPeriod!, $teamId: ID, $tag: String) {
  leaderboard(period: $period, teamId: $teamId, tag: $tag, first: 100) {
    edges { node { user { id } points } } } }`;

/** A small deterministic random sequence, so a failure replays the same way. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('the leaderboard equals a recomputation from the raw events', () => {
  let t: TestApp;
  let organizationId: string;
  const token: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  const names = new Map<string, string>();
  const teams: Record<string, string> = {};
  const tips: { id: string; author: string; tags: string[] }[] = [];
  const sql = (text: string, values: unknown[] = []) =>
    t.app.get(TransactionHost).manager.query(text, values);

  beforeAll(async () => {
    t = await TestApp.start();
    organizationId = (await t.organization('north')).id;
    for (const name of ['Billing', 'Devices'])
      teams[name] = (await t.team(organizationId, name)).id;
    const people = ['ana', 'ben', 'cai', 'dee', 'eli', 'fay', 'gus', 'hal'];
    for (const [i, name] of people.entries()) {
      const user = await t.user(
        organizationId,
        `${name}@north.test`,
        Role.AGENT,
        i % 2 ? teams.Devices : teams.Billing,
      );
      userIds[name] = user.id;
      names.set(user.id, name);
      token[name] = await t.token('north', `${name}@north.test`);
    }
    for (const [i, author] of ['ana', 'ben', 'cai', 'dee'].entries())
      for (const tags of [['billing'], ['devices', 'mobile']]) {
        const created = await t.gql(
          `mutation ($title: String!, $tags: [String!]!) { createTip(input: {title: $title, body: "Steps.", tags: $tags, publish: true}) { tip { id } } }`,
          { title: `Tip ${i} ${tags[0]}`, tags },
          token[author],
        );
        tips.push({ id: created.data!.createTip.tip.id, author, tags });
      }
    // a random afternoon on the floor: uses (own ones included), votes given and taken back
    const next = random(20261130);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
    for (let i = 0; i < 80; i++) {
      const who = pick(people);
      const tip = pick(tips);
      const action = next();
      const result =
        action < 0.5
          ? await t.gql(
              `mutation ($id: ID!) { markTipUsed(input: {id: $id}) { tip { id } } }`,
              { id: tip.id },
              token[who],
            )
          : await t.gql(
              `mutation ($id: ID!, $v: Boolean!) { setTipHelpful(input: {id: $id, helpful: $v}) { tip { id } } }`,
              { id: tip.id, v: action < 0.85 },
              token[who],
            );
      expect(result.errors).toBeUndefined();
    }
    await t.delivered();
  }, 60_000);
  afterAll(() => t?.close());

  /** Points per user from the events alone, by the default rules, in a period and tag. */
  async function recount(
    period: 'all' | 'week' | 'month',
    tag: string | null,
    team: string | null,
  ) {
    const events: { id: string; type: string; actor: string; tip: string; at: Date }[] = (
      await sql(
        `SELECT id, type, actor_id, subject_id, occurred_at FROM domain_events
         WHERE organization_id = $1 AND type IN ('tip.used', 'tip.helpfulAdded', 'tip.helpfulRemoved')
         ORDER BY id`,
        [organizationId],
      )
    ).map((row: Record<string, string>) => ({
      id: row.id,
      type: row.type,
      actor: row.actor_id,
      tip: row.subject_id,
      at: new Date(row.occurred_at),
    }));
    const tipOf = new Map(tips.map((tip) => [fromGlobalId(tip.id)!.id, tip]));
    const now = periodsOf(new Date(), 'UTC');
    const points = new Map<string, number>();
    const reused = new Set<string>();
    const votes = new Set<string>(); // standing helpful votes: voter/tip
    for (const event of events) {
      const tip = tipOf.get(event.tip)!;
      const author = userIds[tip.author];
      if (event.actor === author) continue; // no credit for one's own actions
      const when = periodsOf(event.at, 'UTC');
      let amount = 0;
      if (event.type === 'tip.used') {
        const key = `${event.tip}/${event.actor}/${when.day}`;
        if (!reused.has(key)) amount = DEFAULT_RULES.tipReused;
        reused.add(key);
      } else if (event.type === 'tip.helpfulAdded') {
        votes.add(`${event.actor}/${event.tip}`);
        amount = DEFAULT_RULES.helpfulVote;
      } else if (votes.delete(`${event.actor}/${event.tip}`)) amount = -DEFAULT_RULES.helpfulVote;
      const inPeriod =
        period === 'all' || (period === 'week' ? when.week === now.week : when.month === now.month);
      if (!inPeriod || (tag && !tip.tags.includes(tag))) continue;
      points.set(author, (points.get(author) ?? 0) + amount);
    }
    const members = team
      ? Object.values(userIds).filter((_, i) => (i % 2 ? 'Devices' : 'Billing') === team)
      : null;
    return [...points]
      .filter(([user, total]) => total > 0 && (!members || members.includes(user)))
      .sort(([a, x], [b, y]) => y - x || names.get(a)!.localeCompare(names.get(b)!))
      .map(([user, total]) => ({ user: { id: toGlobalId('User', user) }, points: total }));
  }

  it.each([
    ['ALL_TIME', 'all', null, null],
    ['WEEK', 'week', null, 'Billing'],
    ['MONTH', 'month', 'devices', null],
    ['ALL_TIME', 'all', 'billing', 'Devices'],
  ] as const)('%s (%s), tag %s, team %s', async (period, key, tag, team) => {
    const board = await t.gql(
      BOARD,
      { period, tag, teamId: team ? toGlobalId('Team', teams[team]) : null },
      token.ana,
    );
    expect(board.errors).toBeUndefined();
    const expected = await recount(key, tag, team);
    expect(expected.length).toBeGreaterThan(0);
    expect(board.data!.leaderboard.edges.map((edge: { node: unknown }) => edge.node)).toEqual(
      expected,
    );
  });
});
