import { AppConfig } from '../config/app-config.js';
import { DatabaseTarget } from './data-source-options.js';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded/embedded-postgres.js';

export interface OpenDatabase {
  target: DatabaseTarget;
  /** Set when floorwalker runs its own embedded PostgreSQL. */
  embedded?: EmbeddedPostgres;
  close(): Promise<void>;
}

/** `DATABASE_URL` when set; otherwise the embedded database in `DATA_DIR` (started and locked here). */
export async function openDatabase(config: AppConfig): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    return { target: { url: config.databaseUrl, embedded: false }, close: async () => {} };
  }
  const embedded = await startEmbeddedPostgres(config.dataDir);
  return { target: { url: embedded.url, embedded: true }, embedded, close: () => embedded.stop() };
}
