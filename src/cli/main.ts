#!/usr/bin/env node
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { DataDirLockedError } from '../database/data-dir-lock.js';
import { openDatabase } from '../database/open-database.js';
import { sendToServer } from './admin-channel.js';
import { Command, Output, USAGE, UsageError, parseCommand } from './command-line.js';

const BAR_WIDTH = 30;

/** A progress bar on a terminal; nothing when the output is piped or logged. */
function progress(done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  const filled = Math.round((done / Math.max(total, 1)) * BAR_WIDTH);
  const bar = '#'.repeat(filled).padEnd(BAR_WIDTH, '.');
  process.stderr.write(
    `\r[${bar}] ${done.toLocaleString('en')} / ${total.toLocaleString('en')} lines`,
  );
  if (done >= total) process.stderr.write('\n');
}

const output: Output = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  progress,
};

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv[0] === 'help') {
    console.log(USAGE);
    return argv.length === 0 ? 1 : 0;
  }
  let command: Command;
  try {
    const { path, ...parsed } = parseCommand(argv);
    command = path === undefined ? parsed : { ...parsed, file: readFileSync(path, 'utf8') };
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`Cannot read the file: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
  const config = loadConfig();
  if (!config.databaseUrl) {
    const code = await sendToServer(config.dataDir, command, output);
    if (code !== null) return code;
  }
  // The database starts opening (embedded: in its own process) while the application loads;
  // that is loaded only now, so usage errors answer at once.
  const opening = openDatabase(config);
  opening.catch(() => {}); // reported where it is awaited
  const { runLocally } = await import('./run-locally.js');
  return runLocally(config, command, output, opening);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DataDirLockedError;
    console.error(known ? (error as Error).message : error);
    process.exit(1);
  },
);
