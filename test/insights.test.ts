import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { fromGlobalId, toGlobalId } from '../src/common/graphql/global-id.js';
import { TransactionHost } from '../src/database/transaction-host.js';
import { ExpertiseService } from '../src/modules/expertise/expertise.service.js';
import { JobWorker } from '../src/modules/jobs/job-worker.js';
import { SearchLogWriter } from '../src/modules/search/search-log-writer.js';
import { Presence } from '../src/modules/users/presence.js';
import { UsersService } from '../src/modules/users/users.service.js';
import { TestApp } from './support/test-app.js';

const INSIGHTS = `query ($teamId: ID!, $period: RecognitionPeriod) {
  teamInsights(teamId: $teamId, period: $period) {
    period since
    searches { searches withoutResults followedByUse reuseRate noResultQueries { query searches } }
    questionInsights { asked unansweredCount unanswered { id }
      liveCall { asked answeredInTime escalated medianFirstAnswerSeconds medianClaimSeconds } }
    tipsDueForVerification { total tips { id } }
    mostReusedTips { tip { id author { id } } uses agents }
    mentorLoad { mentor { id } activeMentees capacity pendingRequests }
    frequentAskersWithoutMentor { user { id } questionsAsked }
  } }`;

const USED = `mutation ($id: ID!) { markTipUsed(input: {id: $id}) { tip { id } } }`;

const median = (values: number[]): number | null => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]) / 2;
};

describe('team insights', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  const raw: Record<string, string> = {};
  let teamId: string;
  let otherTeamId: string;
  let organizationId: string;
  const sql = (text: string, values: unknown[] = []) =>
    t.app.get(TransactionHost).manager.query(text, values);
  const gql = (query: string, variables: Record<string, unknown>, who: string) =>
    t.gql(query, variables, token[who]);
  /** A set-up step that must work. */
  const must = async (query: string, variables: Record<string, unknown>, who: string) => {
    const result = await gql(query, variables, who);
    const payload = Object.values(result.data ?? {})[0] as { userErrors?: unknown[] } | undefined;
    if (result.errors || payload?.userErrors?.length)
      throw new Error(JSON.stringify(result.errors ?? payload!.userErrors));
    return result;
  };

  beforeAll(async () => {
    t = await TestApp.start();
    const north = await t.organization('north');
    organizationId = north.id;
    const team = await t.team(north.id, 'Billing floor');
    const otherTeam = await t.team(north.id, 'Devices floor');
    teamId = toGlobalId('Team', team.id);
    otherTeamId = toGlobalId('Team', otherTeam.id);
    for (const [name, role, team_] of [
      ['lead', Role.TEAM_LEAD, team.id],
      ['mentor', Role.AGENT, team.id],
      ['a1', Role.AGENT, team.id],
      ['a2', Role.AGENT, team.id],
      ['a3', Role.AGENT, team.id],
      ['otherLead', Role.TEAM_LEAD, otherTeam.id],
      ['b1', Role.AGENT, otherTeam.id],
      ['admin', Role.ADMIN, null],
    ] as const) {
      const user = await t.user(north.id, `${name}@north.test`, role, team_);
      raw[name] = user.id;
      id[name] = toGlobalId('User', user.id);
      token[name] = await t.token('north', `${name}@north.test`);
    }
    for (const expert of ['mentor', 'b1']) {
      await t.app.get(ExpertiseService).change(null, north.id, raw[expert], 'billing', true);
      await t.app.get(UsersService).setPresence(north.id, raw[expert], Presence.AVAILABLE);
    }
    const south = await t.organization('south');
    await t.user(south.id, 'stranger@south.test', Role.ADMIN);
    token.stranger = await t.token('south', 'stranger@south.test');

    // tips by the mentor: one used a lot, one due for verification, one sent to review
    const tip = async (title: string) =>
      (
        await must(
          `mutation ($title: String!) { createTip(input: {title: $title, body: "How to.", tags: ["billing"], publish: true}) { tip { id } } }`,
          { title },
          'mentor',
        )
      ).data!.createTip.tip.id as string;
    id.refundTip = await tip('Refund a double charge');
    id.dueTip = await tip('Change the billing date');
    id.reviewTip = await tip('Cancel a contract');
    id.otherTip = await tip('Pause a subscription');
    await sql(`UPDATE tips SET verify_by = now() + interval '3 days' WHERE id = $1`, [
      fromGlobalId(id.dueTip)!.id,
    ]);
    await must(
      `mutation ($id: ID!) { flagTip(input: {id: $id, reason: "Out of date"}) { userErrors { message } } }`,
      { id: id.reviewTip },
      'lead',
    );
    // searches: a burst that finds and leads to a use, searches that find nothing, one unused
    const search = (who: string, query: string, typingSession?: string) =>
      must(
        `query ($q: String!, $s: String) { search(query: $q, typingSession: $s) { totalCount } }`,
        { q: query, s: typingSession ?? null },
        who,
      );
    await search('a1', 'ref', 'burst-1');
    await search('a1', 'refund', 'burst-1');
    await must(USED, { id: id.refundTip }, 'a1');
    await search('a1', 'after the call'); // no use follows it
    await search('a2', 'xyzzy warranty');
    await search('a2', 'xyzzy warranty');
    await search('a3', 'qwerty plan');
    await search('a3', 'refund');
    await search('b1', 'xyzzy warranty'); // another team: not counted
    await must(USED, { id: id.refundTip }, 'a2');
    await must(USED, { id: id.otherTip }, 'a3');
    await must(USED, { id: id.refundTip }, 'b1');
    await t.app.get(SearchLogWriter).flush();

    // questions: a1's LIVE_CALL answered, a2 asks often without a mentor, a3 has a mentor
    const ask = async (who: string, title: string, urgency = 'NORMAL') =>
      (
        await must(
          `mutation ($t: String!, $u: Urgency!) { askQuestion(input: {title: $t, tags: ["billing"], urgency: $u}) { question { id } } }`,
          { t: title, u: urgency },
          who,
        )
      ).data!.askQuestion.question.id as string;
    const live = await ask('a1', 'Customer waiting on a refund', 'LIVE_CALL');
    await gql(
      `mutation ($id: ID!) { claimQuestion(input: {questionId: $id}) { userErrors { message } } }`,
      { id: live },
      'mentor',
    );
    await must(
      `mutation ($id: ID!) { answerQuestion(input: {questionId: $id, body: "Refund it."}) { answer { id } } }`,
      { id: live },
      'mentor',
    );
    const late = await ask('a3', 'Customer waiting on a plan change', 'LIVE_CALL');
    await sql(`UPDATE jobs SET run_at = now() WHERE kind = 'question.deadline' AND key = $1`, [
      fromGlobalId(late)!.id,
    ]);
    await t.app.get(JobWorker).runDue();
    for (const title of ['One', 'Two', 'Three']) await ask('a2', `a2 asks ${title}`);
    await must(
      `mutation ($input: GrantMentorRoleInput!) { grantMentorRole(input: $input) { userErrors { message } } }`,
      { input: { userId: id.mentor, tags: ['billing'], capacity: 2, reason: 'Widely reused' } },
      'lead',
    );
    await must(
      `mutation ($input: PairMentorInput!) { pairMentor(input: $input) { userErrors { message } } }`,
      { input: { menteeId: id.a3, mentorId: id.mentor, tags: ['billing'] } },
      'lead',
    );
    for (const title of ['One', 'Two', 'Three']) await ask('a3', `a3 asks ${title}`);
    await ask('b1', 'Another team asks');
    await t.delivered();
  }, 30_000);
  afterAll(() => t?.close());

  /** The insights computed again from the raw rows, in JavaScript: what the API must match. */
  async function recompute(since: Date | null) {
    const members: string[] = (
      await sql(`SELECT id FROM users WHERE organization_id = $1 AND team_id = $2`, [
        organizationId,
        fromGlobalId(teamId)!.id,
      ])
    ).map((row: { id: string }) => row.id);
    const inPeriod = (at: Date) => !since || at >= since;
    const log: { userId: string; burst: string; normalized: string; results: number; at: Date }[] =
      (
        await sql(
          `SELECT user_id, coalesce(typing_session, id::text) AS burst, normalized, result_count, created_at FROM search_log WHERE organization_id = $1`,
          [organizationId],
        )
      ).map((row: Record<string, unknown>) => ({
        userId: row.user_id,
        burst: row.burst,
        normalized: row.normalized,
        results: row.result_count,
        at: new Date(row.created_at as string),
      }));
    const lastOfBurst = new Map<string, (typeof log)[number]>();
    for (const entry of log.filter((e) => members.includes(e.userId) && inPeriod(e.at))) {
      const key = `${entry.userId}/${entry.burst}`;
      if (!lastOfBurst.has(key) || lastOfBurst.get(key)!.at < entry.at) lastOfBurst.set(key, entry);
    }
    const bursts = [...lastOfBurst.values()];
    const events: { type: string; actorId: string; subjectId: string; at: Date }[] = (
      await sql(
        `SELECT type, actor_id, subject_id, occurred_at FROM domain_events WHERE organization_id = $1`,
        [organizationId],
      )
    ).map((row: Record<string, unknown>) => ({
      type: row.type,
      actorId: row.actor_id,
      subjectId: row.subject_id,
      at: new Date(row.occurred_at as string),
    }));
    const uses = events.filter((e) => e.type === 'tip.used');
    const followed = bursts.filter((b) =>
      uses.some(
        (u) =>
          u.actorId === b.userId && u.at >= b.at && u.at.getTime() < b.at.getTime() + 15 * 60_000,
      ),
    ).length;
    const noResult = new Map<string, number>();
    for (const b of bursts.filter((b) => b.results === 0))
      noResult.set(b.normalized, (noResult.get(b.normalized) ?? 0) + 1);
    const questions: Record<string, any>[] = await sql(
      `SELECT * FROM questions WHERE organization_id = $1 AND team_id = $2`,
      [organizationId, fromGlobalId(teamId)!.id],
    );
    const asked = questions.filter((q) => inPeriod(new Date(q.created_at)));
    const liveCalls = asked.filter((q) => q.urgency === 'LIVE_CALL');
    const seconds = (from: string, to: string) =>
      (new Date(to).getTime() - new Date(from).getTime()) / 1000;
    const teamUses = uses.filter((u) => members.includes(u.actorId) && inPeriod(u.at));
    const byTip = new Map<string, string[]>();
    for (const use of teamUses)
      byTip.set(use.subjectId, [...(byTip.get(use.subjectId) ?? []), use.actorId]);
    const mentored = new Set(
      (await sql(`SELECT mentee_id FROM mentorships WHERE ended_at IS NULL`)).map(
        (row: { mentee_id: string }) => row.mentee_id,
      ),
    );
    const askedBy = new Map<string, number>();
    for (const q of asked) askedBy.set(q.asker_id, (askedBy.get(q.asker_id) ?? 0) + 1);
    return {
      searches: {
        searches: bursts.length,
        withoutResults: bursts.filter((b) => b.results === 0).length,
        followedByUse: followed,
        reuseRate: bursts.length ? followed / bursts.length : null,
        noResultQueries: [...noResult]
          .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
          .map(([query, searches]) => ({ query, searches })),
      },
      liveCall: {
        asked: liveCalls.length,
        answeredInTime: liveCalls.filter(
          (q) => q.first_answer_at && new Date(q.first_answer_at) <= new Date(q.deadline),
        ).length,
        escalated: liveCalls.filter((q) => q.escalated_at).length,
        medianFirstAnswerSeconds: median(
          liveCalls
            .filter((q) => q.first_answer_at)
            .map((q) => seconds(q.created_at, q.first_answer_at)),
        ),
        medianClaimSeconds: median(
          liveCalls.filter((q) => q.claimed_at).map((q) => seconds(q.created_at, q.claimed_at)),
        ),
      },
      asked: asked.length,
      unanswered: questions
        .filter((q) => q.answer_count === 0 && ['OPEN', 'CLAIMED', 'ESCALATED'].includes(q.status))
        .sort((x, y) => new Date(x.created_at).getTime() - new Date(y.created_at).getTime())
        .map((q) => toGlobalId('Question', q.id)),
      reused: [...byTip]
        .map(([tipId, actors]) => ({ tipId, uses: actors.length, agents: new Set(actors).size }))
        .sort((x, y) => y.uses - x.uses || y.agents - x.agents || x.tipId.localeCompare(y.tipId)),
      frequentAskers: [...askedBy]
        .filter(([userId, n]) => n >= 3 && !mentored.has(userId) && userId !== raw.lead)
        .map(([userId, n]) => ({ user: { id: toGlobalId('User', userId) }, questionsAsked: n })),
    };
  }

  it('shows what the scenario built: reuse, gaps, live calls, tips due, mentors and askers', async () => {
    const insights = (await gql(INSIGHTS, { teamId, period: 'WEEK' }, 'lead')).data!.teamInsights;
    expect(insights.searches).toMatchObject({
      searches: 6, // a1's burst and one more, a2 twice, a3 twice; b1 is another team's
      withoutResults: 4,
      followedByUse: 5, // all but a1's search after their use
      reuseRate: 5 / 6,
      noResultQueries: [
        { query: 'xyzzy warranty', searches: 2 },
        { query: 'after the call', searches: 1 },
        { query: 'qwerty plan', searches: 1 },
      ],
    });
    expect(insights.questionInsights.liveCall).toMatchObject({
      asked: 2,
      answeredInTime: 1,
      escalated: 1,
    });
    expect(insights.questionInsights.liveCall.medianFirstAnswerSeconds).toBeGreaterThan(0);
    expect(insights.tipsDueForVerification).toEqual({
      total: 2,
      tips: [{ id: id.reviewTip }, { id: id.dueTip }],
    });
    expect(insights.mostReusedTips[0]).toEqual({
      tip: { id: id.refundTip, author: { id: id.mentor } },
      uses: 2,
      agents: 2,
    });
    expect(insights.mentorLoad).toEqual([
      { mentor: { id: id.mentor }, activeMentees: 1, capacity: 2, pendingRequests: 0 },
    ]);
    expect(insights.frequentAskersWithoutMentor).toEqual([
      { user: { id: id.a2 }, questionsAsked: 3 },
    ]);
  });

  it('equals a recomputation from the raw events, for the week and for all time', async () => {
    // some of the activity happened weeks ago: the week leaves it out, all time counts it
    await sql(
      `UPDATE search_log SET created_at = created_at - interval '40 days' WHERE normalized = 'qwerty plan'`,
    );
    await sql(
      `UPDATE questions SET created_at = created_at - interval '40 days' WHERE title = 'a2 asks One'`,
    );
    const searches = async (period: string) =>
      (await gql(INSIGHTS, { teamId, period }, 'lead')).data!.teamInsights.searches.searches;
    expect(await searches('ALL_TIME')).toBe((await searches('WEEK')) + 1);
    for (const period of ['WEEK', 'ALL_TIME']) {
      const result = await gql(INSIGHTS, { teamId, period }, 'lead');
      expect(result.errors).toBeUndefined();
      const insights = result.data!.teamInsights;
      const expected = await recompute(insights.since ? new Date(insights.since) : null);
      expect(insights.searches).toEqual(expected.searches);
      expect(insights.questionInsights.liveCall).toEqual(expected.liveCall);
      expect(insights.questionInsights.asked).toBe(expected.asked);
      expect(insights.questionInsights.unansweredCount).toBe(expected.unanswered.length);
      expect(insights.questionInsights.unanswered.map((q: { id: string }) => q.id)).toEqual(
        expected.unanswered,
      );
      expect(
        insights.mostReusedTips.map((r: { tip: { id: string }; uses: number; agents: number }) => ({
          tipId: fromGlobalId(r.tip.id)!.id,
          uses: r.uses,
          agents: r.agents,
        })),
      ).toEqual(expected.reused);
      expect(insights.frequentAskersWithoutMentor).toEqual(expected.frequentAskers);
    }
  });

  it('is for the team’s lead and admins only; another organization finds no team', async () => {
    expect((await gql(INSIGHTS, { teamId }, 'admin')).data!.teamInsights.period).toBe('WEEK');
    for (const who of ['otherLead', 'a1'])
      expect((await gql(INSIGHTS, { teamId }, who)).errors![0].extensions!.code).toBe('FORBIDDEN');
    const stranger = await gql(INSIGHTS, { teamId }, 'stranger');
    expect(stranger.errors![0].extensions!.code).toBe('NOT_FOUND');
    const other = (await gql(INSIGHTS, { teamId: otherTeamId }, 'otherLead')).data!.teamInsights;
    expect(other.searches.searches).toBe(1);
    expect(other.frequentAskersWithoutMentor).toEqual([]);
    const garbage = await gql(INSIGHTS, { teamId: 'nonsense' }, 'admin');
    expect(garbage.errors![0].extensions!.code).toBe('NOT_FOUND');
    const nul = await gql(INSIGHTS, { teamId: 'nonsense\u0000' }, 'admin');
    expect(nul.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});
