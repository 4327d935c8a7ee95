import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../../support/browser.ts';

// The panels mounted by a small harness page (harness/), built here with Vite and served through request routing.
const ORIGIN = 'http://panels.test';
const SCREENSHOT = join(import.meta.dirname, '..', '..', '..', 'test-results', 'designer-panels.png');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function simulation(port: string) {
  return {
    status: 'completed',
    steps: [
      { seq: 0, nodeId: 'start', blockType: 'twitter-trigger', port: 'mention', reason: 'a public mention' },
      { seq: 1, nodeId: 'route', blockType: 'route-to-queue', port, reason: `queued to billing (${port})` },
    ],
    outbox: [{ id: 'o1', action: 'reply', visibility: 'public', text: 'Thanks Jane!' }],
    route: { queue: 'billing', skills: [], priority: 50 },
    context: { contact: null, routing: {}, vars: {}, sentiment: null },
    error: null,
  };
}

describe.skipIf(!hasChromium())('Panels in a browser', () => {
  let outDir: string;
  let browser: Browser;
  let page: Page;
  const requests: unknown[] = [];
  let port = 'queued';

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'switchyard-panels-'));
    await build({ configFile: false, root: join(import.meta.dirname, 'harness'), plugins: [react()], logLevel: 'error', build: { outDir, emptyOutDir: true } });
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(5000);
    await page.route(`${ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/api/flows/care/simulate') {
        requests.push(route.request().postDataJSON());
        return route.fulfill({ json: simulation(port) });
      }
      const file = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
      return route.fulfill({ body: readFileSync(join(outDir, file)), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
    });
    await page.goto(`${ORIGIN}/`);
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  const node = async () => JSON.parse((await page.getByTestId('node').textContent()) ?? '{}');

  it('edits a config through the generated form', async () => {
    const queue = page.getByLabel('Queue', { exact: true });
    await expect.poll(() => queue.evaluate((select) => select.className)).toContain('is-unknown');
    expect(await page.locator('[data-pointer="/queue"]').textContent()).toContain('unknown queue "vip"');
    await queue.selectOption('billing');
    expect((await node()).config.queue).toBe('billing');
    expect(await queue.evaluate((select) => select.className)).not.toContain('is-unknown');

    await page.getByRole('button', { name: '+ Add to skills' }).click();
    await page.locator('[data-pointer="/skills/0/skill"] select').selectOption('english');
    await page.locator('[data-pointer="/skills/0/level"] input').fill('3');
    await page.getByRole('button', { name: '+ Add to skills' }).click();
    await page.locator('[data-pointer="/skills/1/skill"] select').selectOption('billing');
    await page.getByRole('button', { name: 'Move billing up' }).click();
    expect((await node()).config.skills).toEqual([
      { skill: 'billing', level: 1 },
      { skill: 'english', level: 3 },
    ]);
    await page.getByRole('button', { name: 'Remove english' }).click();
    expect((await node()).config.skills).toEqual([{ skill: 'billing', level: 1 }]);

    await page.getByLabel('Priority').fill('70');
    expect((await node()).config.priority).toBe(70);
    await page.getByLabel('Priority').fill('');
    expect((await node()).config).not.toHaveProperty('priority');
    // Absent, "prefer" shows its default (true); unchecking writes an explicit false into the nested object.
    expect(await page.getByLabel('Prefer').isChecked()).toBe(true);
    await page.getByLabel('Prefer').uncheck();
    expect((await node()).config.lastAgent).toEqual({ prefer: false });

    await page.getByLabel('Label', { exact: true }).fill('Billing queue');
    expect((await node()).label).toBe('Billing queue');
  });

  it('selects the node of a clicked problem', async () => {
    await page.getByRole('button', { name: /unknown queue "vip"/ }).click();
    expect(await page.getByTestId('selected').textContent()).toBe('route');
  });

  it('runs a sample message, shows the result and reports the trace', async () => {
    await page.getByRole('button', { name: 'Billing tweet' }).click();
    await page.getByLabel('Clock time').fill('2026-03-02T10:30');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByLabel('Test result').getByText('queued to billing (queued)').waitFor();
    const body = requests.at(-1) as { message: Record<string, unknown>; at: string };
    expect(body.message).toMatchObject({ channel: 'twitter', account: 'acme-twitter', text: expect.stringContaining('charged twice') });
    expect(body.at).toMatch(/^2026-03-02T/);
    expect(JSON.parse((await page.getByTestId('trace').textContent()) ?? 'null').steps).toHaveLength(2);
    expect(await page.getByLabel('Test result').textContent()).toContain('Thanks Jane!');
  });

  it('saves tests per flow and shows which path changed on Run all', async () => {
    await page.getByLabel('Test name').fill('billing tweet');
    await page.getByRole('button', { name: 'Save test' }).click();
    await page.getByRole('button', { name: 'Run all (1)' }).click();
    await page.getByText('first run').waitFor();
    await page.getByRole('button', { name: 'Run all (1)' }).click();
    await page.getByText('same path').waitFor();
    port = 'failed';
    await page.getByRole('button', { name: 'Run all (1)' }).click();
    await page.getByText('path changed').waitFor();
    expect(await page.locator('.saved-tests__diff').textContent()).toContain('route:failed');
    await page.setViewportSize({ width: 1160, height: 1500 });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await page.reload();
    await page.getByRole('button', { name: 'Load billing tweet' }).waitFor();
    await page.getByRole('button', { name: 'Delete billing tweet' }).click();
    expect(await page.getByText('No saved tests yet').count()).toBe(1);
  });
});
