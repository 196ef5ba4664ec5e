import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a user was last deactivated: sessions begun before it stay ended after a
 * reactivation, so a token taken from a deactivated account never works again.
 */
export class UserDeactivatedAt1765100000000 implements MigrationInterface {
  name = 'UserDeactivatedAt1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN deactivated_at timestamptz(3)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN deactivated_at`);
  }
}
