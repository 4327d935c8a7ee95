import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The system Chromium the browser tests drive (Debian's `chromium` package). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Whether browser tests can run here; suites skip themselves when it is false. */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** A headless Chromium that stays off the network except for what a test asks it to load. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects the page's uncaught errors and console errors into `problems`, for a test to assert there were none. */
export function recordPageProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
}
