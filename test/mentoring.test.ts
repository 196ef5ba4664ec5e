import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { toGlobalId } from '../src/common/graphql/global-id.js';
import { TransactionHost } from '../src/database/transaction-host.js';
import { ExpertiseService } from '../src/modules/expertise/expertise.service.js';
import { Presence } from '../src/modules/users/presence.js';
import { UsersService } from '../src/modules/users/users.service.js';
import { EventDispatcher } from '../src/modules/events/event-dispatcher.js';
import { LiveClient } from './support/live-client.js';
import { TestApp } from './support/test-app.js';

const KUDOS = `mutation ($input: GiveKudosInput!) { giveKudos(input: $input) { kudos { id byLead from { displayName } } userErrors { field message code } } }`;
const GRANT = `mutation ($input: GrantMentorRoleInput!) { grantMentorRole(input: $input) { user { id isMentor mentorRole { tags capacity } } userErrors { message code } } }`;
const REVOKE = `mutation ($input: RevokeMentorRoleInput!) { revokeMentorRole(input: $input) { user { id isMentor } userErrors { message code } } }`;

describe('kudos, the mentor role and the recognition feed', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  const sql = (text: string, values: unknown[] = []) =>
    t.app.get(TransactionHost).manager.query(text, values);
  const settle = () => t.delivered();

  beforeAll(async () => {
    t = await TestApp.start();
    const north = await t.organization('north');
    const team = await t.team(north.id, 'Billing floor');
    id.team = toGlobalId('Team', team.id);
    for (const [name, role, teamId] of [
      ['lead', Role.TEAM_LEAD, team.id],
      ['member', Role.AGENT, team.id],
      ['peer', Role.AGENT, team.id],
      ['outsider', Role.AGENT, null],
    ] as const) {
      const user = await t.user(north.id, `${name}@north.test`, role, teamId);
      id[name] = toGlobalId('User', user.id);
      token[name] = await t.token('north', `${name}@north.test`);
    }
    const south = await t.organization('south');
    const stranger = await t.user(south.id, 'stranger@south.test', Role.AGENT);
    id.stranger = toGlobalId('User', stranger.id);
  });
  afterAll(() => t?.close());

  it("gives a lead's kudos points, and a peer's none, three a day at most even all at once", async () => {
    const lead = await t.gql(
      KUDOS,
      { input: { userId: id.member, message: 'Saved the Friday queue.' } },
      token.lead,
    );
    expect(lead.data!.giveKudos.kudos).toMatchObject({
      byLead: true,
      from: { displayName: 'lead' },
    });
    const tries = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        t.gql(KUDOS, { input: { userId: id.member, message: `Thanks ${i}` } }, token.peer),
      ),
    );
    const payloads = tries.map((result) => result.data!.giveKudos);
    expect(payloads.filter((payload) => payload.kudos)).toHaveLength(3);
    expect(payloads.filter((payload) => !payload.kudos).map((p) => p.userErrors[0].code)).toEqual([
      'THROTTLED',
      'THROTTLED',
    ]);
    await settle();
    const points = await t.gql(
      `query ($id: ID!) { node(id: $id) { ... on User { points kudosReceived { byLead } } } }`,
      { id: id.member },
      token.lead,
    );
    expect(points.data!.node.points).toBe(10); // the rule's default for a lead's kudos
    expect(points.data!.node.kudosReceived).toHaveLength(4);
  });

  it('ranks mentor candidates by their evidence, for leads (their team) and admins only', async () => {
    const CANDIDATES = `{ mentorCandidates { edges { node { user { id } points reusedByOthers acceptedAnswers helpfulRatio } } } }`;
    const lead = await t.gql(CANDIDATES, {}, token.lead);
    expect(lead.data!.mentorCandidates.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      {
        user: { id: id.member },
        points: 10,
        reusedByOthers: 0,
        acceptedAnswers: 0,
        helpfulRatio: 0,
      },
    ]);
    const agent = await t.gql(CANDIDATES, {}, token.peer);
    expect(agent.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('refuses kudos to oneself and to another organization’s user', async () => {
    const self = await t.gql(KUDOS, { input: { userId: id.peer, message: 'Me!' } }, token.peer);
    expect(self.data!.giveKudos.userErrors[0].code).toBe('NOT_ALLOWED');
    const foreign = await t.gql(
      KUDOS,
      { input: { userId: id.stranger, message: 'Hi' } },
      token.lead,
    );
    expect(foreign.data!.giveKudos.userErrors[0]).toMatchObject({
      code: 'NOT_FOUND',
      field: ['input', 'userId'],
    });
  });

  it("lets a lead make their team's member a mentor (audited, notified), not someone else's", async () => {
    const input = { userId: id.member, tags: ['Billing'], capacity: 3, reason: 'Most reused tips' };
    const granted = await t.gql(GRANT, { input }, token.lead);
    expect(granted.data!.grantMentorRole).toEqual({
      user: { id: id.member, isMentor: true, mentorRole: { tags: ['billing'], capacity: 3 } },
      userErrors: [],
    });
    const other = await t.gql(GRANT, { input: { ...input, userId: id.outsider } }, token.lead);
    expect(other.errors![0].extensions!.code).toBe('FORBIDDEN');
    const agent = await t.gql(GRANT, { input }, token.peer);
    expect(agent.errors![0].extensions!.code).toBe('FORBIDDEN');
    const foreign = await t.gql(GRANT, { input: { ...input, userId: id.stranger } }, token.lead);
    expect(foreign.errors![0].extensions!.code).toBe('NOT_FOUND');
    await settle();
    const inbox = await t.gql(
      `{ notifications { edges { node { kind message } } } }`,
      {},
      token.member,
    );
    expect(
      inbox.data!.notifications.edges.map((e: { node: { kind: string } }) => e.node.kind),
    ).toContain('MENTOR_ROLE_GRANTED');
  });

  it('shows kudos, badges and mentor roles in the feed, newest first, by team', async () => {
    const feed = await t.gql(
      `query ($team: ID) { recognitionFeed(teamId: $team, first: 10) { edges { node { kind message user { id } by { id } } } } }`,
      { team: id.team },
      token.peer,
    );
    const items = feed.data!.recognitionFeed.edges.map((edge: { node: unknown }) => edge.node);
    expect(items[0]).toEqual({
      kind: 'MENTOR_ROLE',
      message: 'Mentor in billing',
      user: { id: id.member },
      by: { id: id.lead },
    });
    expect(items.filter((item: { kind: string }) => item.kind === 'KUDOS')).toHaveLength(4);
  });

  it('sends new recognitions live to the feed’s subscribers, by team', async () => {
    const socket = LiveClient.connect(t.url, token.peer);
    const open = t.subscriptions;
    const team = socket.subscribe(
      `subscription ($team: ID) { recognitionAdded(teamId: $team) { kind message user { id } } }`,
      { team: id.team },
    );
    await t.subscribed(open + 1);
    await t.gql(KUDOS, { input: { userId: id.outsider, message: 'Not our team' } }, token.lead);
    await t.gql(KUDOS, { input: { userId: id.member, message: 'Great call today' } }, token.lead);
    for (let i = 0; i < 50 && team.received.length === 0; i++) {
      await t.app.get(EventDispatcher).wake();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [message] = await team.waitFor(1);
    expect(message.data!.recognitionAdded).toEqual({
      kind: 'KUDOS',
      message: 'Great call today',
      user: { id: id.member },
    });
    await socket.dispose();
  });

  it('revokes the role, audited, once', async () => {
    const input = { userId: id.member, reason: 'Moved to another client' };
    const revoked = await t.gql(REVOKE, { input }, token.lead);
    expect(revoked.data!.revokeMentorRole.user).toEqual({ id: id.member, isMentor: false });
    const again = await t.gql(REVOKE, { input }, token.lead);
    expect(again.data!.revokeMentorRole.userErrors[0].code).toBe('NOT_FOUND');
    const audit = await sql(`SELECT action, reason FROM mentor_role_audit ORDER BY id`);
    expect(audit).toEqual([
      { action: 'GRANTED', reason: 'Most reused tips' },
      { action: 'REVOKED', reason: 'Moved to another client' },
    ]);
  });
});

describe('mentorships: the mentee’s questions go to the mentor first', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};
  const PAIR = `mutation ($input: PairMentorInput!) { pairMentor(input: $input) { mentorship { id tags mentor { id } mentee { id } } userErrors { field message code } } }`;
  const OFFERS = `query ($id: ID!) { question(id: $id) { routing { offers { expert { id } round } } } }`;
  let organizationId: string;
  let teamId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    const north = await t.organization('north');
    const team = await t.team(north.id, 'Billing floor');
    organizationId = north.id;
    teamId = team.id;
    const make = async (name: string, role: Role, teamId: string | null) => {
      const user = await t.user(north.id, `${name}@north.test`, role, teamId);
      id[name] = toGlobalId('User', user.id);
      token[name] = await t.token('north', `${name}@north.test`);
      return user;
    };
    await make('lead', Role.TEAM_LEAD, team.id);
    await make('mentee', Role.AGENT, team.id);
    await make('other', Role.AGENT, null);
    for (const name of ['mentor', 'expert1', 'expert2', 'expert3']) {
      const user = await make(name, Role.AGENT, team.id);
      if (name !== 'mentor')
        await t.app.get(ExpertiseService).change(null, north.id, user.id, 'billing', true);
      await t.app.get(UsersService).setPresence(north.id, user.id, Presence.AVAILABLE);
    }
    await t.gql(
      `mutation ($input: GrantMentorRoleInput!) { grantMentorRole(input: $input) { userErrors { message } } }`,
      { input: { userId: id.mentor, tags: ['billing'], capacity: 1, reason: 'Patient and right' } },
      token.lead,
    );
  });
  afterAll(() => t?.close());

  it('pairs within the mentor’s tags and capacity, by the mentee’s lead', async () => {
    const notMentor = await t.gql(
      PAIR,
      { input: { menteeId: id.mentee, mentorId: id.expert1, tags: ['billing'] } },
      token.lead,
    );
    expect(notMentor.data!.pairMentor.userErrors[0]).toMatchObject({
      code: 'NOT_ALLOWED',
      field: ['input', 'mentorId'],
    });
    const outside = await t.gql(
      PAIR,
      { input: { menteeId: id.mentee, mentorId: id.mentor, tags: ['devices'] } },
      token.lead,
    );
    expect(outside.data!.pairMentor.userErrors[0].field).toEqual(['input', 'tags']);
    const paired = await t.gql(
      PAIR,
      { input: { menteeId: id.mentee, mentorId: id.mentor, tags: ['Billing'] } },
      token.lead,
    );
    expect(paired.data!.pairMentor.mentorship).toMatchObject({
      tags: ['billing'],
      mentor: { id: id.mentor },
      mentee: { id: id.mentee },
    });
    const full = await t.gql(
      PAIR,
      { input: { menteeId: id.expert1, mentorId: id.mentor, tags: ['billing'] } },
      token.lead,
    );
    expect(full.data!.pairMentor.userErrors[0].message).toMatch(/capacity/);
    const agent = await t.gql(
      PAIR,
      { input: { menteeId: id.other, mentorId: id.mentor, tags: ['billing'] } },
      token.mentee,
    );
    expect(agent.errors![0].extensions!.code).toBe('FORBIDDEN');
    // nobody is paired with a deactivated colleague
    const gone = await t.user(organizationId, 'gone@north.test', Role.AGENT, teamId);
    await t.app.get(UsersService).deactivate(organizationId, gone.id);
    const inactive = await t.gql(
      PAIR,
      { input: { menteeId: toGlobalId('User', gone.id), mentorId: id.mentor, tags: ['billing'] } },
      token.lead,
    );
    expect(inactive.data!.pairMentor.userErrors[0]).toMatchObject({
      code: 'NOT_ALLOWED',
      field: ['input', 'menteeId'],
    });
  });

  it('offers a NORMAL question to the mentor alone, and a LIVE_CALL one with the mentor in the first wave', async () => {
    const ask = async (urgency: string) => {
      const asked = await t.gql(
        `mutation ($u: Urgency!) { askQuestion(input: {title: "Refund question", tags: ["billing"], urgency: $u}) { question { id } } }`,
        { u: urgency },
        token.mentee,
      );
      const questionId = asked.data!.askQuestion.question.id;
      const routing = await t.gql(OFFERS, { id: questionId }, token.lead);
      return routing.data!.question.routing.offers.map(
        (offer: { expert: { id: string } }) => offer.expert.id,
      );
    };
    expect(await ask('NORMAL')).toEqual([id.mentor]);
    const live = await ask('LIVE_CALL');
    expect(live).toHaveLength(3);
    expect(live).toContain(id.mentor);
    // someone else's question goes to the granted experts: the mentor is the mentee's
    const other = await t.gql(
      `mutation { askQuestion(input: {title: "Other", tags: ["billing"], urgency: NORMAL}) { question { id } } }`,
      {},
      token.expert1,
    );
    const offers = await t.gql(OFFERS, { id: other.data!.askQuestion.question.id }, token.lead);
    const offered = offers.data!.question.routing.offers.map(
      (offer: { expert: { id: string } }) => offer.expert.id,
    );
    expect(offered).toHaveLength(1);
    expect([id.expert2, id.expert3]).toContain(offered[0]);
  });

  it('awards the mentor badge when the mentor answers their mentee’s question', async () => {
    const badges = async () => {
      await t.delivered();
      const mentor = await t.gql(
        `query ($id: ID!) { node(id: $id) { ... on User { badges { key tier } } } }`,
        { id: id.mentor },
        token.lead,
      );
      return mentor.data!.node.badges;
    };
    expect(await badges()).toEqual([]);
    const asked = await t.gql(
      `mutation { askQuestion(input: {title: "Mentee question", tags: ["billing"], urgency: NORMAL}) { question { id } } }`,
      {},
      token.mentee,
    );
    await t.gql(
      `mutation ($id: ID!) { answerQuestion(input: {questionId: $id, body: "Here is how."}) { answer { id } } }`,
      { id: asked.data!.askQuestion.question.id },
      token.mentor,
    );
    expect(await badges()).toEqual([{ key: 'MENTOR', tier: 'BRONZE' }]);
  });
});
