import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DemoDataService } from '../src/modules/demo/demo-data.service.js';
import { DEMO_PASSWORD } from '../src/modules/demo/demo-accounts.js';
import { TestApp } from './support/test-app.js';

describe('demo data', () => {
  let t: TestApp;
  let lead: string;

  beforeAll(async () => {
    t = await TestApp.start();
    expect(await t.app.get(DemoDataService).createIfEmpty()).toContain('Demo data created');
    await t.delivered();
    lead = await t.token('demo', 'lead@demo.example', DEMO_PASSWORD);
  }, 30_000);
  afterAll(() => t?.close());

  it('presents a believable team: mentors with badges and points, a feed, mentees coached', async () => {
    const board = await t.gql(
      `{ leaderboard(period: ALL_TIME, first: 3) { edges { node { points user { displayName isMentor
           badges { key } mentees { mentee { id } } } } } } }`,
      {},
      lead,
    );
    expect(board.errors).toBeUndefined();
    const mentors = board
      .data!.leaderboard.edges.map((edge: { node: { user: { isMentor: boolean } } }) => edge.node)
      .filter((node: { user: { isMentor: boolean } }) => node.user.isMentor);
    expect(mentors).toHaveLength(2);
    for (const mentor of mentors) {
      expect(mentor.points).toBeGreaterThan(0);
      expect(mentor.user.badges.map((badge: { key: string }) => badge.key)).toContain('FIRST_TIP');
      expect(mentor.user.mentees).toHaveLength(1);
    }
    // the Billing lead reads their own team's mentee's coaching
    const billing = mentors.find(
      (mentor: { user: { displayName: string } }) => mentor.user.displayName === 'Eve Expert',
    );
    const mentee = await t.gql(
      `query ($id: ID!) { node(id: $id) { ... on User { shiftSchedule { timeZone }
         coachingSessions(first: 5) { edges { node { notes tips { title } } } } } } }`,
      { id: billing.user.mentees[0].mentee.id },
      lead,
    );
    expect(mentee.data!.node.shiftSchedule.timeZone).toBe('Asia/Tehran');
    expect(mentee.data!.node.coachingSessions.edges[0].node.tips).toHaveLength(1);
    const feed = await t.gql(
      `{ recognitionFeed(first: 20) { edges { node { kind } } } }`,
      {},
      lead,
    );
    const kinds = feed.data!.recognitionFeed.edges.map(
      (edge: { node: { kind: string } }) => edge.node.kind,
    );
    expect(kinds).toEqual(expect.arrayContaining(['BADGE', 'KUDOS', 'MENTOR_ROLE']));
  });
});
