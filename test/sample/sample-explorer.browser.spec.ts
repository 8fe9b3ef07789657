import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchChromium, SCREENSHOTS } from '../support/chromium.js';
import { startSample, type RunningSample } from './sample-app.fixture.js';

describeInBrowser("the explorer page of the sample's root endpoint in headless Chromium", () => {
  let sample: RunningSample;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    sample = await startSample();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('pageerror', error => pageErrors.push(error.message));
    page.on('console', message => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('request', req => requests.push(req.url()));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sample?.close();
  });

  it('lists the functions with their schemas, and its form calls add_numbers through the browser client', async () => {
    await page.goto(`${sample.url}/rpc/explorer`);
    await page.waitForSelector('#method-add_numbers');
    expect(await page.locator('section.method h2 code.name').allInnerTexts()).toEqual([
      'add_numbers',
      'add_string',
      'add_string_auth_session',
      'add_string_auth_host',
      'count_to',
    ]);
    const section = page.locator('#method-add_numbers');
    expect(await section.innerText()).toContain('Adds a list of numbers.');
    await section.locator('summary', { hasText: 'data' }).click();
    expect(JSON.parse(await section.locator('details pre').first().innerText())).toEqual({ type: 'array', items: { type: 'number' } });
    expect(await page.locator('#method-add_string_auth_session .badge').innerText()).toBe('session: logged_in');

    await section.locator('textarea').fill('[1, 2, 3]');
    await section.locator('button[type=submit]').click();
    const result = section.locator('pre[data-result="add_numbers"]');
    await result.waitFor({ state: 'visible' });
    expect(await result.innerText()).toBe('6');
    expect(await section.locator('pre.answer').innerText()).toContain("Function 'add_numbers' executed successfully");

    // A refused call shows its answer too.
    const guarded = page.locator('#method-add_string_auth_session');
    await guarded.locator('textarea').fill('"Ada"');
    await guarded.locator('button[type=submit]').click();
    await guarded.locator('pre.answer').waitFor({ state: 'visible' });
    expect(await guarded.locator('pre.answer').innerText()).toContain('Unauthorized.');

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'explorer-add-numbers.png'), fullPage: true });
    expect(existsSync(join(SCREENSHOTS, 'explorer-add-numbers.png'))).toBe(true);
    expect(pageErrors).toEqual([]);
    // Self-contained: every request stayed on the sample's own origin (no CDN).
    expect(requests.filter(url => !url.startsWith(sample.url))).toEqual([]);
    expect(requests).toContain(`${sample.url}/rpc/explorer/client/index.js`);
  }, 60_000);
});
