import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The presence others see, as SQL: what the user set, AWAY after 15 minutes without
 * activity, OFFLINE as set. Routing of questions filters on it in queries; the API's
 * mapping (modules/users/presence.ts) follows the same rule, and a test holds them equal.
 */
export class EffectivePresence1765200000000 implements MigrationInterface {
  name = 'EffectivePresence1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION effective_presence(presence text, last_active_at timestamptz,
          at timestamptz DEFAULT now())
        RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
          SELECT CASE
            WHEN presence = 'OFFLINE' THEN 'OFFLINE'
            WHEN last_active_at IS NULL OR last_active_at <= at - interval '15 minutes' THEN 'AWAY'
            ELSE presence
          END
        $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION effective_presence(text, timestamptz, timestamptz)`);
  }
}
