import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '../src/common/auth/role.js';
import { PASSWORD, TestApp } from './support/test-app.js';

describe('the desk’s session: an httpOnly cookie with a CSRF token', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ EMBED_ORIGINS: 'https://crm.example.com' });
    const north = await t.organization('north');
    await t.user(north.id, 'agent@north.test', Role.AGENT);
  });
  afterAll(() => t?.close());

  const signIn = (body: Record<string, unknown>) =>
    fetch(`${t.url}/desk/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const credentials = { organization: 'north', email: 'agent@north.test', password: PASSWORD };
  const me = (headers: Record<string, string>) =>
    fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ me { email } }' }),
    }).then((res) => res.json() as Promise<Record<string, any>>);
  async function session() {
    const res = await signIn(credentials);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const body = (await res.json()) as { csrfToken: string; user: { displayName: string } };
    return { cookie, csrf: body.csrfToken, body, setCookie: res.headers.get('set-cookie')! };
  }

  it('signs in with a cookie page scripts cannot read, and refuses wrong credentials alike', async () => {
    const { setCookie, body } = await session();
    expect(setCookie).toMatch(/^fw_session=[\w.-]+; Path=\/; HttpOnly; Max-Age=\d+; SameSite=Lax$/);
    expect(body.user.displayName).toBe('agent');
    const wrong = await signIn({ ...credentials, password: 'wrong password here' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { message: string }).message).toMatch(
      /organization, email and password do not match/,
    );
    const nul = await signIn({ ...credentials, email: 'agent\u0000@north.test' });
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { message: string }).message).toMatch(/cannot be stored/);
  });

  it('answers GraphQL for the cookie only with its session’s CSRF token', async () => {
    const { cookie, csrf } = await session();
    expect((await me({ cookie })).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await me({ cookie, 'x-csrf-token': 'forged' })).errors[0].extensions.code).toBe(
      'FORBIDDEN',
    );
    const other = await session();
    expect((await me({ cookie, 'x-csrf-token': other.csrf })).errors[0].extensions.code).toBe(
      'FORBIDDEN',
    );
    expect((await me({ cookie, 'x-csrf-token': csrf })).data.me.email).toBe('agent@north.test');
    // after a reload, the desk asks for its token again
    const again = await fetch(`${t.url}/desk/session`, { headers: { cookie } });
    expect(((await again.json()) as { csrfToken: string }).csrfToken).toBe(csrf);
    // API clients keep their bearer tokens
    const token = await t.token('north', 'agent@north.test');
    expect((await me({ authorization: `Bearer ${token}` })).data.me.email).toBe('agent@north.test');
  });

  it('signs out only with the CSRF token, and the cookie is then worthless', async () => {
    const { cookie, csrf } = await session();
    const end = (headers: Record<string, string>) =>
      fetch(`${t.url}/desk/session/end`, { method: 'POST', headers });
    const refused = await end({ cookie });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/CSRF/);
    expect((await end({})).status).toBe(401);
    const ended = await end({ cookie, 'x-csrf-token': csrf });
    expect(ended.status).toBe(200);
    expect(ended.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await me({ cookie, 'x-csrf-token': csrf })).errors[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('gives an embedded panel a cookie that crosses sites: SameSite=None, Secure, Partitioned', async () => {
    const res = await signIn({ ...credentials, embedded: true });
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=None; Secure; Partitioned$/);
  });

  it('opens the desk’s socket with the cookie from its own origin, and from no other', async () => {
    const { cookie } = await session();
    const open = (origin: string) =>
      new Promise<string>((resolve) => {
        const client = createClient({
          url: `${t.url.replace('http', 'ws')}/graphql`,
          webSocketImpl: class extends WebSocket {
            constructor(address: string, protocols: string[]) {
              super(address, protocols, { headers: { cookie, origin } });
            }
          },
          retryAttempts: 0,
          lazy: true,
        });
        const stop = client.subscribe(
          { query: 'subscription { notificationAdded { id } }' },
          {
            next: () => {},
            error: (error) => {
              resolve(`error: ${String((error as { code?: number }).code ?? error)}`);
              void client.dispose();
            },
            complete: () => resolve('complete'),
          },
        );
        client.on('connected', () => {
          resolve('connected');
          stop();
          void client.dispose();
        });
      });
    expect(await open(t.url)).toBe('connected');
    expect(await open('https://evil.example')).toMatch(/^error/);
  });
});
