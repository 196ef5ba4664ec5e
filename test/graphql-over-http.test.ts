import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serverAudits } from 'graphql-http';
import { TestApp } from './support/test-app.js';

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
    expect(await ready.json()).toEqual({ status: 'ok', database: 'up' });
    expect((await fetch(`${t.url}/health`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
