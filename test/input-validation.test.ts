import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { newSearchId } from '../src/modules/search/search-id.js';
import { SearchLogWriter } from '../src/modules/search/search-log-writer.js';
import { TestApp } from './support/test-app.js';

const NUL = '\u0000';
const LONE_SURROGATE = '\uD800';

const SEARCH = `query ($q: String!, $tags: [String!], $session: String) {
  search(query: $q, tags: $tags, typingSession: $session) { totalCount edges { node { ... on Tip { title } } } }
}`;
const GAPS = `{ searchGaps(first: 50) { query } }`;
const CREATE_TIP = `mutation ($input: CreateTipInput!) {
  createTip(input: $input) { tip { id } userErrors { field message code } }
}`;

/**
 * Every argument passes one pipe: text PostgreSQL cannot store (NUL, lone surrogates) is
 * stripped from what an agent searches and refused, naming the field, everywhere else.
 */
describe('input that cannot be stored', () => {
  let t: TestApp;
  let agent: string;
  let lead: string;
  let otherAgent: string;
  let otherLead: string;
  let admin: string;
  let agentId: string;
  const acme = { organizationId: '', leadId: '' };

  beforeAll(async () => {
    t = await TestApp.start();
    for (const slug of ['acme', 'globex']) {
      const org = await t.organization(slug);
      const team = await t.team(org.id, 'Floor');
      await t.user(org.id, `agent@${slug}.example`, Role.AGENT, team.id);
      const teamLead = await t.user(org.id, `lead@${slug}.example`, Role.TEAM_LEAD, team.id);
      if (slug === 'acme') Object.assign(acme, { organizationId: org.id, leadId: teamLead.id });
      await t.user(org.id, `admin@${slug}.example`, Role.ADMIN);
    }
    admin = await t.token('acme', 'admin@acme.example');
    agentId = (await t.login('acme', 'agent@acme.example')).user!.id;
    [agent, lead, otherAgent, otherLead] = await Promise.all([
      t.token('acme', 'agent@acme.example'),
      t.token('acme', 'lead@acme.example'),
      t.token('globex', 'agent@globex.example'),
      t.token('globex', 'lead@globex.example'),
    ]);
    const created = await t.gql(
      CREATE_TIP,
      { input: { title: 'Refund a cancelled order', body: 'To the card.', publish: true } },
      agent,
    );
    expect(created.data?.createTip.userErrors).toEqual([]);
  });
  afterAll(() => t?.close());

  it('searches on without the characters, and keeps every organization’s log', async () => {
    // one batch of the search log holds both organizations' searches
    const [poisoned, broken, neighbour] = await Promise.all([
      t.gql(SEARCH, { q: `refund${NUL} `, session: `s${NUL}1` }, agent),
      t.gql(SEARCH, { q: `cancelled${LONE_SURROGATE} order ` }, agent),
      t.gql(SEARCH, { q: 'warranty claim ' }, otherAgent),
    ]);
    expect(poisoned.errors).toBeUndefined();
    expect(poisoned.data?.search.edges).toEqual([{ node: { title: 'Refund a cancelled order' } }]);
    expect(broken.data?.search.totalCount).toBe(1);
    expect(neighbour.data?.search.totalCount).toBe(0);
    const theirs = (await t.gql(GAPS, {}, otherLead)).data?.searchGaps;
    expect(theirs).toEqual([{ query: 'warranty claim' }]);
    const ours = await t.gql(GAPS, {}, lead);
    expect(ours.errors).toBeUndefined();
  });

  it('refuses them in every other text, naming the field', async () => {
    const tip = await t.gql(
      CREATE_TIP,
      { input: { title: 'Fine', body: `A body${NUL}`, tags: ['ok', `bad${LONE_SURROGATE}`] } },
      agent,
    );
    expect(tip.data?.createTip).toEqual({
      tip: null,
      userErrors: [
        expect.objectContaining({ field: ['input', 'body'], code: 'INVALID' }),
        expect.objectContaining({ field: ['input', 'tags', '1'], code: 'INVALID' }),
      ],
    });
    expect(tip.data?.createTip.userErrors[0].message).toMatch(/cannot be stored/);

    const team = await t.gql(
      `mutation ($name: String!) { createTeam(input: { name: $name }) { team { id } userErrors { field } } }`,
      { name: `Night${NUL}` },
      admin,
    );
    expect(team.data?.createTeam).toEqual({
      team: null,
      userErrors: [{ field: ['input', 'name'] }],
    });

    const me = await t.gql(
      `mutation ($id: ID!, $name: String!) { updateUser(input: { id: $id, displayName: $name }) { userErrors { field } } }`,
      { id: agentId, name: `Ana${NUL}` },
      agent,
    );
    expect(me.data?.updateUser.userErrors).toEqual([{ field: ['input', 'displayName'] }]);

    const filter = await t.gql(SEARCH, { q: 'refund', tags: [`billing${NUL}`] }, agent);
    expect(filter.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^tags\.0: .*cannot be stored/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('writes the good entries of a log batch that one bad entry made fail', async () => {
    const writer = t.app.get(SearchLogWriter);
    const entry = (query: string, userId: string) => ({
      id: newSearchId(Date.now()),
      organizationId: acme.organizationId,
      userId,
      typingSession: null,
      query,
      normalized: query,
      resultCount: 0,
      tookMs: 1,
      searchedAt: new Date(),
    });
    writer.add(entry('lost cause', '00000000-0000-4000-8000-000000000000')); // no such user
    writer.add(entry('kept entry', acme.leadId));
    await writer.flush();
    const gaps = (await t.gql(GAPS, {}, lead)).data?.searchGaps as { query: string }[];
    expect(gaps.map((gap) => gap.query)).toContain('kept entry');
    expect(gaps.map((gap) => gap.query)).not.toContain('lost cause');
  });

  it('refuses dates that are not dates, in arguments and in cursors, before they reach the database', async () => {
    const gaps = await t.gql(`{ searchGaps(since: "garbage") { query } }`, {}, lead);
    expect(gaps.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/"garbage" is not a date and time/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, // a literal: refused before running
    });
    const farFuture = await t.gql(
      `query ($since: DateTime) { searchGaps(since: $since) { query } }`,
      { since: '+275760-09-13T00:00:00Z' },
      lead,
    );
    expect(farFuture.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const cursor = Buffer.from(
      JSON.stringify(['-271821-04-20T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
    ).toString('base64url');
    const page = await t.gql(
      `query ($after: String) { users(after: $after) { edges { cursor } } }`,
      { after: cursor },
      lead,
    );
    expect(page.errors?.[0]).toMatchObject({
      message: 'The cursor "after" is not one this list returned.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
