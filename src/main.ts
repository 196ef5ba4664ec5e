import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config.js';
import { DataDirLockedError } from './database/data-dir-lock.js';
import { PortInUseError, beginStartup } from './startup.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // The embedded database starts in its own process while this one loads the API.
  const startup = await beginStartup(config);
  const { startServer } = await import('./server.js');
  const server = await startServer(config, undefined, startup);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: closing the API and the database.`);
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof PortInUseError
  ) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
