import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../runtime/src/server.ts';
import { hasChromium, launchBrowser, recordPageProblems } from '../support/browser.ts';
import { connect, createFlowInDialog, node, sourceHandle, targetHandle } from './canvas-page.ts';
import { DESIGNER_DIST } from './serve-designer.ts';

// Relies on a built designer in designer/dist (`npm run build:designer`); the test does not build it.

const REPO = join(import.meta.dirname, '..', '..');
const RESULTS = join(REPO, 'test-results');
const FLOW_ID = 'e2e-whatsapp-care';

/**
 * HTML5 drag and drop from the palette to a point of the canvas. The events
 * are dispatched with one DataTransfer, as the browser does: Playwright's
 * mouse-driven drag drops at unreliable points in headless Chromium.
 */
async function dropBlock(page: Page, type: string, x: number, y: number) {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  const point = { clientX: pane.x + x, clientY: pane.y + y };
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  await page.locator(`.palette__block[data-block-type="${type}"]`).dispatchEvent('dragstart', { dataTransfer });
  await page.locator('.react-flow__pane').dispatchEvent('dragover', { dataTransfer, ...point });
  await page.locator('.react-flow__pane').dispatchEvent('drop', { dataTransfer, ...point });
  await page.locator(`.palette__block[data-block-type="${type}"]`).dispatchEvent('dragend', { dataTransfer });
}

describe.skipIf(!hasChromium())('Designer editing against the runtime', () => {
  let dir: string;
  let runtime: Runtime;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(RESULTS, `designer-${name}.png`) });
  const api = (path: string, init?: RequestInit) => fetch(`${runtime.url}${path}`, init).then((response) => response.json() as Promise<Record<string, unknown>>);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-designer-'));
    mkdirSync(RESULTS, { recursive: true });
    runtime = await startRuntime({ database: join(dir, 'switchyard.db'), port: 0, seed: join(REPO, 'flows'), designerDir: DESIGNER_DIST, quiet: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    recordPageProblems(page, problems);
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a flow: a draft with its trigger block', async () => {
    await page.goto(runtime.url!);
    await createFlowInDialog(page, { name: 'E2E WhatsApp care', id: FLOW_ID, trigger: 'messaging-trigger', account: 'acme-whatsapp-test' });
    await node(page, 'start').waitFor();
    expect(page.url()).toMatch(new RegExp(`#/flows/${FLOW_ID}$`));
    expect(await page.locator('.flow-list__item', { hasText: 'E2E WhatsApp care' }).count()).toBe(1);
  });

  it('drops blocks from the palette and marks the unconnected one with an error', async () => {
    await dropBlock(page, 'route-to-queue', 520, 200);
    await node(page, 'route-to-queue').waitFor();
    await dropBlock(page, 'end', 860, 260);
    await node(page, 'end').waitFor();
    const queue = node(page, 'route-to-queue').locator('.block-node');
    expect(await queue.getAttribute('data-problem')).toBe('error');
    expect(await queue.getAttribute('title')).toMatch(/port|connect|reach/i);
    await shot('editing-dropped');
  });

  it('connects ports, undoes and redoes', async () => {
    await connect(page, sourceHandle(page, 'start', 'out'), targetHandle(page, 'route-to-queue'));
    await page.locator('.react-flow__edge[data-id="start:out"]').waitFor({ state: 'attached' });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await page.locator('.react-flow__edge[data-id="start:out"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(0);
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.locator('.react-flow__edge[data-id="start:out"]').waitFor({ state: 'attached' });

    await connect(page, sourceHandle(page, 'route-to-queue', 'queued'), targetHandle(page, 'end'));
    await connect(page, sourceHandle(page, 'route-to-queue', 'failed'), targetHandle(page, 'end'));
    await page.locator('.react-flow__edge[data-id="route-to-queue:failed"]').waitFor({ state: 'attached' });
    expect(await page.locator('.react-flow__edge').count()).toBe(3);
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    // Left to right: the trigger, then the queue, then the end.
    await expect.poll(async () => (await node(page, 'start').boundingBox())!.x < (await node(page, 'route-to-queue').boundingBox())!.x).toBe(true);
    await page.waitForTimeout(400);
    await expect.poll(() => page.locator('.block-node[data-problem="error"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).isEnabled()).toBe(true);
    await shot('editing-connected');
  });

  it('saves with Ctrl+S at the loaded revision', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
    const before = (await api(`/api/flows/${FLOW_ID}`)) as { flow: { revision: number } };
    expect(await page.locator('.toolbar__status').innerText()).toBe('Unsaved changes');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('.toolbar__status').innerText()).toBe(`Saved · revision ${before.flow.revision + 1}`);
    const { flow } = (await api(`/api/flows/${FLOW_ID}`)) as { flow: { revision: number; draft: { edges: unknown[] } } };
    expect(flow.revision).toBe(before.flow.revision + 1);
    expect(flow.draft.edges).toHaveLength(3);
  });

  it('shows a conflict on a stale save, and overwrites when asked', async () => {
    const { flow } = (await api(`/api/flows/${FLOW_ID}`)) as { flow: { revision: number; draft: Record<string, unknown> } };
    const theirs = await fetch(`${runtime.url}/api/flows/${FLOW_ID}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...flow.draft, description: 'their change', revision: flow.revision }),
    });
    expect(theirs.status).toBe(200);

    await page.getByRole('button', { name: '+ Note' }).click();
    await page.locator('.note-node__text').fill('Refunds go to billing next week');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const dialog = page.locator('.dialog--conflict');
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/saved by someone else/);
    await shot('editing-conflict');
    await dialog.getByRole('button', { name: 'Overwrite with mine' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Theirs took revision +1; mine, saved over it, +2.
    await expect.poll(() => page.locator('.toolbar__status').innerText()).toBe(`Saved · revision ${flow.revision + 2}`);
    const stored = (await api(`/api/flows/${FLOW_ID}`)) as { flow: { draft: { notes?: Array<{ text: string }> } } };
    expect(stored.flow.draft.notes?.[0]?.text).toBe('Refunds go to billing next week');
  });

  it('publishes with a comment and shows the new version', async () => {
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.locator('.dialog--publish');
    await dialog.locator('textarea').fill('First WhatsApp care flow');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await dialog.locator('.dialog__success').waitFor();
    expect(await dialog.innerText()).toContain('Version 1');
    await shot('editing-published');
    await dialog.getByRole('button', { name: 'Done' }).click();
    const versions = (await api(`/api/flows/${FLOW_ID}/versions`)) as { activeVersion: number; versions: Array<{ comment: string }> };
    expect(versions.activeVersion).toBe(1);
    expect(versions.versions[0].comment).toBe('First WhatsApp care flow');
    await expect.poll(() => page.locator('.flow-list__item', { hasText: 'E2E WhatsApp care' }).innerText()).toContain('published v1');
    // The stale save's 409 is the one failed request the browser logs, and it is expected.
    expect(problems.filter((problem) => !problem.includes('409 (Conflict)'))).toEqual([]);
  });
});
