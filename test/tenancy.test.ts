import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/auth/role.js';
import { idOfType, toGlobalId } from '../src/common/graphql/global-id.js';
import { TransactionHost } from '../src/database/transaction-host.js';
import { TestApp } from './support/test-app.js';

/**
 * A user of one organization gets for another organization's ids exactly what a
 * nonexistent id gets, through every entry point.
 */
describe('tenant isolation', () => {
  let t: TestApp;
  let admin: string; // admin of "north"
  let northId: string;
  const south: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    northId = (await t.organization('north')).id;
    await t.user(northId, 'admin@north.example', Role.ADMIN);
    const southOrg = await t.organization('south');
    const southTeam = await t.team(southOrg.id, 'Billing');
    const southUser = await t.user(southOrg.id, 'agent@south.example', Role.AGENT, southTeam.id);
    Object.assign(south, {
      organization: toGlobalId('Organization', southOrg.id),
      team: toGlobalId('Team', southTeam.id),
      user: toGlobalId('User', southUser.id),
    });
    admin = await t.token('north', 'admin@north.example');
  });
  afterAll(() => t?.close());

  const missing = {
    organization: () => toGlobalId('Organization', randomUUID()),
    team: () => toGlobalId('Team', randomUUID()),
    user: () => toGlobalId('User', randomUUID()),
  };

  it.each(['organization', 'team', 'user'] as const)(
    'node(id) of another organization’s %s is null, like a missing one',
    async (kind) => {
      const query = `query ($id: ID!) { node(id: $id) { id } }`;
      const foreign = await t.gql(query, { id: south[kind] }, admin);
      const absent = await t.gql(query, { id: missing[kind]() }, admin);
      expect(foreign).toEqual({ data: { node: null } });
      expect(absent).toEqual({ data: { node: null } });
    },
  );

  it('node(id) of garbage is null', async () => {
    const result = await t.gql(`{ node(id: "not-an-id") { id } }`, {}, admin);
    expect(result).toEqual({ data: { node: null } });
  });

  it('lists show only the caller’s organization', async () => {
    const result = await t.gql(
      `{ users(first: 100) { edges { node { email } } } teams { edges { node { id } } } organization { slug } }`,
      {},
      admin,
    );
    expect(result.data?.users.edges.map((e: any) => e.node.email)).toEqual(['admin@north.example']);
    expect(result.data?.teams.edges).toEqual([]);
    expect(result.data?.organization.slug).toBe('north');
    const byForeignTeam = await t.gql(
      `query ($team: ID) { users(teamId: $team) { edges { node { id } } } }`,
      { team: south.team },
      admin,
    );
    expect(byForeignTeam.data?.users.edges).toEqual([]);
  });

  const userMutations = [
    ['updateUser', 'UpdateUserInput', (id: string) => ({ id, displayName: 'Hijacked' })],
    ['deactivateUser', 'UserIdInput', (id: string) => ({ id })],
    ['reactivateUser', 'UserIdInput', (id: string) => ({ id })],
    [
      'resetUserPassword',
      'ResetUserPasswordInput',
      (id: string) => ({ id, newPassword: 'hijacked password' }),
    ],
  ] as const;

  it.each(userMutations)(
    '%s on another organization’s user answers NOT_FOUND, like a missing one',
    async (name, type, input) => {
      const mutation = `mutation ($input: ${type}!) { ${name}(input: $input) { user { id } } }`;
      const foreign = await t.gql(mutation, { input: input(south.user) }, admin);
      const absent = await t.gql(mutation, { input: input(missing.user()) }, admin);
      expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(foreign.errors?.[0].message).toBe(absent.errors?.[0].message);
      expect(foreign.data).toEqual(absent.data);
    },
  );

  it('another organization’s team cannot be assigned: NOT_FOUND on the field, like a missing one', async () => {
    const mutation = `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { field code message } } }`;
    const input = (teamId: string, email: string) => ({
      email,
      displayName: 'New',
      role: 'AGENT',
      password: 'long enough',
      teamId,
    });
    const foreign = await t.gql(mutation, { input: input(south.team, 'a@north.example') }, admin);
    const absent = await t.gql(
      mutation,
      { input: input(missing.team(), 'b@north.example') },
      admin,
    );
    expect(foreign.data?.createUser).toEqual(absent.data?.createUser);
    expect(foreign.data?.createUser.userErrors[0]).toMatchObject({
      code: 'NOT_FOUND',
      field: ['input', 'teamId'],
    });
  });

  it('the same email may exist in two organizations, and each signs in to its own', async () => {
    await t.user(northId, 'agent@south.example');
    const northLogin = await t.login('north', 'agent@south.example');
    const southLogin = await t.login('south', 'agent@south.example');
    expect(northLogin.user?.id).not.toBe(southLogin.user?.id);
    expect(southLogin.user?.id).toBe(south.user);
  });

  it('a row cannot point across tenants, whatever the code above the database does', async () => {
    const sql = (text: string, values: unknown[]) =>
      t.app.get(TransactionHost).manager.query(text, values);
    const southOrg = idOfType(south.organization, 'Organization')!;
    const southUser = idOfType(south.user, 'User')!;
    const [tip] = await sql(
      `INSERT INTO tips (organization_id, title, body, language, status, author_id)
       VALUES ($1, 'South tip', '-', 'en', 'PUBLISHED', $2) RETURNING id`,
      [southOrg, southUser],
    );
    const northUser = (await t.login('north', 'admin@north.example')).user!.id;
    const northAdmin = idOfType(northUser, 'User')!;
    const [question] = await sql(
      `INSERT INTO questions (organization_id, asker_id, title, body, steps_tried, language, urgency, status, deadline)
       VALUES ($1, $2, 'South question', '', '', 'en', 'NORMAL', 'OPEN', now()) RETURNING id`,
      [southOrg, southUser],
    );
    const [northTag] = await sql(
      `INSERT INTO tags (organization_id, name) VALUES ($1, 'north-only') RETURNING id`,
      [northId],
    );
    const crossings: [string, unknown[]][] = [
      [
        `INSERT INTO questions (organization_id, asker_id, title, body, steps_tried, language, urgency, status, deadline)
         VALUES ($1, $2, 'x', '', '', 'en', 'NORMAL', 'OPEN', now())`,
        [northId, southUser],
      ],
      [
        `INSERT INTO question_offers (organization_id, question_id, expert_id, round) VALUES ($1, $2, $3, 1)`,
        [southOrg, question.id, northAdmin],
      ],
      [
        `INSERT INTO answers (organization_id, question_id, author_id, body) VALUES ($1, $2, $3, 'x')`,
        [northId, question.id, northAdmin],
      ],
      [
        `INSERT INTO notifications (organization_id, user_id, kind, message) VALUES ($1, $2, 'TAG_DIGEST', 'x')`,
        [northId, southUser],
      ],
      [
        `INSERT INTO question_tags (organization_id, question_id, tag_id) VALUES ($1, $2, $3)`,
        [southOrg, question.id, northTag.id],
      ],
      [
        `INSERT INTO tip_helpful_votes (organization_id, tip_id, user_id) VALUES ($1, $2, $3)`,
        [northId, tip.id, northAdmin],
      ],
      [
        `INSERT INTO tip_flags (organization_id, tip_id, user_id, reason) VALUES ($1, $2, $3, 'x')`,
        [southOrg, tip.id, northAdmin],
      ],
      [
        `INSERT INTO bookmarks (organization_id, user_id, tip_id) VALUES ($1, $2, $3)`,
        [northId, northAdmin, tip.id],
      ],
      [
        `INSERT INTO domain_events (organization_id, type, actor_id, subject_id) VALUES ($1, 'tip.used', $2, $3)`,
        [southOrg, northAdmin, tip.id],
      ],
      [
        `INSERT INTO tips (organization_id, title, body, language, status, author_id) VALUES ($1, 'x', '-', 'en', 'DRAFT', $2)`,
        [northId, southUser],
      ],
      [
        `INSERT INTO sessions (organization_id, user_id, expires_at) VALUES ($1, $2, now())`,
        [northId, southUser],
      ],
    ];
    for (const [text, values] of crossings)
      await expect(sql(text, values)).rejects.toThrow(/foreign key/);
  });

  it('recordSearchClick refuses another organization’s tip and a position that is not one', async () => {
    const southTip = (
      await t.app
        .get(TransactionHost)
        .manager.query(`SELECT id FROM tips WHERE title = 'South tip'`)
    )[0].id as string;
    const search = await t.gql(`{ search(query: "tip") { searchId } }`, {}, admin);
    const click = `mutation ($input: RecordSearchClickInput!) { recordSearchClick(input: $input) { recorded userErrors { field code } } }`;
    const searchId = search.data!.search.searchId as string;
    const foreign = await t.gql(
      click,
      { input: { searchId, nodeId: toGlobalId('Tip', southTip), position: 1 } },
      admin,
    );
    expect(foreign.data?.recordSearchClick).toEqual({
      recorded: false,
      userErrors: [{ field: ['input', 'nodeId'], code: 'NOT_FOUND' }],
    });
    const negative = await t.gql(
      click,
      { input: { searchId, nodeId: toGlobalId('Tip', southTip), position: -3 } },
      admin,
    );
    expect(negative.errors).toBeUndefined();
    expect(negative.data?.recordSearchClick.recorded).toBeNull();
    expect(negative.data?.recordSearchClick.userErrors).toEqual([
      { field: ['input', 'position'], code: 'INVALID' },
    ]);
  });
});
