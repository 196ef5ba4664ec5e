import { createHash } from 'node:crypto';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command, Output } from './command-line.js';

/**
 * The local admin channel: while a server owns the embedded database, the command line
 * hands its commands to that server over a Unix socket (owner-only) in the data directory
 * instead of opening a second connection to the single-session embedded database.
 */
export type Reply =
  { out: string } | { err: string } | { progress: [number, number] } | { exit: number };

export function adminSocketPath(dataDir: string): string {
  const beside = join(dataDir, 'admin.sock');
  // Unix socket paths are limited to about 100 bytes.
  if (Buffer.byteLength(beside) <= 100) return beside;
  return join(
    tmpdir(),
    `floorwalker-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}.sock`,
  );
}

/**
 * Sends a command to the server on `dataDir`; resolves with the exit code, or null when
 * no server listens there.
 */
export function sendToServer(
  dataDir: string,
  command: Command,
  output: Output,
): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = createConnection(adminSocketPath(dataDir));
    let exit: number | null = null;
    let connected = false;
    socket.once('connect', () => {
      connected = true;
      socket.write(JSON.stringify(command) + '\n');
      createInterface({ input: socket }).on('line', (line) => {
        const reply = JSON.parse(line) as Reply;
        if ('out' in reply) output.out(reply.out);
        else if ('err' in reply) output.err(reply.err);
        else if ('progress' in reply) output.progress?.(...reply.progress);
        else exit = reply.exit;
      });
    });
    socket.once('error', () => {
      if (!connected) resolve(null);
    });
    socket.once('close', () => {
      if (connected) resolve(exit ?? 1);
    });
  });
}
