import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_TMP } from './global-setup.mjs';

/**
 * A new folder for a test's files, inside the project's .test-tmp (removed after every
 * run), never in the system's temp folder.
 */
export function testTempDir(prefix: string): string {
  mkdirSync(TEST_TMP, { recursive: true });
  return mkdtempSync(join(TEST_TMP, `${prefix}-`));
}
