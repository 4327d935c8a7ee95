import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';
import { hasChromium, launchBrowser, recordPageProblems } from '../../support/browser.ts';
import { node } from '../canvas-page.ts';
import { DESIGNER_DIST } from '../serve-designer.ts';

// Relies on a built designer in designer/dist (`npm run build:designer`); the test does not build it.

const REPO = join(import.meta.dirname, '..', '..', '..');

const nodeCount = (page: Page) => page.locator('.react-flow__node').count();

async function openFlow(page: Page, url: string, flowId: string) {
  await page.goto(`${url}/#/flows/${flowId}`);
  await page.locator('.react-flow__node').first().waitFor();
}

describe.skipIf(!hasChromium())('Copy and paste of blocks through the system clipboard', () => {
  let dir: string;
  let runtime: Runtime;
  let browser: Browser;
  let context: BrowserContext;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-clipboard-'));
    runtime = await startRuntime({ database: join(dir, 'switchyard.db'), port: 0, seed: join(REPO, 'flows'), designerDir: DESIGNER_DIST, quiet: true });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('copies blocks in one tab and pastes them, with the link between them, into another flow in another tab', async () => {
    const from = await context.newPage();
    recordPageProblems(from, problems);
    await openFlow(from, runtime.url!, 'social-care');
    await node(from, 'topic').locator('.block-node__header').click();
    await node(from, 'queue-billing').locator('.block-node__header').click({ modifiers: ['Shift'] });
    await from.keyboard.press('Control+c');
    await from.getByText('Copied 2 items').waitFor();
    expect(await from.getByText('in this tab only').count()).toBe(0);
    // The system clipboard holds the blocks as JSON.
    const copied = JSON.parse(await from.evaluate(() => navigator.clipboard.readText())) as { switchyard: string; nodes: Array<{ id: string }>; edges: unknown[] };
    expect(copied.switchyard).toBe('fragment');
    expect(copied.nodes.map((item) => item.id)).toEqual(['topic', 'queue-billing']);
    expect(copied.edges).toEqual([{ from: 'topic', port: 'billing', to: 'queue-billing' }]);

    const to = await context.newPage();
    recordPageProblems(to, problems);
    await openFlow(to, runtime.url!, 'messenger-care');
    await to.bringToFront();
    const before = await nodeCount(to);
    await to.keyboard.press('Control+v');
    await node(to, 'topic').waitFor();
    expect(await nodeCount(to)).toBe(before + 2);
    expect(await node(to, 'topic').locator('.block-node__label').innerText()).toBe('What is it about?');
    expect(await to.locator('.react-flow__edge[data-id="topic:billing"]').count()).toBe(1);
    // Pasted blocks are selected, ready to be moved, and the draft has unsaved changes.
    expect(await to.locator('.react-flow__node.selected').count()).toBe(2);
    expect(await to.locator('.toolbar').getByText('Unsaved changes').count()).toBe(1);

    // Pasted again: fresh ids, one step further.
    await to.keyboard.press('Control+v');
    await node(to, 'topic-1').waitFor();
    expect(await nodeCount(to)).toBe(before + 4);
    expect(problems).toEqual([]);
    await from.close();
    await to.close();
  });

  it('refuses hostile or foreign clipboard text with a message, and the canvas keeps working', async () => {
    const page = await context.newPage();
    recordPageProblems(page, problems);
    await openFlow(page, runtime.url!, 'brand-engagement');
    const count = await nodeCount(page);
    const alert = page.locator('.banner--error[role="alert"]');
    const pasteText = async (text: string) => {
      await page.evaluate((value) => navigator.clipboard.writeText(value), text);
      await page.keyboard.press('Control+v');
    };

    await pasteText(JSON.stringify({ nodes: [{ id: 'x', type: 'rm-rf', version: 1, config: {} }] }));
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/Nothing was pasted: .*does not know: "rm-rf"/);
    await page.screenshot({ path: 'test-results/paste-refused.png' });

    await pasteText('{"nodes": [{"id": "end-2", "type": "end", "version": 1, "config": {"__proto__": {"polluted": true}}}]}');
    await expect.poll(() => alert.innerText()).toMatch(/"__proto__"/);
    expect(await page.evaluate(() => ({}) as Record<string, unknown>).then((object) => object.polluted)).toBeUndefined();

    await pasteText('not blocks at all');
    await expect.poll(() => alert.innerText()).toMatch(/not JSON/);
    expect(await nodeCount(page)).toBe(count);

    // Still working: a good paste goes in and clears the message.
    await pasteText(JSON.stringify({ switchyard: 'fragment', nodes: [{ id: 'goodbye', type: 'end', version: 1, config: {}, position: { x: 0, y: 400 } }], edges: [], notes: [] }));
    await node(page, 'goodbye').waitFor();
    expect(await alert.count()).toBe(0);
    expect(await nodeCount(page)).toBe(count + 1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps copy and paste working inside the tab when the browser refuses the clipboard', async () => {
    const refusing = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await refusing.addInitScript(() => {
      const refuse = () => Promise.reject(new DOMException('Read permission denied.', 'NotAllowedError'));
      Object.defineProperty(navigator, 'clipboard', { value: { readText: refuse, writeText: refuse } });
    });
    const page = await refusing.newPage();
    recordPageProblems(page, problems);
    await openFlow(page, runtime.url!, 'social-care');
    await node(page, 'topic').locator('.block-node__header').click();
    await page.keyboard.press('Control+c');
    await page.getByText('Copied 1 item (in this tab only').waitFor();

    // Into another flow of the same tab (nothing unsaved, so it opens without a question).
    await page.locator('.flow-list__item', { hasText: 'Messenger care' }).click();
    await page.locator('.canvas__flow-name', { hasText: 'Messenger care' }).waitFor();
    await page.keyboard.press('Control+v');
    await node(page, 'topic').waitFor();
    expect(await page.locator('.banner--error').count()).toBe(0);
    expect(problems).toEqual([]);
    await refusing.close();
  });
});
