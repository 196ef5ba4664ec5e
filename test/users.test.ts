import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { toGlobalId } from '../src/common/graphql/global-id.js';
import { TestApp } from './support/test-app.js';

const CREATE = `mutation ($input: CreateUserInput!) {
  createUser(input: $input) { user { id email role locale team { name } } userErrors { field message code } }
}`;
const UPDATE = `mutation ($input: UpdateUserInput!) {
  updateUser(input: $input) { user { id displayName role locale team { name } } userErrors { field message code } }
}`;

describe('organizations, teams and users', () => {
  let t: TestApp;
  let orgId: string;
  let billing: { id: string };
  let support: { id: string };
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    orgId = (await t.organization('acme')).id;
    billing = await t.team(orgId, 'Billing');
    support = await t.team(orgId, 'Support');
    const people = [
      ['admin', Role.ADMIN, null],
      ['lead', Role.TEAM_LEAD, billing.id],
      ['agent', Role.AGENT, billing.id],
      ['other', Role.AGENT, support.id],
    ] as const;
    for (const [name, role, team] of people) {
      ids[name] = toGlobalId('User', (await t.user(orgId, `${name}@acme.example`, role, team)).id);
      tokens[name] = await t.token('acme', `${name}@acme.example`);
    }
  });
  afterAll(() => t?.close());

  it('admins create teams; names are unique per organization, any case', async () => {
    const create = `mutation ($name: String!) { createTeam(input: {name: $name}) { team { name } userErrors { field code message } } }`;
    expect((await t.gql(create, { name: 'Retention' }, tokens.admin)).data?.createTeam).toEqual({
      team: { name: 'Retention' },
      userErrors: [],
    });
    const dup = await t.gql(create, { name: 'RETENTION' }, tokens.admin);
    expect(dup.data?.createTeam.userErrors[0]).toMatchObject({
      code: 'TAKEN',
      field: ['input', 'name'],
    });
    const blank = await t.gql(create, { name: '' }, tokens.admin);
    expect(blank.data?.createTeam.userErrors[0]).toMatchObject({
      code: 'INVALID',
      field: ['input', 'name'],
    });
    expect(
      (await t.gql(create, { name: 'Sneaky' }, tokens.lead)).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('admins create users; emails are unique per organization, case-insensitive', async () => {
    const input = {
      email: 'New.Hire@acme.example',
      displayName: 'New Hire',
      role: 'AGENT',
      password: 'long enough',
      teamId: toGlobalId('Team', support.id),
      locale: 'fi',
    };
    const created = await t.gql(CREATE, { input }, tokens.admin);
    expect(created.data?.createUser).toEqual({
      user: {
        id: expect.any(String),
        email: 'New.Hire@acme.example',
        role: 'AGENT',
        locale: 'fi',
        team: { name: 'Support' },
      },
      userErrors: [],
    });
    const dup = await t.gql(
      CREATE,
      { input: { ...input, email: 'new.hire@ACME.example' } },
      tokens.admin,
    );
    expect(dup.data?.createUser).toEqual({
      user: null,
      userErrors: [
        {
          field: ['input', 'email'],
          code: 'TAKEN',
          message: expect.stringContaining('already exists'),
        },
      ],
    });
  });

  it.each([
    ['email', { email: 'not an email' }],
    ['password', { password: 'short' }],
    ['displayName', { displayName: '  ' }],
    ['locale', { locale: 'English please' }],
  ])('createUser rejects a bad %s with a field error and writes nothing', async (field, bad) => {
    const input = {
      email: `valid-${field}@acme.example`,
      displayName: 'Valid',
      role: 'AGENT',
      password: 'long enough',
      ...bad,
    };
    const result = await t.gql(CREATE, { input }, tokens.admin);
    expect(result.data?.createUser.user).toBeNull();
    expect(result.data?.createUser.userErrors[0]).toMatchObject({
      field: ['input', field],
      code: 'INVALID',
    });
    expect((await t.login('acme', `valid-${field}@acme.example`, 'long enough')).token).toBeNull();
  });

  it('only admins create users', async () => {
    const input = {
      email: 'x@acme.example',
      displayName: 'X',
      role: 'ADMIN',
      password: 'long enough',
    };
    for (const who of ['lead', 'agent']) {
      const result = await t.gql(CREATE, { input }, tokens[who]);
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it("admins change a user's role and team; nobody else can", async () => {
    const move = { id: ids.other, role: 'TEAM_LEAD', teamId: toGlobalId('Team', billing.id) };
    for (const who of ['lead', 'agent']) {
      expect((await t.gql(UPDATE, { input: move }, tokens[who])).errors?.[0].extensions?.code).toBe(
        'FORBIDDEN',
      );
    }
    const moved = await t.gql(UPDATE, { input: move }, tokens.admin);
    expect(moved.data?.updateUser.user).toMatchObject({
      role: 'TEAM_LEAD',
      team: { name: 'Billing' },
    });
    const back = await t.gql(
      UPDATE,
      { input: { id: ids.other, role: 'AGENT', teamId: toGlobalId('Team', support.id) } },
      tokens.admin,
    );
    expect(back.data?.updateUser.user).toMatchObject({ role: 'AGENT', team: { name: 'Support' } });
    const ownRole = await t.gql(UPDATE, { input: { id: ids.admin, role: 'AGENT' } }, tokens.admin);
    expect(ownRole.data?.updateUser.userErrors[0]).toMatchObject({
      code: 'NOT_ALLOWED',
      field: ['input', 'role'],
    });
  });

  it('leads manage their own team’s members (name, locale) and no one else', async () => {
    const ok = await t.gql(
      UPDATE,
      { input: { id: ids.agent, displayName: 'Agent Renamed', locale: 'fa' } },
      tokens.lead,
    );
    expect(ok.data?.updateUser.user).toMatchObject({ displayName: 'Agent Renamed', locale: 'fa' });
    const otherTeam = await t.gql(
      UPDATE,
      { input: { id: ids.other, displayName: 'Nope' } },
      tokens.lead,
    );
    expect(otherTeam.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const agentOnAgent = await t.gql(
      UPDATE,
      { input: { id: ids.other, displayName: 'Nope' } },
      tokens.agent,
    );
    expect(agentOnAgent.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const self = await t.gql(
      UPDATE,
      { input: { id: ids.agent, displayName: 'Agent Me' } },
      tokens.agent,
    );
    expect(self.data?.updateUser.user.displayName).toBe('Agent Me');
  });

  it('leads see their team including deactivated members; emails are hidden from agents', async () => {
    const leaver = await t.user(orgId, 'leaver@acme.example', Role.AGENT, billing.id);
    await t.gql(
      `mutation ($id: ID!) { deactivateUser(input: {id: $id}) { user { id } } }`,
      { id: toGlobalId('User', leaver.id) },
      tokens.admin,
    );
    const members = `query ($id: ID!) { node(id: $id) { ... on Team { name members(first: 50, includeInactive: true) { edges { node { email active } } } } } }`;
    const team = toGlobalId('Team', billing.id);
    const byLead = await t.gql(members, { id: team }, tokens.lead);
    expect(byLead.data?.node.members.edges.map((e: any) => e.node)).toContainEqual({
      email: 'leaver@acme.example',
      active: false,
    });
    const byAgent = await t.gql(members, { id: team }, tokens.other);
    const seen = byAgent.data?.node.members.edges.map((e: any) => e.node);
    expect(seen.every((n: any) => n.active && n.email === null)).toBe(true);
  });

  it('presence is set by the user and read by everyone in the organization', async () => {
    const set = await t.gql(
      `mutation { setPresence(input: {presence: ON_CALL}) { user { presence } } }`,
      {},
      tokens.agent,
    );
    expect(set.data?.setPresence.user.presence).toBe('ON_CALL');
    const seen = await t.gql(
      `query ($id: ID!) { node(id: $id) { ... on User { presence } } }`,
      { id: ids.agent },
      tokens.other,
    );
    expect(seen.data?.node.presence).toBe('ON_CALL');
    const bad = await t.gql(
      `mutation { setPresence(input: {presence: DANCING}) { user { presence } } }`,
      {},
      tokens.agent,
    );
    expect(bad.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('pages through users with cursors, without repeats or gaps', async () => {
    const page = `query ($after: String) { users(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const result: any = await t.gql(page, { after }, tokens.admin);
      seen.push(...result.data.users.edges.map((e: any) => e.node.id));
      if (!result.data.users.pageInfo.hasNextPage) break;
      after = result.data.users.pageInfo.endCursor;
    }
    const all: any = await t.gql(
      `{ users(first: 100) { edges { node { id } } } }`,
      {},
      tokens.admin,
    );
    expect(seen).toEqual(all.data.users.edges.map((e: any) => e.node.id));
    expect(new Set(seen).size).toBe(seen.length);
    const tooMany = await t.gql(`{ users(first: 1000) { edges { cursor } } }`, {}, tokens.admin);
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await t.gql(
      `{ users(after: "garbage") { edges { cursor } } }`,
      {},
      tokens.admin,
    );
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects operations nested too deeply', async () => {
    const deep = `{ me { team { members { edges { node { team { members { edges { node { team { members { edges { node { id } } } } } } } } } } } } } }`;
    const result = await t.gql(deep, {}, tokens.admin);
    expect(result.errors?.[0].message).toMatch(/depth limit of 10/);
  });
});
