import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Raised when another live process owns the data directory. */
export class DataDirLockedError extends Error {}

interface LockContents {
  pid: number;
  databasePid?: number;
}

const LOCK_FILE = 'floorwalker.lock';

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process at a time owns a data directory: the lock file names it (and its embedded
 * database process). A lock left by a process that died is taken over once that process
 * and its database process are gone, so a crash never needs manual clean-up.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static async acquire(dataDir: string): Promise<DataDirLock> {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, LOCK_FILE);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        writeFileSync(file, JSON.stringify({ pid: process.pid } satisfies LockContents), {
          flag: 'wx',
        });
        return new DataDirLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readLock(file);
      if (holder && holder.pid !== process.pid && isProcessAlive(holder.pid)) {
        throw new DataDirLockedError(
          `The data directory ${dataDir} is in use by another floorwalker process (pid ${holder.pid}). ` +
            'Stop that process first, or set DATA_DIR to another directory.',
        );
      }
      if (holder?.databasePid) await waitForExit(holder.databasePid);
      rmSync(file, { force: true });
    }
    throw new DataDirLockedError(`Could not lock the data directory ${dataDir}; try again.`);
  }

  recordDatabasePid(databasePid: number): void {
    writeFileSync(
      this.file,
      JSON.stringify({ pid: process.pid, databasePid } satisfies LockContents),
    );
  }

  release(): void {
    const holder = readLock(this.file);
    if (holder?.pid === process.pid) rmSync(this.file, { force: true });
  }
}

function readLock(file: string): LockContents | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockContents;
  } catch {
    return undefined;
  }
}

/** The database process of a crashed server stops by itself; give it time, then end it. */
async function waitForExit(pid: number): Promise<void> {
  for (let waited = 0; waited < 10_000 && isProcessAlive(pid); waited += 100) await sleep(100);
  if (isProcessAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    await sleep(200);
  }
}
