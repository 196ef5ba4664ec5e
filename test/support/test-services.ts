import { randomUUID } from 'node:crypto';
import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Role } from '../../src/common/auth/role.js';
import type { Caller } from '../../src/common/context/request-context.js';
import { AppLogger } from '../../src/common/logging/app-logger.js';
import { loadConfig } from '../../src/config/app-config.js';
import { CoreModule } from '../../src/core.module.js';
import { OrganizationsService } from '../../src/modules/organizations/organizations.service.js';
import { UsersService } from '../../src/modules/users/users.service.js';
import { TestDatabase, createTestDatabase } from './database.js';

export const SERVICE_TEST_PASSWORD = 'correct horse battery';

/**
 * The fast tier: the domain modules on a real database of their own, called directly
 * (no HTTP, no GraphQL), for rules such as permissions and counting.
 */
export class TestServices {
  private constructor(
    readonly app: INestApplicationContext,
    private readonly database: TestDatabase,
  ) {}

  static async start(): Promise<TestServices> {
    const database = await createTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: '/nonexistent-floorwalker-data', // never written: the secret is given
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
      LOG_LEVEL: 'error',
      DEMO_DATA: 'false',
    });
    const app = await NestFactory.createApplicationContext(
      CoreModule.forRoot(config, database.target),
      { logger: new AppLogger(config.logLevel, false) },
    );
    return new TestServices(app, database);
  }

  get<T>(type: Type<T>): T {
    return this.app.get(type);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.close();
  }

  async organization(slug: string): Promise<string> {
    const outcome = await this.get(OrganizationsService).create(slug, `${slug} contact center`);
    if (!outcome.value) throw new Error(JSON.stringify(outcome.userErrors));
    return outcome.value.id;
  }

  /** A user, as the caller the services see when that user signs in. */
  async caller(
    organizationId: string,
    email: string,
    role: Role = Role.AGENT,
    teamId: string | null = null,
  ): Promise<Caller> {
    const outcome = await this.get(UsersService).create(organizationId, {
      email,
      displayName: email.split('@')[0],
      role,
      teamId,
      password: SERVICE_TEST_PASSWORD,
    });
    if (!outcome.value) throw new Error(JSON.stringify(outcome.userErrors));
    return { userId: outcome.value.id, organizationId, role, teamId, sessionId: randomUUID() };
  }
}
