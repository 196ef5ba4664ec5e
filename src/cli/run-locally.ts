import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../config/app-config.js';
import { CoreModule } from '../core.module.js';
import type { OpenDatabase } from '../database/open-database.js';
import { createLogger, prepareData } from '../server.js';
import type { Command, Output } from './command-line.js';
import { runCommand } from './commands.js';

/**
 * Runs a command in this process on the database the caller started opening (embedded:
 * started and its data directory locked) while this module loaded.
 */
export async function runLocally(
  config: AppConfig,
  command: Command,
  output: Output,
  opening: Promise<OpenDatabase>,
): Promise<number> {
  const database = await opening;
  try {
    const logger = createLogger({ ...config, logLevel: 'warn' });
    const app = await NestFactory.createApplicationContext(
      CoreModule.forRoot(config, database.target),
      { logger },
    );
    try {
      await prepareData(app, config, createLogger(config));
      return await runCommand(app, command, output);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}
