import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { startAdminChannel } from './cli/admin-channel-server.js';
import { requestContextMiddleware } from './common/context/request-context.middleware.js';
import { deskPages } from './common/http/desk-pages.js';
import { graphiqlMiddleware } from './common/http/graphiql.js';
import { securityHeaders } from './common/http/security-headers.js';
import { AppLogger } from './common/logging/app-logger.js';
import { requestLogMiddleware } from './common/logging/request-log.middleware.js';
import { AppConfig } from './config/app-config.js';
import { DatabaseTarget } from './database/data-source-options.js';
import { OpenDatabase } from './database/open-database.js';
import { DemoDataService } from './modules/demo/demo-data.service.js';
import { Startup, beginStartup } from './startup.js';

export interface RunningServer {
  app: INestApplication;
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  database: OpenDatabase;
  close(): Promise<void>;
}

export function createLogger(config: AppConfig): AppLogger {
  return new AppLogger(
    config.logLevel,
    config.env !== 'production' && Boolean(process.stdout.isTTY),
  );
}

/** After migrations: the demo organization on a new database, when configured. */
export async function prepareData(
  app: INestApplicationContext,
  config: AppConfig,
  logger: AppLogger,
): Promise<void> {
  if (!config.demoData) return;
  const help = await app.get(DemoDataService).createIfEmpty();
  if (help) logger.log(help, 'Demo');
}

/** The API application on an open database, not yet listening. */
export async function createApp(
  config: AppConfig,
  database: DatabaseTarget,
  logger: AppLogger,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, database),
    {
      logger,
      abortOnError: false,
    },
  );
  app.set('trust proxy', config.trustProxy);
  // GraphQL answers POSTs, which no cache revalidates: an ETag would only hash every response.
  app.set('etag', false);
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.use(requestContextMiddleware);
  app.use(requestLogMiddleware(logger));
  if (config.env !== 'production') app.use(graphiqlMiddleware);
  app.use(deskPages(config.embedOrigins));
  return app;
}

/** Opens the database, serves the API on `config.port`, and owns the embedded database's lifetime. */
export async function startServer(
  config: AppConfig,
  logger = createLogger(config),
  startup?: Startup,
): Promise<RunningServer> {
  const { reserved, database: opening } = startup ?? (await beginStartup(config));
  const database = await opening;
  await new Promise((resolve) => reserved.close(resolve));
  let app: INestApplication | undefined;
  let adminChannel: { close(): Promise<void> } | undefined;
  let closing = false;
  const close = async () => {
    closing = true;
    await adminChannel?.close();
    await app?.close();
    await database.close();
  };
  try {
    app = await createApp(config, database.target, logger);
    await app.listen(config.port, config.host);
    await prepareData(app, config, logger);
    if (database.embedded) adminChannel = await startAdminChannel(app, config.dataDir);
  } catch (error) {
    await close();
    throw error;
  }
  void database.embedded?.exited.then((code) => {
    if (closing) return;
    logger.error(`The embedded database stopped unexpectedly (code ${code}); shutting down.`);
    process.exit(1);
  });
  const address = app.getHttpServer().address() as { port: number };
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  const where = database.embedded
    ? `embedded database in ${config.dataDir}`
    : 'PostgreSQL from DATABASE_URL';
  logger.log(`floorwalker API at ${url}/graphql (${where})`, 'Server');
  return { app, url, database, close };
}
