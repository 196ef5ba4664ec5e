// The embedded PostgreSQL: PGlite in its own process (it would block the API's event loop),
// served over the PostgreSQL wire protocol on a loopback port. Started and stopped by
// embedded-postgres.ts through the IPC channel; it stops by itself when its parent dies.
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const dataDir = process.argv[2];
let db;
let server;
let stopping = false;

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  try {
    await server?.stop();
    await db?.close();
  } finally {
    process.exit(code);
  }
}

// Ctrl-C reaches the whole process group: the API closes its pool first, then stops us.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
process.on('message', (message) => {
  if (message?.type === 'stop') void stop();
});

try {
  db = await PGlite.create({
    dataDir,
    extensions: { btree_gin, pg_trgm, unaccent },
    // PostgreSQL's default 128 MB of shared buffers: each 128 MB more costs about half a
    // second at every start (see docs/performance.md, Start-up).
    postgresqlconf: ['work_mem = 16MB'],
  });
  // Two sockets so that a reconnecting pool is not refused while its old socket closes;
  // the API's pool itself holds one connection (see embedded-postgres.ts).
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  process.send?.({ type: 'ready', port });
} catch (error) {
  process.send?.({
    type: 'failed',
    message: error instanceof Error ? error.message : String(error),
  });
  await stop(1);
}
