import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Browser, BrowserContext, Frame, Page, chromium } from 'playwright-core';
import { testTempDir } from './temp.js';

/** Debian's Chromium (never a downloaded browser); CI installs it. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A headless Chromium whose profile lives under the test run's folder. */
export function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(testTempDir('chromium'), {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
  });
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;

/** A headless Chromium for several users at once, each in a context of their own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** axe-core's serious and critical violations on the page (or frame) as it is now. */
export async function accessibilityProblems(page: Page | Frame): Promise<string[]> {
  const result = await page.evaluate(`${AXE}; axe.run(document, { resultTypes: ['violations'] })`);
  return (result as { violations: { id: string; impact: string; help: string }[] }).violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help}`);
}

/** A screenshot for the README, under docs/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}
