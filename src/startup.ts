import { Server, createServer } from 'node:http';
import type { AppConfig } from './config/app-config.js';
import { OpenDatabase, openDatabase } from './database/open-database.js';

/** Raised when the address the API should listen on is taken; the message says what to do. */
export class PortInUseError extends Error {}

/** What a start begins before the API's modules load: the address, and the database. */
export interface Startup {
  /** held until the API listens on it */
  reserved: Server;
  database: Promise<OpenDatabase>;
}

/**
 * Takes the API's address first, so that a clash ends the start at once with a clear
 * message, without opening (or creating) the database; then starts opening the database,
 * which (embedded) starts in its own process while this one loads the API.
 */
export async function beginStartup(config: AppConfig): Promise<Startup> {
  const reserved = createServer();
  try {
    await new Promise<void>((resolve, reject) =>
      reserved.once('error', reject).listen(config.port, config.host, resolve),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new PortInUseError(
        `Port ${config.port} on ${config.host} is already in use (another floorwalker?). Stop that process or set PORT to a free port.`,
      );
    throw error;
  }
  const database = openDatabase(config);
  database.catch(() => reserved.close());
  return { reserved, database };
}
