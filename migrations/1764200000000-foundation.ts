import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations, teams, users, sign-in sessions and failed sign-in attempts. */
export class Foundation1764200000000 implements MigrationInterface {
  name = 'Foundation1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await db.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT organizations_slug_key UNIQUE (slug)
      )`);
    await db.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT teams_organization_id_id_key UNIQUE (organization_id, id)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX teams_organization_name_key ON teams (organization_id, lower(name))`,
    );
    await db.query(
      `CREATE INDEX teams_organization_created_idx ON teams (organization_id, created_at, id)`,
    );
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        team_id uuid,
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        role text NOT NULL CHECK (role IN ('AGENT', 'TEAM_LEAD', 'ADMIN')),
        locale text NOT NULL DEFAULT 'en',
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        presence text NOT NULL DEFAULT 'OFFLINE'
          CHECK (presence IN ('AVAILABLE', 'ON_CALL', 'AFTER_CALL_WORK', 'AWAY', 'OFFLINE')),
        last_active_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        -- a user's team always belongs to the user's own organization
        CONSTRAINT users_team_fkey FOREIGN KEY (organization_id, team_id)
          REFERENCES teams (organization_id, id)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX users_organization_email_key ON users (organization_id, lower(email))`,
    );
    await db.query(
      `CREATE INDEX users_organization_created_idx ON users (organization_id, created_at, id)`,
    );
    await db.query(
      `CREATE INDEX users_team_idx ON users (organization_id, team_id, created_at, id)`,
    );
    await db.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        address text,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        expires_at timestamptz(3) NOT NULL,
        revoked_at timestamptz(3)
      )`);
    await db.query(`CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL`);
    await db.query(`
      CREATE TABLE login_failures (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account text NOT NULL,
        address text NOT NULL,
        failed_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX login_failures_account_idx ON login_failures (account, address, failed_at)`,
    );
    await db.query(
      `CREATE INDEX login_failures_address_idx ON login_failures (address, failed_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE login_failures, sessions, users, teams, organizations`);
  }
}
