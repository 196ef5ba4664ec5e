import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A consumer that keeps failing on one event no longer retries it forever: its failures
 * are counted, retried with a growing wait, and the event is then set aside (parked) with
 * its error, for an operator to look at, while the consumer goes on.
 */
export class EventConsumerFailures1765800000000 implements MigrationInterface {
  name = 'EventConsumerFailures1765800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE event_consumers
        ADD COLUMN failures int NOT NULL DEFAULT 0,
        ADD COLUMN retry_at timestamptz(3),
        ADD COLUMN last_error text`);
    await db.query(`
      CREATE TABLE parked_events (
        consumer text NOT NULL REFERENCES event_consumers (name) ON DELETE CASCADE,
        event_id bigint NOT NULL,
        error text NOT NULL,
        attempts int NOT NULL,
        parked_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE parked_events`);
    await db.query(
      `ALTER TABLE event_consumers DROP COLUMN failures, DROP COLUMN retry_at, DROP COLUMN last_error`,
    );
  }
}
