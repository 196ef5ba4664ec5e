import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serverAudits } from 'graphql-http';
import { OPERATION_LIMITS } from '../src/common/graphql/operation-limits.js';
import { hasChromium, launchChromium } from './support/browser.js';
import { TestApp } from './support/test-app.js';

const aliases = (count: number, selection: string) =>
  Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ');

/** The endpoint follows the GraphQL-over-HTTP specification: every MUST and SHOULD audit passes. */
describe('GraphQL over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t?.close());

  it('passes every MUST and SHOULD audit of graphql-http', async () => {
    const audits = serverAudits({ url: () => `${t.url}/graphql`, fetchFn: fetch });
    const failures: string[] = [];
    for (const audit of audits) {
      if (!audit.name.startsWith('MUST') && !audit.name.startsWith('SHOULD')) continue;
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.id} ${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
    expect(audits.length).toBeGreaterThan(30);
  });

  it('answers health checks and echoes a request id', async () => {
    const live = await fetch(`${t.url}/health`, { headers: { 'x-request-id': 'desk-42' } });
    expect(live.status).toBe(200);
    expect(live.headers.get('x-request-id')).toBe('desk-42');
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.url}/health/ready`);
    expect(await ready.json()).toEqual({
      status: 'ok',
      database: 'up',
      search: { engine: 'postgres', reason: 'not configured' },
    });
    expect((await fetch(`${t.url}/health`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and serves GraphiQL from the installed packages, offline', async () => {
    const page = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-powered-by')).toBeNull();
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(sources).toHaveLength(6);
    for (const source of sources.filter((source) => source !== 'data:,')) {
      expect(source).toMatch(/^\/graphiql\//);
      expect((await fetch(`${t.url}${source}`)).status).toBe(200);
    }
    const api = await fetch(`${t.url}/health`);
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  // A real browser where the machine has Debian's Chromium (CI installs it).
  (hasChromium ? it : it.skip)(
    'GraphiQL runs in a browser under its CSP, with nothing from the network',
    async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(message.text());
        });
        page.on('request', (request) => {
          if (!/^(data:|http:\/\/127\.0\.0\.1:)/.test(request.url()))
            problems.push(`fetched ${request.url()}`);
        });
        page.on('response', (response) => {
          if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
        });
        await page.goto(`${t.url}/graphql`);
        await page.locator('.graphiql-container').waitFor();
        // the schema arrived: the documentation explorer lists the root types
        await page.locator('button[aria-label="Show Documentation Explorer"]').click();
        await page.getByText('Query', { exact: true }).first().waitFor();
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );

  it('refuses a cross-site form post (CSRF) without running it', async () => {
    const form = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=mutation{signOut{userErrors{message}}}',
    });
    expect(form.status).toBe(400);
    const simpleGet = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{__typename}')}`);
    expect(simpleGet.status).toBe(400);
    // JSON clients are not affected
    expect((await t.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  describe('operation limits', () => {
    let token: string;
    beforeAll(async () => {
      const organization = await t.organization('limits');
      await t.user(organization.id, 'agent@limits.example');
      token = await t.token('limits', 'agent@limits.example');
    });

    const limitError = (result: {
      errors?: { message: string; extensions?: { code?: string } }[];
    }) => {
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      return result.errors![0].message;
    };

    it('refuses a fragment bomb from a caller without a token, at once', async () => {
      // each fragment spreads the previous one twice: 2^40 fields once expanded
      const fragments = ['fragment F0 on User { id }'];
      for (let i = 1; i <= 40; i++)
        fragments.push(`fragment F${i} on User { ...F${i - 1} ...F${i - 1} }`);
      const result = await t.gql(`query { me { ...F40 } } ${fragments.join(' ')}`);
      expect(limitError(result)).toMatch(/too much: .*cost/i);
    });

    it('counts the page size of connections, literal, from a variable or by default', async () => {
      const bodies =
        'tips(first: 100) { edges { node { bodyHtml title author { displayName } } } }';
      expect((await t.gql(`{ ${bodies} }`, {}, token)).errors).toBeUndefined();
      expect(limitError(await t.gql(`{ ${aliases(3, bodies)} }`, {}, token))).toMatch(/cost/i);
      const fromVariable = `query ($n: Int!) { ${aliases(3, bodies.replace('100', '$n'))} }`;
      expect((await t.gql(fromVariable, { n: 1 }, token)).errors).toBeUndefined();
      expect(limitError(await t.gql(fromVariable, { n: 100 }, token))).toMatch(/cost/i);
      // `tips` pages 20 when no `first` is given
      const byDefault = bodies.replace('(first: 100)', '');
      expect(limitError(await t.gql(`{ ${aliases(10, byDefault)} }`, {}, token))).toMatch(/cost/i);
      const onePerPage = bodies.replace('100', '1');
      expect((await t.gql(`{ ${aliases(10, onePerPage)} }`, {}, token)).errors).toBeUndefined();
    });

    it('limits aliases, depth, directives and tokens', async () => {
      expect(
        limitError(
          await t.gql(
            `{ ${aliases(OPERATION_LIMITS.aliases + 1, 'search(query: "x", first: 1) { totalCount }')} }`,
            {},
            token,
          ),
        ),
      ).toMatch(/alias/i);
      expect(
        (await t.gql(`{ ${aliases(OPERATION_LIMITS.aliases, '__typename')} }`, {}, token)).errors,
      ).toBeUndefined();
      let deep = 'id';
      for (let i = 0; i < 12; i++)
        deep = `team { members(first: 1) { edges { node { ${deep} } } } }`;
      expect(limitError(await t.gql(`{ me { ${deep} } }`, {}, token))).toMatch(/depth/i);
      const directives = Array.from({ length: 25 }, () => '... @include(if: true) { id }').join(
        ' ',
      );
      expect(limitError(await t.gql(`{ me { ${directives} } }`, {}, token))).toMatch(/directive/i);
      const tokens = Array.from({ length: OPERATION_LIMITS.tokens }, () => 'id').join(' ');
      const parsed = await t.gql(`{ me { ${tokens} } }`, {}, token);
      expect(parsed.errors![0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(parsed.errors![0].message).toMatch(/token/i);
    });
  });
});
