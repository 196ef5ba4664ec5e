import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { toGlobalId } from '../src/common/graphql/global-id.js';
import {
  MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  MAX_UNKNOWN_ACCOUNT_FAILURES_PER_ADDRESS,
} from '../src/modules/auth/login-throttle.js';
import { PASSWORD, TestApp } from './support/test-app.js';

const ME = `{ me { id email role presence organization { slug } } }`;

describe('sign-in', () => {
  let t: TestApp;
  let orgId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    orgId = (await t.organization('acme')).id;
    await t.user(orgId, 'Agent.Smith@Acme.example');
    await t.user(orgId, 'admin@acme.example', Role.ADMIN);
  });
  afterAll(() => t?.close());

  it('returns a token that `me` accepts, whatever the email case', async () => {
    const login = await t.login('acme', 'agent.smith@acme.EXAMPLE');
    expect(login.userErrors).toEqual([]);
    const result = await t.gql(ME, {}, login.token!);
    expect(result.data?.me).toMatchObject({
      id: login.user!.id,
      email: 'Agent.Smith@Acme.example',
      role: 'AGENT',
      presence: 'AVAILABLE',
      organization: { slug: 'acme' },
    });
  });

  it('answers a wrong password, email or organization with the same generic error', async () => {
    const answers = await Promise.all([
      t.login('acme', 'agent.smith@acme.example', 'wrong password'),
      t.login('acme', 'nobody@acme.example'),
      t.login('nowhere', 'agent.smith@acme.example'),
    ]);
    for (const answer of answers) {
      expect(answer.token).toBeNull();
      expect(answer.userErrors).toHaveLength(1);
      expect(answer.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    }
    expect(new Set(answers.map((a) => a.userErrors[0].message)).size).toBe(1);
  });

  it('rejects missing and bad tokens with UNAUTHENTICATED', async () => {
    const none = await t.gql(ME);
    expect(none.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await t.gql(ME, {}, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad');
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('throttles repeated failures per email and address, not per email alone', async () => {
    await t.user(orgId, 'target@acme.example');
    const attacker = '127.0.0.7';
    // every spelling the lookup accepts is the same account
    const spellings = ['target@acme.example', 'TARGET@acme.example', ' Target@ACME.example '];
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      const email = spellings[i % spellings.length];
      const failed = await t.login('acme', email, 'guess ' + i, attacker);
      expect(failed.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    }
    const throttled = await t.login('acme', 'tarGET@acme.example', PASSWORD, attacker);
    expect(throttled.token).toBeNull();
    expect(throttled.userErrors[0].code).toBe('THROTTLED');
    expect(throttled.userErrors[0].message).toMatch(/Try again in \d+ minutes?/);
    // The agent at their own desk is not locked out, and the address may still sign others in.
    expect(
      (await t.login('acme', 'target@acme.example', PASSWORD, '127.0.0.8')).token,
    ).toBeTruthy();
    expect((await t.login('acme', 'admin@acme.example', PASSWORD, attacker)).token).toBeTruthy();
  });

  it('throttles an address guessing at made-up accounts without locking its real agents out', async () => {
    const floor = '127.0.0.9'; // a contact center's NAT: attacker and agents share it
    const otherOrg = await t.organization('globex');
    await t.user(otherOrg.id, 'agent@globex.example');
    for (let i = 0; i < MAX_UNKNOWN_ACCOUNT_FAILURES_PER_ADDRESS; i++) {
      await t.login(i % 2 ? 'acme' : 'nowhere', `guess${i}@acme.example`, 'guess', floor);
    }
    const sprayed = await t.login('acme', 'guess-again@acme.example', 'guess', floor);
    expect(sprayed.userErrors[0]?.code).toBe('THROTTLED');
    // every agent of every organization behind that address still signs in
    expect((await t.login('acme', 'admin@acme.example', PASSWORD, floor)).token).toBeTruthy();
    expect((await t.login('globex', 'agent@globex.example', PASSWORD, floor)).token).toBeTruthy();
  });

  it('lifts an account’s throttle when an admin resets its password', async () => {
    await t.user(orgId, 'locked.out@acme.example');
    const desk = '127.0.0.11';
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++)
      await t.login('acme', 'locked.out@acme.example', `try ${i}`, desk);
    const locked = await t.login('acme', 'locked.out@acme.example', PASSWORD, desk);
    expect(locked.userErrors[0]?.code).toBe('THROTTLED');
    const forgetful = (await t.login('acme', 'locked.out@acme.example')).user!.id;
    const reset = await t.gql(
      `mutation ($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { userErrors { message } } }`,
      { input: { id: forgetful, newPassword: 'a brand new passphrase 2026' } },
      await t.token('acme', 'admin@acme.example'),
    );
    expect(reset.data?.resetUserPassword.userErrors).toEqual([]);
    const after = await t.login(
      'acme',
      'locked.out@acme.example',
      'a brand new passphrase 2026',
      desk,
    );
    expect(after.token).toBeTruthy();
  });

  it('signOut ends the token and sets presence OFFLINE', async () => {
    const login = await t.login('acme', 'admin@acme.example');
    const other = await t.token('acme', 'agent.smith@acme.example');
    const presence = `query ($id: ID!) { node(id: $id) { ... on User { presence } } }`;
    expect((await t.gql(presence, { id: login.user!.id }, other)).data?.node.presence).toBe(
      'AVAILABLE',
    );
    const out = await t.gql(`mutation { signOut { signedOut } }`, {}, login.token!);
    expect(out.data?.signOut.signedOut).toBe(true);
    expect((await t.gql(ME, {}, login.token!)).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await t.gql(presence, { id: login.user!.id }, other)).data?.node.presence).toBe(
      'OFFLINE',
    );
  });

  it('changePassword keeps this session and ends the others', async () => {
    await t.user(orgId, 'changer@acme.example');
    const first = await t.token('acme', 'changer@acme.example');
    const second = await t.token('acme', 'changer@acme.example');
    const change = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { user { id } userErrors { field message code } } }`;
    const wrong = await t.gql(
      change,
      { input: { currentPassword: 'not it', newPassword: 'a new password' } },
      first,
    );
    expect(wrong.data?.changePassword.userErrors[0]).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      field: ['input', 'currentPassword'],
    });
    const short = await t.gql(
      change,
      { input: { currentPassword: PASSWORD, newPassword: 'short' } },
      first,
    );
    expect(short.data?.changePassword.userErrors[0]).toMatchObject({
      code: 'INVALID',
      field: ['input', 'newPassword'],
    });
    const ok = await t.gql(
      change,
      { input: { currentPassword: PASSWORD, newPassword: 'a new password' } },
      first,
    );
    expect(ok.data?.changePassword.userErrors).toEqual([]);
    expect((await t.gql(ME, {}, first)).data?.me).toBeTruthy();
    expect((await t.gql(ME, {}, second)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.login('acme', 'changer@acme.example')).token).toBeNull();
    expect((await t.login('acme', 'changer@acme.example', 'a new password')).token).toBeTruthy();
  });

  it("resetUserPassword (admins) sets the password and ends the user's sessions", async () => {
    const user = await t.user(orgId, 'forgetful@acme.example');
    const userToken = await t.token('acme', 'forgetful@acme.example');
    const admin = await t.token('acme', 'admin@acme.example');
    const reset = `mutation ($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { user { id } userErrors { message } } }`;
    const input = { id: toGlobalId('User', user.id), newPassword: 'reset by admin' };
    const byAgent = await t.gql(
      reset,
      { input },
      await t.token('acme', 'agent.smith@acme.example'),
    );
    expect(byAgent.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byAdmin = await t.gql(reset, { input }, admin);
    expect(byAdmin.data?.resetUserPassword.userErrors).toEqual([]);
    expect((await t.gql(ME, {}, userToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.login('acme', 'forgetful@acme.example', 'reset by admin')).token).toBeTruthy();
  });

  it("deactivation stops the user's tokens at once and blocks sign-in; reactivation restores sign-in, not the old tokens", async () => {
    const user = await t.user(orgId, 'leaver@acme.example');
    const userToken = await t.token('acme', 'leaver@acme.example');
    const admin = await t.token('acme', 'admin@acme.example');
    const input = { id: toGlobalId('User', user.id) };
    const deactivate = `mutation ($input: UserIdInput!) { deactivateUser(input: $input) { user { active presence } userErrors { message } } }`;
    const result = await t.gql(deactivate, { input }, admin);
    expect(result.data?.deactivateUser.user).toEqual({ active: false, presence: 'OFFLINE' });
    expect((await t.gql(ME, {}, userToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.login('acme', 'leaver@acme.example')).userErrors[0].code).toBe(
      'INVALID_CREDENTIALS',
    );
    const reactivate = `mutation ($input: UserIdInput!) { reactivateUser(input: $input) { user { active } } }`;
    expect((await t.gql(reactivate, { input }, admin)).data?.reactivateUser.user.active).toBe(true);
    const stale = await t.gql(ME, {}, userToken);
    expect(stale.errors?.[0]).toMatchObject({
      message: 'This session has ended; sign in again.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const fresh = await t.token('acme', 'leaver@acme.example');
    expect((await t.gql(ME, {}, fresh)).data?.me.id).toBe(input.id);
  });

  it('refuses passwords that are common, close to common, or made of the user’s email', async () => {
    const admin = await t.token('acme', 'admin@acme.example');
    const create = `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { field message } } }`;
    const input = (password: string) => ({
      email: 'dana.k@acme.example',
      displayName: 'Dana',
      role: 'AGENT',
      password,
    });
    for (const weak of [
      'password1',
      'P@ssw0rd!',
      'qwertyuiop',
      'dana.k@acme.example',
      'Dana.acme',
    ]) {
      const result = await t.gql(create, { input: input(weak) }, admin);
      expect(result.data?.createUser.userErrors).toEqual([
        { field: ['input', 'password'], message: expect.stringMatching(/too easy to guess/) },
      ]);
    }
    const strong = await t.gql(create, { input: input('lantern orchard velvet') }, admin);
    expect(strong.data?.createUser.userErrors).toEqual([]);
    const change = await t.gql(
      `mutation { changePassword(input: { currentPassword: "lantern orchard velvet", newPassword: "Summer2024!" }) { userErrors { field message } } }`,
      {},
      await t.token('acme', 'dana.k@acme.example', 'lantern orchard velvet'),
    );
    expect(change.data?.changePassword.userErrors[0].field).toEqual(['input', 'newPassword']);
  });

  it('rejects an empty login input with field errors', async () => {
    const login = await t.login('', '', '');
    expect(login.userErrors.map((e) => e.code)).toEqual(['INVALID', 'INVALID', 'INVALID']);
  });
});
