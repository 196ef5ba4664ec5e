import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { Role } from '../../src/common/auth/role.js';
import { LivePubSub } from '../../src/common/live/live-pubsub.js';
import { TransactionHost } from '../../src/database/transaction-host.js';
import { EventDispatcher } from '../../src/modules/events/event-dispatcher.js';
import { AppLogger } from '../../src/common/logging/app-logger.js';
import { AppConfig, loadConfig } from '../../src/config/app-config.js';
import { OrganizationsService } from '../../src/modules/organizations/organizations.service.js';
import { TeamsService } from '../../src/modules/teams/teams.service.js';
import { UsersService } from '../../src/modules/users/users.service.js';
import { createApp } from '../../src/server.js';
import { TestDatabase, createTestDatabase } from './database.js';
import { testTempDir } from './temp.js';

export const PASSWORD = 'correct horse battery';

export interface GqlResult<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The real API on its own database, listening on a free port. */
export class TestApp {
  private constructor(
    readonly app: INestApplication,
    readonly url: string,
    readonly config: AppConfig,
    private readonly database: TestDatabase,
    private readonly tempDir: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    return TestApp.startOn(await createTestDatabase(), env);
  }

  get embedded(): boolean {
    return this.database.target.embedded;
  }

  /** Another API instance on this one's database, as behind a load balancer (PostgreSQL only). */
  alongside(env: Record<string, string> = {}): Promise<TestApp> {
    if (this.embedded) throw new Error('The embedded database runs one instance.');
    return TestApp.startOn({ target: this.database.target, close: async () => {} }, env);
  }

  private static async startOn(
    database: TestDatabase,
    env: Record<string, string> = {},
  ): Promise<TestApp> {
    const tempDir = testTempDir('app');
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      DATA_DIR: tempDir,
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
      LOG_LEVEL: 'error',
      DEMO_DATA: 'false',
      ...env,
    });
    const app = await createApp(config, database.target, new AppLogger(config.logLevel, false));
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    return new TestApp(app, `http://127.0.0.1:${port}`, config, database, tempDir);
  }

  /** Subscriptions open on this instance now. */
  get subscriptions(): number {
    return this.app.get(LivePubSub).activeSubscriptions;
  }

  /** Waits until `count` subscriptions are open here: a message sent after it reaches them. */
  async subscribed(count: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.subscriptions < count) {
      if (Date.now() > deadline)
        throw new Error(`expected ${count} open subscriptions, have ${this.subscriptions}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Waits until every consumer of the event log has read every event (notifications, points …). */
  async delivered(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await this.app.get(EventDispatcher).wake();
      const [row] = await this.app.get(TransactionHost).manager.query(
        `SELECT NOT EXISTS (SELECT 1 FROM domain_events e, event_consumers c
           WHERE (e.transaction_id, e.id) > (c.transaction_id, c.event_id)) AS done`,
      );
      if (row.done) return;
      if (Date.now() > until) throw new Error('the event consumers did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.close();
    await rm(this.tempDir, { recursive: true, force: true });
  }

  /** POSTs a GraphQL request; `fromAddress` picks the loopback address it comes from. */
  gql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    fromAddress = '127.0.0.1',
  ): Promise<GqlResult<T>> {
    const body = JSON.stringify({ query, variables });
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.url}/graphql`,
        { method: 'POST', headers, localAddress: fromAddress },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as GqlResult<T>);
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  async login(organization: string, email: string, password = PASSWORD, fromAddress?: string) {
    const result = await this.gql(
      `mutation ($input: LoginInput!) { login(input: $input) { token user { id } userErrors { field message code } } }`,
      { input: { organization, email, password } },
      undefined,
      fromAddress,
    );
    return result.data!.login as {
      token: string | null;
      user: { id: string } | null;
      userErrors: { message: string; code: string }[];
    };
  }

  /** Signs in and returns the token; fails the test if sign-in fails. */
  async token(organization: string, email: string, password = PASSWORD): Promise<string> {
    const login = await this.login(organization, email, password);
    if (!login.token)
      throw new Error(`sign-in failed for ${email}: ${JSON.stringify(login.userErrors)}`);
    return login.token;
  }

  // Factories: set-up goes through the same services the API and command line use.

  async organization(slug: string, name = `${slug} contact center`) {
    const outcome = await this.app.get(OrganizationsService).create(slug, name);
    if (!outcome.value) throw new Error(JSON.stringify(outcome.userErrors));
    return outcome.value;
  }

  async team(organizationId: string, name: string) {
    const outcome = await this.app.get(TeamsService).create(organizationId, name);
    if (!outcome.value) throw new Error(JSON.stringify(outcome.userErrors));
    return outcome.value;
  }

  async user(
    organizationId: string,
    email: string,
    role: Role = Role.AGENT,
    teamId: string | null = null,
  ) {
    const displayName = email.split('@')[0];
    const outcome = await this.app
      .get(UsersService)
      .create(organizationId, { email, displayName, role, teamId, password: PASSWORD });
    if (!outcome.value) throw new Error(JSON.stringify(outcome.userErrors));
    return outcome.value;
  }
}
