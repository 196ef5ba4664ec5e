import { chmodSync, rmSync } from 'node:fs';
import { Server, Socket, createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { INestApplicationContext } from '@nestjs/common';
import { Reply, adminSocketPath } from './admin-channel.js';
import type { Command, Output } from './command-line.js';
import { runCommand } from './commands.js';

/** The server's end of the admin channel (see admin-channel.ts). */
export async function startAdminChannel(
  app: INestApplicationContext,
  dataDir: string,
): Promise<{ close(): Promise<void> }> {
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
      const output: Output = {
        out: (text) => send({ out: text }),
        err: (text) => send({ err: text }),
      };
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
