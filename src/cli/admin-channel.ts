import { createHash } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import { Server, Socket, createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { INestApplicationContext } from '@nestjs/common';
import { Command, Output, runCommand } from './commands.js';

/**
 * The local admin channel: while a server owns the embedded database, the command line
 * hands its commands to that server over a Unix socket (owner-only) in the data directory
 * instead of opening a second connection to the single-session embedded database.
 */
type Reply = { out: string } | { err: string } | { exit: number };

export function adminSocketPath(dataDir: string): string {
  const beside = join(dataDir, 'admin.sock');
  // Unix socket paths are limited to about 100 bytes.
  if (Buffer.byteLength(beside) <= 100) return beside;
  return join(tmpdir(), `floorwalker-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}.sock`);
}

export async function startAdminChannel(app: INestApplicationContext, dataDir: string): Promise<{ close(): Promise<void> }> {
  const path = adminSocketPath(dataDir);
  rmSync(path, { force: true }); // left by a crashed server; we hold the data-dir lock
  const server: Server = createServer((socket) => serve(app, socket));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
  chmodSync(path, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(path, { force: true });
      }),
  };
}

function serve(app: INestApplicationContext, socket: Socket): void {
  const send = (reply: Reply) => socket.write(JSON.stringify(reply) + '\n');
  const lines = createInterface({ input: socket });
  lines.once('line', async (line) => {
    lines.close();
    try {
      const output: Output = { out: (text) => send({ out: text }), err: (text) => send({ err: text }) };
      send({ exit: await runCommand(app, JSON.parse(line) as Command, output) });
    } catch (error) {
      send({ err: `The server could not run the command: ${(error as Error).message}` });
      send({ exit: 1 });
    } finally {
      socket.end();
    }
  });
  socket.on('error', () => socket.destroy());
}

/**
 * Sends a command to the server on `dataDir`; resolves with the exit code, or null when
 * no server listens there.
 */
export function sendToServer(dataDir: string, command: Command, output: Output): Promise<number | null> {
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
