import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DemoDataService } from '../src/modules/demo/demo-data.service.js';
import { DEMO_PASSWORD } from '../src/modules/demo/demo-accounts.js';
import {
  accessibilityProblems,
  hasChromium,
  launchBrowser,
  screenshot,
} from './support/browser.js';
import { TestApp } from './support/test-app.js';

/** The agent desk in a real browser (Debian's Chromium; CI installs it), against the real server and database. */
(hasChromium ? describe : describe.skip)('the agent desk', () => {
  let t: TestApp;
  let browser: Browser;
  let host: Server;
  let hostUrl: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    host = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(HOST_PAGE(t.url));
    });
    await new Promise<void>((resolve) => host.listen(0, 'localhost', resolve));
    hostUrl = `http://localhost:${(host.address() as { port: number }).port}`;
    t = await TestApp.start({ EMBED_ORIGINS: hostUrl });
    await t.app.get(DemoDataService).createIfEmpty();
    await t.delivered();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    host?.close();
  });

  async function open(width = 1280): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      locale: 'en-US',
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(t.url);
    return page;
  }

  async function signIn(page: Page, email: string): Promise<void> {
    await page.getByLabel('Organization').fill('demo');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('searchbox', { name: /Search tips|جستجوی نکته‌ها|Hae vinkkejä/ })
      .waitFor();
  }

  it('signs in and out; page scripts never see the session', async () => {
    const page = await open();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Organization').fill('demo');
    await page.getByLabel('Email').fill('expert@demo.example');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/do not match/);
    await signIn(page, 'expert@demo.example');
    expect(await page.evaluate<string>('document.cookie')).not.toContain('fw_session');
    // a reload keeps the session (the cookie), and signing out ends it
    await page.reload();
    await page.getByRole('searchbox', { name: 'Search tips' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('speaks the browser’s language before sign-in', async () => {
    const context = await browser.newContext({ locale: 'fi-FI' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(t.url);
    await page.getByRole('button', { name: 'Kirjaudu' }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('fi');
  });

  it('finds a tip from three letters, opens it by keyboard and copies its answer', async () => {
    const page = await open();
    await signIn(page, 'expert@demo.example');
    const box = page.getByRole('searchbox', { name: 'Search tips' });
    await page.keyboard.press('/');
    await expect(box.evaluate((el) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
    // a burst of keystrokes (all in one moment here, so that a busy machine cannot space
    // them out) sends one request, not one a keystroke
    let searches = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.postData()?.includes('search(')) searches++;
    });
    await box.evaluate((input: any) => {
      for (const end of [1, 2, 3, 4, 5, 6]) {
        input.value = 'refund'.slice(0, end);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
    await page
      .getByRole('link', { name: /refund/i })
      .first()
      .waitFor();
    expect(searches).toBe(1);
    await box.fill('');
    await box.pressSequentially('ref');
    const first = page.getByRole('link', { name: /refund/i }).first();
    await first.waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'search');
    const title = (await page.locator('.results li').first().locator('.title').textContent())!;
    await box.press('Enter');
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.keyboard.press('c');
    await page.getByText('Copied').waitFor();
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied.length).toBeGreaterThan(10);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'tip');
    await page.keyboard.press('Escape');
    await box.waitFor();
  });

  it('asks a LIVE_CALL question that an expert sees arrive live, claims and answers', async () => {
    const expert = await open();
    await signIn(expert, 'expert@demo.example');
    await expert.getByRole('button', { name: 'Expert inbox' }).click();
    await expert.getByRole('heading', { name: 'Expert inbox' }).waitFor();
    const agent = await open(360);
    await signIn(agent, 'lead@demo.example');
    await agent.getByRole('searchbox', { name: 'Search tips' }).fill('zqxv warranty sticker');
    await agent.getByRole('button', { name: 'Ask an expert' }).click();
    await agent.getByLabel('Tags (comma-separated)').fill('billing');
    expect(await accessibilityProblems(agent)).toEqual([]);
    await screenshot(agent, 'ask-360px');
    await agent.getByRole('button', { name: 'Ask', exact: true }).click();
    await agent.getByRole('timer').waitFor();
    const offered = expert.getByRole('heading', { name: 'zqxv warranty sticker' });
    await offered.waitFor({ timeout: 10_000 });
    await screenshot(expert, 'expert-inbox');
    expect(await accessibilityProblems(expert)).toEqual([]);
    await expert.getByRole('button', { name: 'Claim' }).first().click();
    await expert.getByLabel('Answer').fill('Replace the **sticker** at the front desk.');
    expect(await accessibilityProblems(expert)).toEqual([]);
    await expert.getByRole('tab', { name: 'Preview' }).click();
    await expert.locator('.preview strong').getByText('sticker').waitFor();
    await expert.getByRole('tab', { name: 'Write' }).click();
    await expert.getByRole('button', { name: 'Send answer' }).click();
    await agent.getByText('Replace the sticker at the front desk.').waitFor({ timeout: 10_000 });
    await screenshot(agent, 'answer-arrived');
    expect(await accessibilityProblems(agent)).toEqual([]);
    await agent.getByRole('button', { name: 'Accept this answer' }).click();
    await agent.getByText('Accepted').waitFor();
  });

  it('lets a lead accept the answer to their team member’s question', async () => {
    const asker = await t.token('demo', 'tech.expert@demo.example', DEMO_PASSWORD);
    const asked = await t.gql(
      `mutation { askQuestion(input: {title: "Invoice address on a router order", tags: ["billing"], urgency: NORMAL}) { question { id } } }`,
      {},
      asker,
    );
    const questionId = asked.data!.askQuestion.question.id;
    const expert = await t.token('demo', 'expert@demo.example', DEMO_PASSWORD);
    const answered = await t.gql(
      `mutation ($id: ID!) { answerQuestion(input: {questionId: $id, body: "Billing → Addresses."}) { answer { id } } }`,
      { id: questionId },
      expert,
    );
    expect(answered.data!.answerQuestion.answer).not.toBeNull();
    const lead = await open();
    await signIn(lead, 'tech.lead@demo.example');
    // Tuuli reads Finnish; the language switch shows English for this test
    await lead.getByRole('combobox', { name: 'Kieli' }).selectOption('en');
    await lead.getByRole('button', { name: 'Team' }).click();
    await lead.getByRole('button', { name: /Invoice address on a router order/ }).click();
    await lead.getByRole('button', { name: 'Accept this answer' }).click();
    await lead.getByText('Accepted').waitFor();
    expect(await accessibilityProblems(lead)).toEqual([]);
  });

  it('lets a lead make a mentor and give kudos, which the mentor sees', async () => {
    const lead = await open(1920);
    await signIn(lead, 'lead@demo.example');
    await lead.getByRole('button', { name: 'Team' }).click();
    await lead.getByRole('heading', { name: 'Mentor candidates' }).waitFor();
    expect(await accessibilityProblems(lead)).toEqual([]);
    await screenshot(lead, 'lead');
    const kudos = lead.locator('form').filter({ has: lead.getByLabel('Kudos message') });
    await kudos.getByLabel('Profile').selectOption({ label: 'Arash Agent' });
    await kudos.getByLabel('Kudos message').fill('Great calm on the refund call.');
    await kudos.getByRole('button', { name: 'Give kudos' }).click();
    await lead.getByRole('status').getByText('✓').waitFor();
    const grant = lead.locator('form').filter({ has: lead.getByLabel('Capacity') });
    await grant.getByLabel('Profile').selectOption({ label: 'Arash Agent' });
    await grant.getByLabel('Tags').fill('billing');
    await grant.getByLabel('Reason').fill('Her refund answers are reused.');
    await grant.getByRole('button', { name: 'Make mentor' }).click();
    await lead.getByRole('status').getByText('✓').waitFor();
    await t.delivered();
    const mentor = await open();
    await signIn(mentor, 'agent@demo.example');
    // agent@demo reads Persian: the desk is right to left
    expect(await mentor.evaluate<string>('document.documentElement.dir')).toBe('rtl');
    await screenshot(mentor, 'persian-rtl');
    await mentor.locator('nav button').last().click();
    await mentor.getByText(/made you a mentor in billing/).waitFor();
    await mentor.getByText(/Great calm on the refund call/).waitFor();
    expect(await accessibilityProblems(mentor)).toEqual([]);
  });

  it('hands the chosen tip to the agent desktop that embeds the panel, and to no other page', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(hostUrl);
    const panel = page.frameLocator('iframe');
    await panel.getByLabel('Organization').fill('demo');
    await panel.getByLabel('Email').fill('expert@demo.example');
    await panel.getByLabel('Password').fill(DEMO_PASSWORD);
    await panel.getByRole('button', { name: 'Sign in' }).click();
    // nothing found: the panel asks an expert too
    await panel.getByRole('searchbox', { name: 'Search tips' }).fill('qzxw modem');
    await panel.getByRole('button', { name: 'Ask an expert' }).click();
    await panel.getByLabel('Tags (comma-separated)').fill('billing');
    await panel.getByRole('button', { name: 'Ask', exact: true }).click();
    await panel.getByRole('timer').waitFor();
    await panel.getByRole('button', { name: /Back/ }).click();
    await panel.getByRole('searchbox', { name: 'Search tips' }).fill('refund');
    await panel
      .getByRole('link', { name: /refund/i })
      .first()
      .click();
    await panel.getByRole('button', { name: 'Send to desktop' }).click();
    const received = await page.waitForFunction('window.received');
    expect(await received.jsonValue()).toMatchObject({
      type: 'floorwalker:tip',
      tip: { id: expect.any(String), title: expect.stringMatching(/refund/i) },
    });
    expect(await accessibilityProblems(page.frames()[1])).toEqual([]);
    await screenshot(page, 'embedded-panel');
    // framing is refused everywhere else
    const desk = await fetch(`${t.url}/`);
    expect(desk.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const embed = await fetch(`${t.url}/embed`);
    expect(embed.headers.get('content-security-policy')).toContain(`frame-ancestors ${hostUrl}`);
  });
});

const HOST_PAGE = (api: string) => `<!doctype html>
<html lang="en"><head><title>Agent desktop</title></head>
<body><h1>Agent desktop</h1>
<iframe src="${api}/embed" title="floorwalker" width="360" height="640"></iframe>
<script>addEventListener('message', (event) => { if (event.origin === '${api}') window.received = event.data; });</script>
</body></html>`;
