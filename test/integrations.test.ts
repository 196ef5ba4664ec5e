import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { toGlobalId } from '../src/common/graphql/global-id.js';
import { TestApp } from './support/test-app.js';

const CREATE = `mutation { createIntegrationToken(input: {name: "Phone system"}) { token integration { id name } userErrors { message } } }`;
const PRESENCE = `mutation ($user: ID, $presence: Presence!) {
  setPresence(input: {userId: $user, presence: $presence}) { user { displayName presence } userErrors { message code } } }`;

describe('integration tokens: the phone system keeps presence true', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  const user: Record<string, string> = {};
  let integration: string;
  let integrationId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    for (const slug of ['north', 'south']) {
      const organization = await t.organization(slug);
      for (const [name, role] of [
        ['admin', Role.ADMIN],
        ['agent', Role.AGENT],
        ['other', Role.AGENT],
      ] as const) {
        const created = await t.user(organization.id, `${name}@${slug}.test`, role);
        user[`${slug}-${name}`] = toGlobalId('User', created.id);
        token[`${slug}-${name}`] = await t.token(slug, `${name}@${slug}.test`);
      }
    }
  });
  afterAll(() => t?.close());

  it('is created by admins only, and shown once', async () => {
    const refused = await t.gql(CREATE, {}, token['north-agent']);
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    const created = await t.gql(CREATE, {}, token['north-admin']);
    integration = created.data!.createIntegrationToken.token;
    integrationId = created.data!.createIntegrationToken.integration.id;
    expect(integration).toMatch(/^fwi_/);
    const listed = await t.gql(`{ integrations { id name lastUsedAt } }`, {}, token['north-admin']);
    expect(listed.data!.integrations).toEqual([
      { id: integrationId, name: 'Phone system', lastUsedAt: null },
    ]);
  });

  it("sets any of the organization's users' presence, and nothing else", async () => {
    const set = await t.gql(
      PRESENCE,
      { user: user['north-agent'], presence: 'ON_CALL' },
      integration,
    );
    expect(set.data!.setPresence).toEqual({
      user: { displayName: 'agent', presence: 'ON_CALL' },
      userErrors: [],
    });
    for (const query of [
      `{ organization { name } }`,
      `{ search(query: "refund") { totalCount } }`,
      `{ notifications { edges { node { id } } } }`,
      `mutation { askQuestion(input: {title: "x", tags: ["a"], urgency: NORMAL}) { question { id } } }`,
    ]) {
      const refused = await t.gql(query, {}, integration);
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const foreign = await t.gql(
      PRESENCE,
      { user: user['south-agent'], presence: 'AWAY' },
      integration,
    );
    expect(foreign.errors![0].extensions!.code).toBe('NOT_FOUND');
    const used = await t.gql(`{ integrations { lastUsedAt } }`, {}, token['north-admin']);
    expect(used.data!.integrations[0].lastUsedAt).not.toBeNull();
  });

  it("lets a person set only their own presence (admins anyone's)", async () => {
    const other = await t.gql(
      PRESENCE,
      { user: user['north-other'], presence: 'AWAY' },
      token['north-agent'],
    );
    expect(other.errors![0].extensions!.code).toBe('FORBIDDEN');
    const own = await t.gql(PRESENCE, { presence: 'AVAILABLE' }, token['north-agent']);
    expect(own.data!.setPresence.user.presence).toBe('AVAILABLE');
    const admin = await t.gql(
      PRESENCE,
      { user: user['north-other'], presence: 'AFTER_CALL_WORK' },
      token['north-admin'],
    );
    expect(admin.data!.setPresence.user.presence).toBe('AFTER_CALL_WORK');
  });

  it('stops working the moment it is revoked', async () => {
    const revoked = await t.gql(
      `mutation ($id: ID!) { revokeIntegrationToken(input: {id: $id}) { integration { revokedAt } } }`,
      { id: integrationId },
      token['north-admin'],
    );
    expect(revoked.data!.revokeIntegrationToken.integration.revokedAt).not.toBeNull();
    const refused = await t.gql(
      PRESENCE,
      { user: user['north-agent'], presence: 'AWAY' },
      integration,
    );
    expect(refused.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const forged = await t.gql(
      PRESENCE,
      { user: user['north-agent'], presence: 'AWAY' },
      `${integration.slice(0, -4)}AAAA`,
    );
    expect(forged.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});
