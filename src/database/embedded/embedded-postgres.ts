import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataDirLock } from '../data-dir-lock.js';

export interface EmbeddedPostgres {
  /** Connection URL of the embedded server; use it with a pool of one connection. */
  readonly url: string;
  readonly pid: number;
  /** Resolves when the database process exits for any reason. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

type WorkerMessage = { type: 'ready'; port: number } | { type: 'failed'; message: string };

const WORKER = fileURLToPath(new URL('./pglite-worker.mjs', import.meta.url));
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;

export const pgliteDirectory = (dataDir: string) => join(dataDir, 'pglite');

/**
 * Locks the data directory and starts PGlite in a child process. The lock is released
 * when the database stops; a second process on the same directory fails with a message.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const lock = await DataDirLock.acquire(dataDir);
  let child: ChildProcess;
  try {
    child = fork(WORKER, [pgliteDirectory(dataDir)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [],
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    const port = await waitForReady(child, exited);
    lock.recordDatabasePid(child.pid!);
    exited.then(() => lock.release());
    let stopping: Promise<void> | undefined;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      pid: child.pid!,
      exited,
      stop: () => (stopping ??= stopChild(child, exited)),
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

function waitForReady(child: ChildProcess, exited: Promise<number | null>): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('The embedded database did not start within 120 seconds.'));
    }, START_TIMEOUT_MS);
    child.on('message', (message: WorkerMessage) => {
      clearTimeout(timer);
      if (message.type === 'ready') resolve(message.port);
      else reject(new Error(`The embedded database could not start: ${message.message}`));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The embedded database exited while starting (code ${code}).`));
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (child.connected) child.send({ type: 'stop' });
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
