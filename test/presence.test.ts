import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TransactionHost } from '../src/database/transaction-host.js';
import { IDLE_AFTER_MS, Presence, effectivePresence } from '../src/modules/users/presence.js';
import { TestServices } from './support/test-services.js';

/** The idle rule exists twice, for mapped users and for queries (routing): they must agree. */
describe('effective presence in SQL', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await TestServices.start();
  });
  afterAll(() => services?.close());

  it('is what the API shows, at every boundary', async () => {
    const at = new Date('2026-11-30T12:00:00Z');
    const cases: [Presence, Date | null][] = [];
    for (const presence of Object.values(Presence))
      for (const idle of [null, 0, 60_000, IDLE_AFTER_MS - 1, IDLE_AFTER_MS, IDLE_AFTER_MS + 1])
        cases.push([presence, idle === null ? null : new Date(at.getTime() - idle)]);
    const rows = (await services.get(TransactionHost).manager.query(
      `SELECT effective_presence(c.presence, c.last_active_at, $3) AS presence
       FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS c(presence, last_active_at, n)
       ORDER BY n`,
      [cases.map(([presence]) => presence), cases.map(([, last]) => last), at],
    )) as { presence: string }[];
    expect(rows.map((row) => row.presence)).toEqual(
      cases.map(([presence, last]) => effectivePresence(presence, last, at)),
    );
  });
});
