import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { requireBinary } from './external-binary.js';

/** Debian's Chromium (`apt-get install -y chromium`); playwright-core never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, as root, with no network but loopback: nothing may phone home or wait for a GPU. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where browser specs leave their screenshots. */
export const SCREENSHOTS = join(process.cwd(), 'test', 'output');

/**
 * `describe` where Chromium is installed. Outside CI a machine without it skips the suite, saying
 * why; with CI=true a missing browser fails the build instead of passing unnoticed.
 */
export const describeInBrowser = requireBinary(CHROMIUM, 'chromium') ? describe : describe.skip;

/** A headless Chromium with a fresh temporary profile (launch() gives each its own --user-data-dir). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
