import { existsSync } from 'node:fs';
import { BrowserContext, chromium } from 'playwright-core';
import { testTempDir } from './temp.js';

/** Debian's Chromium (never a downloaded browser); CI installs it. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** A headless Chromium whose profile lives under the test run's folder. */
export function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(testTempDir('chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
