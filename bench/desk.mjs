// The desk in headless Chromium over 100,000 tips: from the keystroke after which the desk
// asks (the last of a query, typed as an agent types) to its results rendered — the wait an
// agent sees. Also how many requests typing sends. Build first (npm run build); then:
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/desk.mjs
//   node bench/desk.mjs                                      # embedded database
//
// Options (environment): TIPS (100000), QUERIES per class (60), KEY_DELAY_MS between
// keystrokes when typing a query (120: a quick agent).
// The function given to page.evaluate runs in the browser, with its globals.
/* global document, addEventListener, performance, MutationObserver, requestAnimationFrame */
import { chromium } from 'playwright-core';
import { queries } from './queries.mjs';
import {
  BENCH_PASSWORD,
  benchOrganization,
  machineSpeed,
  percentiles,
  startBenchServer,
  withDatabase,
} from './bench-server.mjs';
import { TransactionHost } from '../dist/src/database/transaction-host.js';

const TIPS = Number(process.env.TIPS ?? 100_000);
const QUERIES = Number(process.env.QUERIES ?? 60);
const KEY_DELAY_MS = Number(process.env.KEY_DELAY_MS ?? 120);
const SLUG = `desk${TIPS}`;

await withDatabase(async (env) => {
  const server = await startBenchServer(env);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const { app, url } = server;
    console.log(await machineSpeed((sql) => app.get(TransactionHost).manager.query(sql)));
    await benchOrganization(app, SLUG, TIPS);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let requests = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.postData()?.includes('search(')) requests++;
    });
    await page.goto(url);
    await page.getByLabel('Organization').fill(SLUG);
    await page.getByLabel('Email').fill(`${SLUG}@bench.example`);
    await page.getByLabel('Password').fill(BENCH_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const box = page.getByRole('searchbox', { name: 'Search tips' });
    await box.waitFor();

    /** Types `query`; the time from its last keydown to its results on screen. */
    async function typed(query) {
      await box.fill('');
      await page.waitForSelector('#results[data-query=""]', { state: 'attached' });
      await box.pressSequentially(query.slice(0, -1), { delay: KEY_DELAY_MS });
      const measured = page.evaluate(
        (expected) =>
          new Promise((resolve) => {
            let start = 0;
            const results = document.getElementById('results');
            addEventListener('keydown', () => (start = performance.now()), {
              capture: true,
              once: true,
            });
            const watch = new MutationObserver(() => {
              if (results.dataset.query !== expected) return;
              watch.disconnect();
              // the frame that shows them, not only the DOM that holds them
              requestAnimationFrame(() => resolve(performance.now() - start));
            });
            watch.observe(results, { attributes: true, attributeFilter: ['data-query'] });
          }),
        query,
      );
      await page.waitForTimeout(KEY_DELAY_MS);
      await box.press(query.at(-1));
      return measured;
    }

    const sets = queries(QUERIES);
    const all = [];
    let keystrokes = 0;
    requests = 0;
    for (const [name, list] of Object.entries(sets)) {
      if (name === 'worst case') continue; // three letters: covered by "prefix"
      const samples = [];
      for (const query of list) {
        samples.push(await typed(query.trimEnd()));
        keystrokes += query.trimEnd().length;
      }
      all.push(...samples);
      console.log(`${name.padEnd(10)} keystroke → results: ${percentiles(samples)}`);
    }
    console.log(`all        keystroke → results: ${percentiles(all)}`);
    console.log(
      `requests while typing: ${requests} for ${keystrokes} keystrokes (${((100 * requests) / keystrokes).toFixed(0)} per 100 keys at ${KEY_DELAY_MS} ms a key)`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
});
