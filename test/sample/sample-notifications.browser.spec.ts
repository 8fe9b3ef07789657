import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, launchChromium, SCREENSHOTS } from '../support/chromium.js';
import { ADAPTERS } from '../support/create-app.js';
import { startSample, type RunningSample } from './sample-app.fixture.js';

/** Milliseconds between checks of a page: the default (each animation frame) is throttled in a tab in the background. */
const POLL = 50;

/** The texts a page's notifications list shows, newest first. */
const shown = (page: Page) => page.locator('#notification-items li').allInnerTexts();

/**
 * The sample page's Notifications panel in two tabs of one browser: what one sends with `notify`
 * arrives in the other through its `watch` stream, over real HTTP (Server-Sent Events).
 */
describeInBrowser.each(ADAPTERS)('the sample page: notifications between two tabs (%s)', adapter => {
  let browser: Browser;
  let context: BrowserContext;
  let sample: RunningSample;
  let sender: Page;
  let watcher: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    sample = await startSample(undefined, { adapter });
    // Two tabs of one browser session, as a user would open them.
    context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    [sender, watcher] = await Promise.all([context.newPage(), context.newPage()]);
    for (const page of [sender, watcher]) {
      page.on('pageerror', error => pageErrors.push(error.message));
      page.on('console', message => {
        if (message.type() === 'error') pageErrors.push(message.text());
      });
      await page.goto(`${sample.url}/`);
      await page.waitForFunction(() => document.getElementById('notifications-status')?.textContent === 'Watching…', undefined, { polling: POLL });
    }
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await sample?.close();
  });

  /** Sends `text` from the sender tab with its form. */
  const send = async (text: string) => {
    // Clicks wait for animation frames, which a tab in the background gets about once a second.
    await sender.bringToFront();
    await sender.fill('#notify-text', text);
    await sender.click('#notify');
    await sender.waitForFunction(() => (document.getElementById('notify-text') as HTMLInputElement).value === '', undefined, { polling: POLL });
  };

  it('shows in the other tab what one tab sends, as it arrives, newest first', async () => {
    // A watch stream is live once a notification reached it: until then, the sender probes (a new
    // subscriber gets what is published after it subscribed, and the page cannot tell when that was).
    const deadline = Date.now() + 15_000;
    for (let probe = 1; (await shown(watcher)).length === 0; probe++) {
      if (Date.now() > deadline) throw new Error('the watcher tab never received a notification');
      await send(`probe ${probe}`);
      await watcher
        .waitForFunction(() => document.querySelectorAll('#notification-items li').length > 0, undefined, { timeout: 1000, polling: POLL })
        .catch(() => undefined);
    }
    const before = (await shown(watcher)).length;

    await send('  Hello from the first tab  ');
    await watcher.waitForFunction(count => document.querySelectorAll('#notification-items li').length > count, before, { polling: POLL });
    // Trimmed by the DTO; once, on top.
    expect((await shown(watcher))[0]).toBe('Hello from the first tab');
    await send('And a second one');
    await watcher.waitForFunction(count => document.querySelectorAll('#notification-items li').length > count + 1, before, { polling: POLL });
    expect((await shown(watcher)).slice(0, 2)).toEqual(['And a second one', 'Hello from the first tab']);
    // The sending tab watches too, and got the same, in the same order.
    await sender.waitForFunction(() => document.querySelector('#notification-items li')?.textContent === 'And a second one', undefined, {
      polling: POLL,
    });
    expect((await shown(sender)).slice(0, 2)).toEqual(['And a second one', 'Hello from the first tab']);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await watcher.screenshot({
      path: join(SCREENSHOTS, adapter === 'express' ? 'sample-page-notifications.png' : `sample-page-notifications-${adapter}.png`),
      fullPage: true,
    });
    expect(pageErrors).toEqual([]);
  });

  it('refuses an empty notification with the validation failure, and the watchers see nothing of it', async () => {
    const before = await shown(watcher);
    await sender.bringToFront();
    await sender.fill('#notify-text', '   ');
    const answers = await sender.locator('#answers > li').count();
    await sender.click('#notify');
    await sender.waitForFunction(count => document.querySelectorAll('#answers > li').length > count, answers, { polling: POLL });
    const answer = (await sender.locator('#answers > li').first().innerText()).replace(/\s+/g, ' ');
    expect(answer).toContain('failed notify on /rpc/notifications Invalid data.');
    // A notification sent after it is the next one the watcher shows: the refused one never came.
    await send('After the refused one');
    await watcher.waitForFunction(count => document.querySelectorAll('#notification-items li').length > count, before.length, { polling: POLL });
    expect(await shown(watcher)).toEqual(['After the refused one', ...before]);
  });
});
