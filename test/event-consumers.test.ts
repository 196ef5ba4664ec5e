import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '../src/common/auth/role.js';
import { TransactionHost } from '../src/database/transaction-host.js';
import { EventDispatcher } from '../src/modules/events/event-dispatcher.js';
import { RecognitionService } from '../src/modules/recognition/recognition.service.js';
import { TestApp } from './support/test-app.js';

/**
 * A consumer that fails on one event: the others around it are still delivered, the
 * failing one is retried with a growing wait, then set aside with its error.
 */
describe('an event a consumer keeps failing on', () => {
  let t: TestApp;
  const sql = (text: string, values: unknown[] = []) =>
    t.app.get(TransactionHost).manager.query(text, values) as Promise<Record<string, any>[]>;

  beforeAll(async () => {
    t = await TestApp.start();
  }, 60_000);
  afterAll(() => t?.close());

  it('is parked after six tries while the events before and after it are credited', async () => {
    const org = await t.organization('poison');
    await t.user(org.id, 'author@poison.test', Role.AGENT);
    await t.user(org.id, 'reuser@poison.test', Role.AGENT);
    const author = await t.token('poison', 'author@poison.test');
    const reuser = await t.token('poison', 'reuser@poison.test');
    const tips: string[] = [];
    for (const title of ['First tip', 'Second tip', 'Third tip']) {
      const created = await t.gql(
        `mutation ($title: String!) { createTip(input: {title: $title, body: "Steps.", tags: [], publish: true}) { tip { id } } }`,
        { title },
        author,
      );
      tips.push(created.data!.createTip.tip.id);
    }
    const dispatcher = t.app.get(EventDispatcher);
    const recognition = t.app.get(RecognitionService);
    await dispatcher.wake(); // the tips' own events are done
    // Fault injection: crediting the second use fails, every time.
    const credit = recognition.credit.bind(recognition);
    const failing = jest
      .spyOn(recognition, 'credit')
      .mockImplementation(async (events) =>
        events.some((event) => event.subjectId === idOf(tips[1]) && event.type === 'tip.used')
          ? Promise.reject(new Error('cannot credit this one'))
          : credit(events),
      );
    try {
      for (const tip of tips)
        await t.gql(
          `mutation ($id: ID!) { markTipUsed(input: {id: $id}) { tip { id } } }`,
          { id: tip },
          reuser,
        );
      const [{ poison }] = await sql(
        `SELECT id::text AS poison FROM domain_events WHERE type = 'tip.used' AND subject_id = $1`,
        [idOf(tips[1])],
      );
      // the dispatcher's own poll runs too: wait for the outcome, not for a number of wakes
      const until = Date.now() + 30_000;
      const eventually = async (done: () => Promise<boolean>) => {
        while (!(await done())) {
          if (Date.now() > until) throw new Error('the recognition consumer did not get there');
          // skip the wait between tries, as if it had passed
          await sql(`UPDATE event_consumers SET retry_at = NULL WHERE name = 'recognition'`);
          await dispatcher.wake();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      await eventually(async () => (await sql(`SELECT 1 FROM parked_events`)).length > 0);
      await eventually(
        async () =>
          (await sql(`SELECT 1 FROM points_ledger WHERE subject_id = $1`, [idOf(tips[2])])).length >
          0,
      );
      const parked = await sql(
        `SELECT consumer, event_id::text, error, attempts FROM parked_events`,
      );
      expect(parked).toEqual([
        {
          consumer: 'recognition',
          event_id: poison,
          error: 'Error: cannot credit this one',
          attempts: 6,
        },
      ]);
      // the uses before and after it are credited, the consumer has moved on and is healthy
      const credited = await sql(
        `SELECT subject_id FROM points_ledger WHERE reason = 'TIP_REUSED' ORDER BY id`,
      );
      expect(credited.map((row) => row.subject_id)).toEqual([idOf(tips[0]), idOf(tips[2])]);
      const [consumer] = await sql(
        `SELECT failures, retry_at, last_error FROM event_consumers WHERE name = 'recognition'`,
      );
      expect(consumer).toEqual({ failures: 0, retry_at: null, last_error: null });
    } finally {
      failing.mockRestore();
    }
  }, 60_000);
});

function idOf(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString().split(':')[1];
}
