import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { end } from '../../schemas/blocks/end.ts';
import { keywordRouter } from '../../schemas/blocks/keyword-router.ts';
import { twitterTrigger } from '../../schemas/blocks/twitter-trigger.ts';
import type { AnyBlockDefinition } from '../../schemas/block.ts';
import type { Flow } from '../../schemas/flow.ts';
import { schemaProblems } from '../../schemas/schema-check.ts';
import { hasChromium, launchBrowser } from '../support/browser.ts';
import { serveDesigner, type DesignerServer } from './serve-designer.ts';

// Relies on a built designer in designer/dist (`npm run build:designer`); the test does not build it.

/** A config the block's schema accepts, so the fixture stays a flow the runtime would take. */
function validConfig(definition: AnyBlockDefinition, config: Record<string, unknown>): Record<string, unknown> {
  const problems = schemaProblems(definition.configSchema, config);
  if (problems.length > 0) throw new Error(`invalid ${definition.type} config: ${JSON.stringify(problems)}`);
  return config;
}

const SCREENSHOT = join(import.meta.dirname, '..', '..', 'test-results', 'designer-shell.png');

const refundCare: Flow = {
  id: 'refund-care',
  name: 'Refund care',
  trigger: { accounts: ['@acme_help'] },
  nodes: [
    { id: 'start', type: 'twitter-trigger', version: 1, config: validConfig(twitterTrigger, { events: ['mention', 'dm'] }) },
    {
      id: 'route',
      type: 'keyword-router',
      version: 1,
      label: 'Refund words',
      config: validConfig(keywordRouter, { rules: [{ port: 'refund', label: 'Refunds', keywords: ['refund', '#money'] }] }),
    },
    { id: 'done', type: 'end', version: 1, config: validConfig(end, {}) },
  ],
  edges: [
    { from: 'start', port: 'mention', to: 'route' },
    { from: 'start', port: 'dm', to: 'route' },
    { from: 'route', port: 'refund', to: 'done' },
    { from: 'route', port: 'default', to: 'done' },
  ],
};

const summary = { id: 'refund-care', name: 'Refund care', revision: 3, activeVersion: 2, status: 'published', updatedAt: '2026-03-02T10:00:00Z' };

describe.skipIf(!hasChromium())('Designer shell', () => {
  let server: DesignerServer;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[];

  beforeAll(async () => {
    server = await serveDesigner({
      '/api/flows': { flows: [summary] },
      '/api/resources': { resources: [] },
      '/api/flows/refund-care': { flow: { ...summary, draft: { ...refundCare, revision: 3 } } },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    consoleProblems = [];
    // React Flow reports edges it cannot attach to a handle as console warnings.
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(error.message));
  });

  afterEach(async () => {
    await page.close();
  });

  it('lists the flows with their status and shows the block palette', async () => {
    await page.goto(server.url);
    const item = page.locator('.flow-list__item', { hasText: 'Refund care' });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.innerText()).toContain('published v2');
    await item.click();
    expect(await page.locator('.palette__block[data-block-type="keyword-router"]').innerText()).toContain('Keyword router');
    expect(await page.locator('.palette__category').allInnerTexts()).toContain('Triggers');
    expect(consoleProblems).toEqual([]);
  });

  it('renders the selected flow: a node per block, a handle per port, an edge per connection', async () => {
    await page.goto(server.url);
    await page.locator('.flow-list__item', { hasText: 'Refund care' }).click();
    await page.locator('.react-flow__node').first().waitFor();
    // A vertical edge has no width, so Playwright never calls it visible: wait for it to exist instead.
    await page.locator('.react-flow__edge').nth(3).waitFor({ state: 'attached' });

    expect(await page.locator('.react-flow__node').count()).toBe(3);
    expect(await page.locator('.react-flow__edge').count()).toBe(4);

    const trigger = page.locator('.react-flow__node[data-id="start"]');
    expect(await trigger.locator('.block-node__label').innerText()).toBe('Twitter trigger');
    expect(await trigger.locator('.block-node__port-label').allInnerTexts()).toEqual(['Mention', 'Direct message', 'Filtered out']);
    expect(await trigger.locator('.react-flow__handle.target').count()).toBe(0);

    const router = page.locator('.react-flow__node[data-id="route"]');
    expect(await router.locator('.block-node__label').innerText()).toBe('Refund words');
    expect(await router.locator('.block-node__id').innerText()).toBe('route');
    expect(await router.locator('.block-node__port-label').allInnerTexts()).toEqual(['Refunds', 'No match']);
    expect(await router.locator('.react-flow__handle.source').count()).toBe(2);
    expect(await router.locator('.react-flow__handle.target').count()).toBe(1);

    const last = page.locator('.react-flow__node[data-id="done"]');
    expect(await last.locator('.block-node__port').count()).toBe(0);
    expect(await page.locator('.canvas__header').innerText()).toContain('revision 3');
    expect(page.url()).toMatch(/#\/flows\/refund-care$/);
    expect(consoleProblems).toEqual([]);

    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  it("shows the server's error message when a flow cannot be loaded", async () => {
    await page.goto(`${server.url}/#/flows/gone`);
    const alert = page.locator('.canvas__note--error');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('flows/gone not found');
  });
});
