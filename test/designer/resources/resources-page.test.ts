import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';
import { hasChromium, launchBrowser } from '../../support/browser.ts';

// The built designer (designer/dist, `npm run build:designer`) on the real server with the sample deployment.

const REPO = join(import.meta.dirname, '..', '..', '..');
const RESULTS = join(REPO, 'test-results');

describe.skipIf(!hasChromium())('ResourcesPage in the browser', () => {
  let runtime: Runtime;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];

  const api = async (path: string) => (await fetch(`${runtime.url}${path}`)).json() as Promise<{ resource: Record<string, unknown> }>;
  const openKind = async (kind: string) => {
    await page.goto(`${runtime.url}/#/resources`);
    await page.locator(`.resources__kind[data-kind="${kind}"]`).click();
  };
  const shot = (name: string) => page.screenshot({ path: join(RESULTS, `resources-${name}.png`) });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-resources-'));
    runtime = await startRuntime({ database: join(dataDir, 'test.db'), port: 0, seed: join(REPO, 'flows'), designerDir: join(REPO, 'designer', 'dist'), quiet: true });
    browser = await launchBrowser();
    mkdirSync(RESULTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterEach(async () => {
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('edits a schedule on the weekly grid: a second range, a caught overlap, then a save', async () => {
    await openKind('schedule');
    await page.locator('.resource-list__open[data-id="care-hours"]').click();
    const saturday = page.locator('.week-grid__day[data-day="sat"]');
    const rangesBefore = await saturday.locator('.week-grid__range').count();
    await saturday.getByRole('button', { name: '+ Range' }).click();
    await saturday.getByRole('button', { name: '+ Range' }).click();
    const ranges = saturday.locator('.week-grid__range');
    expect(await ranges.count()).toBe(rangesBefore + 2);
    await ranges.nth(rangesBefore + 1).locator('input').first().fill('08:00');
    await ranges.nth(rangesBefore + 1).locator('input').last().fill('23:00');
    await page.getByRole('button', { name: 'Save' }).click();
    const error = saturday.locator('.field__errors');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/overlaps/);
    await shot('schedule-overlap');

    await ranges.nth(rangesBefore + 1).getByRole('button', { name: /Remove/ }).click();
    await page.getByLabel('Time zone', { exact: true }).fill('America/Chicago');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('.editor__banner--ok').waitFor();
    const { resource } = await api('/api/resources/schedule/care-hours');
    expect(resource.timeZone).toBe('America/Chicago');
    expect((resource.weekly as Record<string, unknown[]>).sat).toHaveLength(rangesBefore + 1);
    await shot('schedule-saved');
  });

  it('flips an emergency flag from the list at once', async () => {
    await openKind('flag');
    const toggle = page.locator('.switch[data-flag="service-outage"]');
    const was = (await toggle.getAttribute('aria-checked')) === 'true';
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe(String(!was));
    expect((await api('/api/resources/flag/service-outage')).resource.active).toBe(!was);
    await shot('flags');
  });

  it('refuses to delete a queue published flows use, and says which flows', async () => {
    await openKind('queue');
    await page.locator('.resource-list__open[data-id="social-care"]').click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const banner = page.locator('.editor__banner--error');
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/used by published flows/);
    expect(await banner.locator('.editor__banner-flows li').count()).toBeGreaterThan(0);
    expect((await fetch(`${runtime.url}/api/resources/queue/social-care`)).status).toBe(200);
    await shot('queue-in-use');
  });

  it("shows the server's refusal next to the field it names", async () => {
    await openKind('skill');
    await page.getByRole('button', { name: '+ New skill' }).click();
    await page.getByLabel('Id', { exact: true }).fill('billing');
    await page.getByLabel('Name', { exact: true }).fill('Billing again');
    await page.getByRole('button', { name: 'Create skill' }).click();
    const error = page.locator('.field__errors[data-pointer="/id"]');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/already exists/);
  });

  it('creates a channel account whose secrets are environment variable names', async () => {
    await openKind('account');
    await page.getByRole('button', { name: '+ New account' }).click();
    await page.getByLabel('Id', { exact: true }).fill('acme-line-jp');
    await page.getByLabel('Name', { exact: true }).fill('Acme Japan on LINE');
    await page.getByLabel('Channel', { exact: true }).selectOption('line');
    await page.getByLabel('Platform id', { exact: true }).fill('U0123456789abcdef');
    await page.getByRole('button', { name: '+ Secret' }).click();
    await page.getByLabel('Secret 1 name').fill('channelSecret');
    await page.getByLabel('Secret 1 environment variable').fill('line_jp_secret');
    expect(await page.locator('input[type="password"]').count()).toBe(0);
    await shot('account-new');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.locator('.editor__banner--ok').waitFor();
    const { resource } = await api('/api/resources/account/acme-line-jp');
    expect(resource.secrets).toEqual({ channelSecret: { env: 'LINE_JP_SECRET' } });
  });
});
