import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { toGlobalId } from '../src/common/graphql/global-id.js';
import { TestApp } from './support/test-app.js';

const GRANT = `mutation ($input: GrantMentorRoleInput!) { grantMentorRole(input: $input) { userErrors { message } } }`;
const REQUEST = `mutation ($input: RequestMentorInput!) { requestMentor(input: $input) { request { id status tags mentor { id } mentee { id } } userErrors { field message code } } }`;
const RESPOND = `mutation ($input: RespondToMentorshipRequestInput!) { respondToMentorshipRequest(input: $input) { request { id status mentorship { id tags mentor { id } } } userErrors { field message code } } }`;
const WITHDRAW = `mutation ($input: MentorshipRequestIdInput!) { withdrawMentorshipRequest(input: $input) { request { status } userErrors { message code } } }`;
const PENDING = `{ mentorshipRequests { id status mentor { id } mentee { id } } }`;
const SHIFTS = `mutation ($input: SetShiftScheduleInput!) { setShiftSchedule(input: $input) { user { id shiftSchedule { timeZone shifts { day start end } } } userErrors { field message code } } }`;
const SUGGEST = `query ($menteeId: String, $tags: [String!]) { mentorSuggestions(menteeId: $menteeId, tags: $tags) { mentor { id } tags sharedShiftMinutes activeMentees capacity } }`;
const RECORD = `mutation ($input: RecordCoachingSessionInput!) { recordCoachingSession(input: $input) { session { id notes heldAt coach { id } mentee { id } tips { id } questions { id } } userErrors { field message code } } }`;
const HISTORY = `query ($id: ID!) { node(id: $id) { ... on User { coachingSessions(first: 10) { edges { node { notes coach { id } tips { title } } } } } } }`;

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];
const weekdays = (start: string, end: string) => WEEKDAYS.map((day) => ({ day, start, end }));

describe('mentorship requests, shift-aware suggestions and coaching sessions', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    const north = await t.organization('north');
    const team = await t.team(north.id, 'Billing floor');
    const otherTeam = await t.team(north.id, 'Devices floor');
    for (const [name, role, teamId] of [
      ['lead', Role.TEAM_LEAD, team.id],
      ['otherLead', Role.TEAM_LEAD, otherTeam.id],
      ['mentee', Role.AGENT, team.id],
      ['day', Role.AGENT, team.id],
      ['night', Role.AGENT, team.id],
      ['tehran', Role.AGENT, otherTeam.id],
      ['peer', Role.AGENT, team.id],
    ] as const) {
      const user = await t.user(north.id, `${name}@north.test`, role, teamId);
      id[name] = toGlobalId('User', user.id);
      token[name] = await t.token('north', `${name}@north.test`);
    }
    const south = await t.organization('south');
    const stranger = await t.user(south.id, 'stranger@south.test', Role.TEAM_LEAD);
    id.stranger = toGlobalId('User', stranger.id);
    token.stranger = await t.token('south', 'stranger@south.test');
    const admin = await t.user(north.id, 'admin@north.test', Role.ADMIN);
    id.admin = toGlobalId('User', admin.id);
    token.admin = await t.token('north', 'admin@north.test');
    for (const [name, capacity] of [
      ['day', 2],
      ['night', 2],
      ['tehran', 1],
    ] as const)
      await t.gql(
        GRANT,
        { input: { userId: id[name], tags: ['billing'], capacity, reason: 'Reused widely' } },
        token.admin,
      );
  });
  afterAll(() => t?.close());

  it('keeps weekly shifts in a time zone, refusing overlaps, bad times and others’ schedules', async () => {
    const set = async (who: string, input: Record<string, unknown>, as = who) =>
      (await t.gql(SHIFTS, { input }, token[as])).data?.setShiftSchedule;
    const mine = await set('mentee', {
      timeZone: 'Europe/Helsinki',
      shifts: weekdays('08:00', '16:00'),
    });
    expect(mine.user.shiftSchedule).toEqual({
      timeZone: 'Europe/Helsinki',
      shifts: weekdays('08:00', '16:00'),
    });
    const overlapping = await set('mentee', {
      timeZone: 'UTC',
      shifts: [
        { day: 'MONDAY', start: '08:00', end: '12:00' },
        { day: 'MONDAY', start: '11:00', end: '13:00' },
      ],
    });
    expect(overlapping.userErrors[0]).toMatchObject({
      code: 'INVALID',
      field: ['input', 'shifts'],
    });
    const badTime = await t.gql(
      SHIFTS,
      { input: { timeZone: 'UTC', shifts: [{ day: 'MONDAY', start: '25:00', end: '26:00' }] } },
      token.mentee,
    );
    expect(badTime.data!.setShiftSchedule.userErrors[0].message).toMatch(/HH:MM/);
    const badZone = await set('mentee', { timeZone: 'Mars/Olympus', shifts: [] });
    expect(badZone.userErrors[0].message).toMatch(/IANA/);
    const nul = await set('mentee', { timeZone: 'UTC\u0000', shifts: [] });
    expect(nul.userErrors[0].field).toEqual(['input', 'timeZone']);
    // a peer cannot set someone else's; a lead sets their team's; a stranger finds no one
    const peer = await t.gql(
      SHIFTS,
      { input: { userId: id.day, timeZone: 'UTC', shifts: [] } },
      token.peer,
    );
    expect(peer.errors![0].extensions!.code).toBe('FORBIDDEN');
    const stranger = await t.gql(
      SHIFTS,
      { input: { userId: id.day, timeZone: 'UTC', shifts: [] } },
      token.stranger,
    );
    expect(stranger.errors![0].extensions!.code).toBe('NOT_FOUND');
    for (const [who, zone, start, end] of [
      ['day', 'Europe/London', '07:00', '15:00'],
      ['night', 'UTC', '22:00', '06:00'],
      ['tehran', 'Asia/Tehran', '09:00', '17:00'],
    ])
      expect(
        (await set(who, { userId: id[who], timeZone: zone, shifts: weekdays(start, end) }, 'admin'))
          .userErrors,
      ).toEqual([]);
    // the mentee's own is unchanged by the refusals
    const read = await t.gql(
      `query ($id: ID!) { node(id: $id) { ... on User { shiftSchedule { timeZone } } } }`,
      { id: id.mentee },
      token.peer,
    );
    expect(read.data!.node.shiftSchedule.timeZone).toBe('Europe/Helsinki');
  });

  it('suggests mentors with room whose shifts overlap the mentee’s most', async () => {
    const suggested = await t.gql(SUGGEST, { tags: ['billing'] }, token.mentee);
    const list = suggested.data!.mentorSuggestions;
    expect(list.map((s: { mentor: { id: string } }) => s.mentor.id)).toEqual([
      id.tehran,
      id.day,
      id.night,
    ]);
    const [tehran, day, night] = list;
    // Helsinki 08-16 shares 7.5 h a day with Tehran 09-17, and 7 h with London 07-15, all year
    expect(tehran).toMatchObject({ sharedShiftMinutes: 5 * 7.5 * 60, capacity: 1 });
    expect(day).toMatchObject({ sharedShiftMinutes: 5 * 7 * 60, activeMentees: 0, capacity: 2 });
    expect(night.sharedShiftMinutes).toBe(0);
    // the mentee's lead may ask for them, another team's lead and a peer may not
    const lead = await t.gql(SUGGEST, { menteeId: id.mentee, tags: ['billing'] }, token.lead);
    expect(lead.data!.mentorSuggestions).toEqual(list);
    for (const who of ['otherLead', 'peer'])
      expect(
        (await t.gql(SUGGEST, { menteeId: id.mentee }, token[who])).errors![0].extensions!.code,
      ).toBe('FORBIDDEN');
    expect(
      (await t.gql(SUGGEST, { menteeId: id.mentee }, token.stranger)).errors![0].extensions!.code,
    ).toBe('NOT_FOUND');
  });

  it('lets a mentee ask a mentor, who accepts once even when answering twice at once', async () => {
    const notMentor = await t.gql(
      REQUEST,
      { input: { mentorId: id.peer, tags: ['billing'] } },
      token.mentee,
    );
    expect(notMentor.data!.requestMentor.userErrors[0].code).toBe('NOT_ALLOWED');
    const asked = await t.gql(
      REQUEST,
      { input: { mentorId: id.day, tags: ['Billing'], message: 'Refunds confuse me.' } },
      token.mentee,
    );
    const request = asked.data!.requestMentor.request;
    expect(request).toMatchObject({ status: 'PENDING', tags: ['billing'], mentor: { id: id.day } });
    const again = await t.gql(
      REQUEST,
      { input: { mentorId: id.day, tags: ['billing'] } },
      token.mentee,
    );
    expect(again.data!.requestMentor.userErrors[0].code).toBe('TAKEN');
    expect((await t.gql(PENDING, {}, token.day)).data!.mentorshipRequests).toEqual([
      { id: request.id, status: 'PENDING', mentor: { id: id.day }, mentee: { id: id.mentee } },
    ]);
    await t.delivered();
    const inbox = await t.gql(
      `{ notifications(first: 5) { edges { node { kind message } } } }`,
      {},
      token.day,
    );
    expect(inbox.data!.notifications.edges[0].node).toEqual({
      kind: 'MENTORSHIP_REQUESTED',
      message: 'mentee asks you to mentor them in billing.',
    });
    // only the mentor answers: the mentee, a lead or a stranger find no such request
    for (const who of ['mentee', 'lead', 'stranger'])
      expect(
        (await t.gql(RESPOND, { input: { requestId: request.id, accept: true } }, token[who]))
          .errors![0].extensions!.code,
      ).toBe('NOT_FOUND');
    // the mentor answering twice at once starts one mentorship
    const answers = await Promise.all(
      [1, 2].map(() =>
        t.gql(RESPOND, { input: { requestId: request.id, accept: true } }, token.day),
      ),
    );
    const accepted = answers.map((a) => a.data!.respondToMentorshipRequest);
    expect(accepted.filter((a) => a.request?.status === 'ACCEPTED')).toHaveLength(1);
    expect(accepted.filter((a) => a.userErrors.length)).toHaveLength(1);
    const mentors = await t.gql(
      `query ($id: ID!) { node(id: $id) { ... on User { mentors { mentor { id } tags } } } }`,
      { id: id.mentee },
      token.mentee,
    );
    expect(mentors.data!.node.mentors).toEqual([{ mentor: { id: id.day }, tags: ['billing'] }]);
    // a mentor already theirs is neither suggested nor asked again
    const suggested = await t.gql(SUGGEST, { tags: ['billing'] }, token.mentee);
    expect(
      suggested.data!.mentorSuggestions.map((s: { mentor: { id: string } }) => s.mentor.id),
    ).not.toContain(id.day);
    const twice = await t.gql(
      REQUEST,
      { input: { mentorId: id.day, tags: ['billing'] } },
      token.mentee,
    );
    expect(twice.data!.requestMentor.userErrors[0].code).toBe('TAKEN');
  });

  it('lets the mentor decline and the mentee withdraw, and keeps three requests waiting at most', async () => {
    const ask = (mentor: string, as = 'peer') =>
      t.gql(REQUEST, { input: { mentorId: id[mentor], tags: ['billing'] } }, token[as]);
    const toNight = (await ask('night')).data!.requestMentor.request;
    const declined = await t.gql(
      RESPOND,
      { input: { requestId: toNight.id, accept: false } },
      token.night,
    );
    expect(declined.data!.respondToMentorshipRequest.request.status).toBe('DECLINED');
    const late = await t.gql(
      RESPOND,
      { input: { requestId: toNight.id, accept: true } },
      token.night,
    );
    expect(late.data!.respondToMentorshipRequest.userErrors[0].message).toMatch(/answered already/);
    const toTehran = (await ask('tehran')).data!.requestMentor.request;
    const withdrawn = await t.gql(WITHDRAW, { input: { requestId: toTehran.id } }, token.peer);
    expect(withdrawn.data!.withdrawMentorshipRequest.request.status).toBe('WITHDRAWN');
    // four at once from one mentee (of three mentors and the same one twice): at most three wait
    await t.gql(
      GRANT,
      { input: { userId: id.lead, tags: ['billing'], capacity: 3, reason: 'Knows it all' } },
      token.admin,
    );
    const burst = await Promise.all(
      ['night', 'tehran', 'lead', 'night'].map((mentor) => ask(mentor, 'mentee')),
    );
    const results = burst.map((result) => result.data!.requestMentor);
    expect(results.filter((r) => r.request)).toHaveLength(3);
    expect(results.filter((r) => r.userErrors.length)).toHaveLength(1);
    const fourth = await ask('night', 'mentee');
    expect(fourth.data!.requestMentor.userErrors[0].code).toMatch(/TAKEN|THROTTLED/);
  });

  it('accepts within capacity only', async () => {
    // tehran mentors one at most: a lead pairs the peer first, then the mentee's request cannot start
    const pending = (await t.gql(PENDING, {}, token.tehran)).data!.mentorshipRequests;
    const fromMentee = pending.find((r: { mentee: { id: string } }) => r.mentee.id === id.mentee);
    await t.gql(
      `mutation ($input: PairMentorInput!) { pairMentor(input: $input) { userErrors { message } } }`,
      { input: { menteeId: id.peer, mentorId: id.tehran, tags: ['billing'] } },
      token.admin,
    );
    const full = await t.gql(
      RESPOND,
      { input: { requestId: fromMentee.id, accept: true } },
      token.tehran,
    );
    expect(full.data!.respondToMentorshipRequest.userErrors[0].message).toMatch(/capacity/);
    // it keeps waiting, so the mentor can decline it or make room
    expect((await t.gql(PENDING, {}, token.tehran)).data!.mentorshipRequests).toHaveLength(1);
  });

  it('records coaching sessions by the mentor or lead, which the mentee reads and others cannot', async () => {
    const tip = await t.gql(
      `mutation { createTip(input: {title: "Refund a double charge", body: "Open the invoice.", tags: ["billing"], publish: true}) { tip { id } } }`,
      {},
      token.day,
    );
    const tipId = tip.data!.createTip.tip.id;
    const draft = await t.gql(
      `mutation { createTip(input: {title: "Lead's draft", body: "Not yet.", tags: ["billing"]}) { tip { id } } }`,
      {},
      token.lead,
    );
    const question = await t.gql(
      `mutation { askQuestion(input: {title: "Refund twice?", tags: ["billing"], urgency: NORMAL}) { question { id } } }`,
      {},
      token.mentee,
    );
    const questionId = question.data!.askQuestion.question.id;
    const heldAt = new Date(Date.now() - 3600_000).toISOString();
    const input = (over: Record<string, unknown> = {}) => ({
      input: {
        menteeId: id.mentee,
        heldAt,
        notes: 'Went through refunds.',
        tipIds: [tipId],
        questionIds: [questionId],
        ...over,
      },
    });
    const byMentor = await t.gql(RECORD, input(), token.day);
    expect(byMentor.data!.recordCoachingSession.session).toMatchObject({
      notes: 'Went through refunds.',
      coach: { id: id.day },
      mentee: { id: id.mentee },
      tips: [{ id: tipId }],
      questions: [{ id: questionId }],
    });
    const byLead = await t.gql(
      RECORD,
      input({ notes: 'Check-in: calmer calls.', tipIds: [], heldAt: new Date().toISOString() }),
      token.lead,
    );
    expect(byLead.data!.recordCoachingSession.userErrors).toEqual([]);
    // not the mentor, not their lead, another organization; a tip the coach cannot see; a date far off
    for (const who of ['night', 'otherLead', 'peer'])
      expect((await t.gql(RECORD, input(), token[who])).errors![0].extensions!.code).toBe(
        'FORBIDDEN',
      );
    expect((await t.gql(RECORD, input(), token.stranger)).errors![0].extensions!.code).toBe(
      'NOT_FOUND',
    );
    const draftLink = await t.gql(
      RECORD,
      input({ tipIds: [draft.data!.createTip.tip.id] }),
      token.day,
    );
    expect(draftLink.data!.recordCoachingSession.userErrors[0]).toMatchObject({
      code: 'NOT_FOUND',
      field: ['input', 'tipIds'],
    });
    const foreignTip = await t.gql(
      `mutation { createTip(input: {title: "South's tip", body: "Theirs.", tags: ["billing"], publish: true}) { tip { id } } }`,
      {},
      token.stranger,
    );
    const foreignLink = await t.gql(
      RECORD,
      input({ tipIds: [foreignTip.data!.createTip.tip.id] }),
      token.day,
    );
    expect(foreignLink.data!.recordCoachingSession.userErrors[0].field).toEqual([
      'input',
      'tipIds',
    ]);
    const farOff = await t.gql(RECORD, input({ heldAt: '2001-01-01T00:00:00Z' }), token.day);
    expect(farOff.data!.recordCoachingSession.userErrors[0].field).toEqual(['input', 'heldAt']);
    const empty = await t.gql(RECORD, input({ notes: '   ' }), token.day);
    expect(empty.data!.recordCoachingSession.userErrors[0].field).toEqual(['input', 'notes']);
    const self = await t.gql(RECORD, input({ menteeId: id.day }), token.day);
    expect(self.data!.recordCoachingSession.userErrors[0].code).toBe('NOT_ALLOWED');

    const history = async (who: string) =>
      (await t.gql(HISTORY, { id: id.mentee }, token[who])).data!.node.coachingSessions;
    const own = await history('mentee');
    expect(own.edges.map((e: { node: { notes: string } }) => e.node.notes)).toEqual([
      'Check-in: calmer calls.',
      'Went through refunds.',
    ]);
    expect(own.edges[1].node.tips).toEqual([{ title: 'Refund a double charge' }]);
    expect(await history('day')).toEqual(own);
    expect(await history('lead')).toEqual(own);
    expect(await history('peer')).toBeNull();
    expect(await history('otherLead')).toBeNull();
    await t.delivered();
    const inbox = await t.gql(
      `{ notifications(first: 1) { edges { node { kind } } } }`,
      {},
      token.mentee,
    );
    expect(inbox.data!.notifications.edges[0].node.kind).toBe('COACHING_SESSION_RECORDED');
  });
});
