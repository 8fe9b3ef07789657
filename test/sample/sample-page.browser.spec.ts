import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchChromium, SCREENSHOTS } from '../support/chromium.js';
import { startSample, type RunningSample } from './sample-app.fixture.js';
import { ADAPTERS, type AdapterName } from '../support/create-app.js';

/** The screenshots of the Express run keep their names; the others say their adapter. */
const screenshotName = (name: string, adapter: AdapterName) => (adapter === 'express' ? name : name.replace(/\.png$/, `-${adapter}.png`));

describeInBrowser('the sample page in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(() => browser?.close());

  describe.each(ADAPTERS)('served on %s', adapter => {
    let sample: RunningSample;
    let page: Page;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      sample = await startSample(undefined, { adapter });
      // Each page gets a context of its own: no cookie is shared between the two adapters' runs.
      page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      page.on('pageerror', error => pageErrors.push(error.message));
      page.on('console', message => {
        if (message.type() === 'error') pageErrors.push(message.text());
      });
    }, 60_000);

    afterAll(async () => {
      await page?.close();
      await sample?.close();
    });

    async function screenshot(name: string): Promise<void> {
      const file = join(SCREENSHOTS, screenshotName(name, adapter));
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: file, fullPage: true });
      expect(existsSync(file)).toBe(true);
    }

    /** Clicks, waits for the answer the click adds, and returns that answer's text. */
    async function clickForAnswer(selector: string): Promise<string> {
      const before = await page.locator('#answers > li').count();
      await page.click(selector);
      await page.waitForFunction(count => document.querySelectorAll('#answers > li').length > count, before);
      return (await page.locator('#answers > li').first().innerText()).replace(/\s+/g, ' ');
    }

    it('logs in, calls functions, creates and lists a client, logs out and is refused', async () => {
      await page.goto(`${sample.url}/`);
      await page.waitForFunction(() => document.getElementById('session-status')?.textContent === 'Logged out');
      expect(await page.locator('#answers > li').count()).toBe(0);

      await page.fill('#username', 'ada');
      expect(await clickForAnswer('#login')).toContain('Logged in as ada.');
      expect(await page.locator('#session-status').innerText()).toBe('Logged in as ada');
      // The session cookie is httpOnly: the page's script cannot read it, yet fetch sends it.
      expect(await page.evaluate(() => document.cookie)).toBe('');

      expect(await clickForAnswer('#add-numbers')).toMatch(/ok add_numbers on \/rpc Function 'add_numbers' executed successfully 6$/);
      expect(await clickForAnswer('#add-string-session')).toContain('Hello weeRPC!');

      await page.fill('#client-name', 'Browser Co');
      expect(await clickForAnswer('#create-client')).toMatch(/ok create on \/rpc\/clients Client 1 created\./);
      await page.fill('#client-name', 'Temp Co');
      expect(await clickForAnswer('#create-client')).toContain('Client 2 created.');
      expect(await clickForAnswer('#list-clients')).toContain('2 client(s).');
      expect(await page.locator('#clients-body .client-name').allInnerTexts()).toEqual(['Browser Co', 'Temp Co']);
      // A row's Delete button deletes, then lists again.
      await page.locator('#clients-body tr[data-client-id="2"] button').click();
      await page.waitForFunction(() => document.querySelectorAll('#clients-body .client-name').length === 1);
      expect(await page.locator('#clients-body .client-name').allInnerTexts()).toEqual(['Browser Co']);
      expect(await page.locator('#answers > li').nth(1).innerText()).toContain('Client 2 deleted.');
      await screenshot('sample-page-logged-in.png');

      expect(await clickForAnswer('#logout')).toContain('Logged out.');
      expect(await page.locator('#session-status').innerText()).toBe('Logged out');
      expect(await clickForAnswer('#list-clients')).toBe('failed list on /rpc/clients Unauthorized.');
      expect(await page.locator('#clients-body').innerText()).toBe('Not listed: Unauthorized.');
      expect(await page.locator('#clients-body .client-name').count()).toBe(0);

      await screenshot('sample-page.png');
      expect(pageErrors).toEqual([]);
    }, 60_000);

    it('calls over WebSocket when the toggle is on: same answers, and the socket refused after logout says why', async () => {
      await page.goto(`${sample.url}/`);
      await page.waitForFunction(() => document.getElementById('session-status')?.textContent === 'Logged out');
      await page.fill('#username', 'grace');
      expect(await clickForAnswer('#login')).toContain('Logged in as grace.');
      await page.check('#use-websocket');
      // The browser's own WebSocket, with the page's cookie on the upgrade.
      expect(await clickForAnswer('#add-numbers')).toMatch(/ok add_numbers on \/rpc \(WebSocket\) Function 'add_numbers' executed successfully 6$/);
      await page.fill('#client-name', 'Socket Co');
      expect(await clickForAnswer('#create-client')).toMatch(/ok create on \/rpc\/clients \(WebSocket\) Client \d+ created\./);
      expect(await clickForAnswer('#list-clients')).toContain('(WebSocket)');
      expect(await page.locator('#clients-body .client-name').allInnerTexts()).toContain('Socket Co');
      await screenshot('sample-page-websocket.png');

      expect(await clickForAnswer('#logout')).toContain('Logged out.');
      expect(await clickForAnswer('#list-clients')).toBe('failed list on /rpc/clients (WebSocket) WebSocket closed (1008 Unauthorized.)');
      await page.uncheck('#use-websocket');
      expect(await clickForAnswer('#list-clients')).toBe('failed list on /rpc/clients Unauthorized.');
      expect(pageErrors).toEqual([]);
    }, 60_000);

    it.each(['HTTP', 'WebSocket'])(
      'shows the numbers of the count_to stream one by one as they arrive (%s)',
      async transport => {
        await page.goto(`${sample.url}/`);
        if (transport === 'WebSocket') await page.check('#use-websocket');
        await page.fill('#count-n', '5');
        await page.click('#count-to');
        // The first number is on the page while the server is still counting (300 ms apart).
        await page.waitForFunction(() => document.querySelectorAll('#count-items li').length >= 1);
        const whenFirstShown = await page.evaluate(() => ({
          shown: document.querySelectorAll('#count-items li').length,
          status: document.getElementById('count-status')!.textContent,
        }));
        expect(whenFirstShown.shown).toBeLessThan(5);
        expect(whenFirstShown.status).toBe('Counting…');
        await page.waitForFunction(() => document.getElementById('count-status')!.textContent!.startsWith('Done'));
        expect(await page.locator('#count-items li').allInnerTexts()).toEqual(['1', '2', '3', '4', '5']);
        expect(await page.locator('#count-status').innerText()).toBe(`Done: 5 number(s) over ${transport}.`);
        await screenshot(`sample-page-stream-${transport.toLowerCase()}.png`);

        // Stop aborts the stream: no number arrives after it.
        await page.fill('#count-n', '50');
        await page.click('#count-to');
        await page.waitForFunction(() => document.querySelectorAll('#count-items li').length >= 2);
        await page.click('#count-stop');
        await page.waitForFunction(() => document.getElementById('count-status')!.textContent === 'Stopped.');
        const shownAtStop = await page.locator('#count-items li').count();
        await page.waitForTimeout(700);
        expect(await page.locator('#count-items li').count()).toBe(shownAtStop);
        expect(shownAtStop).toBeLessThan(50);
        expect(pageErrors).toEqual([]);
      },
      60_000,
    );
  });
});
