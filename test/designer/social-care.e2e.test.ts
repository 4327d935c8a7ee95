import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../runtime/src/server.ts';
import { hasChromium, launchBrowser, recordPageProblems } from '../support/browser.ts';
import { connect, createFlowInDialog, node, sourceHandle, targetHandle } from './canvas-page.ts';
import { DESIGNER_DIST } from './serve-designer.ts';

/**
 * Issue 5, item 8: the social-care flow built from an empty canvas in the
 * built designer, against the real runtime (temp database, seeded from
 * flows/). The seeded social-care flow owns acme-twitter, so this flow listens
 * to a fresh Twitter account added through the resources API
 * (`acme-twitter-e2e`) and the seeded flows stay as they are.
 *
 * The runtime's clock is pinned to a Wednesday, 10:30 in London (inside the
 * care-hours schedule), and the page runs in Europe/London, so the test
 * panel's clock time and the injected message see the same opening hours.
 *
 * Relies on a built designer in designer/dist (`npm test` builds it first).
 */

const REPO = join(import.meta.dirname, '..', '..');
const RESULTS = join(REPO, 'test-results');
const FLOW_ID = 'e2e-social-care';
const ACCOUNT = 'acme-twitter-e2e';
const NOW = new Date('2026-03-11T10:30:00Z'); // Wednesday; London is on GMT until 29 March
const CLOCK_TIME = '2026-03-11T10:30'; // the same instant, as the page's local (London) time

const block = (page: Page, id: string) => node(page, id).locator('.block-node');
const edge = (page: Page, key: string) => page.locator(`.react-flow__edge[data-id="${key}"]`);

/** The canvas viewport: translate and scale, read from React Flow's transform. */
async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page.locator('.react-flow__viewport').evaluate((element) => (element as HTMLElement).style.transform);
  const match = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)\s*scale\(([-\d.]+)\)/.exec(transform);
  if (!match) throw new Error(`unreadable viewport transform "${transform}"`);
  return { x: Number(match[1]), y: Number(match[2]), zoom: Number(match[3]) };
}

/**
 * HTML5 drag and drop from the palette, dropped where the flow point (x, y)
 * is on screen. The events are dispatched with one DataTransfer, as the
 * browser does: Playwright's mouse-driven drag drops at unreliable points in
 * headless Chromium.
 */
async function dropBlock(page: Page, type: string, x: number, y: number) {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  const view = await viewport(page);
  // The drop puts the node's header (24 px down, centred) under the pointer.
  const point = { clientX: pane.x + view.x + (x + 124) * view.zoom, clientY: pane.y + view.y + (y + 24) * view.zoom };
  if (point.clientX < pane.x || point.clientX > pane.x + pane.width || point.clientY < pane.y || point.clientY > pane.y + pane.height) {
    throw new Error(`flow point ${x},${y} is off the canvas`);
  }
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  const item = page.locator(`.palette__block[data-block-type="${type}"]`);
  await item.dispatchEvent('dragstart', { dataTransfer });
  await page.locator('.react-flow__pane').dispatchEvent('dragover', { dataTransfer, ...point });
  await page.locator('.react-flow__pane').dispatchEvent('drop', { dataTransfer, ...point });
  await item.dispatchEvent('dragend', { dataTransfer });
}

/** Selects a node by clicking its header, and opens its properties. */
async function openProperties(page: Page, id: string): Promise<Locator> {
  await node(page, id).locator('.block-node__header').click();
  await page.getByRole('tab', { name: 'Properties' }).click();
  const panel = page.locator('section[aria-label="Properties"]');
  await expect.poll(() => panel.getAttribute('data-node-id')).toBe(id);
  return panel;
}

/** Clears a text control and types into it key by key, as a person does. */
async function type(control: Locator, text: string) {
  await control.fill('');
  await control.pressSequentially(text, { delay: 5 });
}

interface Step {
  nodeId: string;
  port: string | null;
  reason: string;
}

describe.skipIf(!hasChromium() || !existsSync(join(DESIGNER_DIST, 'index.html')))('Social care, built in the designer and run on the runtime', () => {
  let dir: string;
  let runtime: Runtime;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(RESULTS, `social-care-${name}.png`) });
  const api = async <T = Record<string, unknown>>(path: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${runtime.url}${path}`, init);
    const body = (await response.json()) as T;
    if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  const post = <T = Record<string, unknown>>(path: string, body: unknown) =>
    api<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  let simulated: Step[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-social-care-'));
    mkdirSync(RESULTS, { recursive: true });
    runtime = await startRuntime({ database: join(dir, 'switchyard.db'), port: 0, seed: join(REPO, 'flows'), designerDir: DESIGNER_DIST, quiet: true, now: () => NOW });
    // A second X account: the seeded social-care flow already listens to acme-twitter (and acme-facebook).
    await post('/api/resources/account', {
      kind: 'account',
      id: ACCOUNT,
      name: '@AcmeCare on X (e2e)',
      channel: 'twitter',
      platformId: '9900000001',
      handle: 'AcmeCareE2E',
      secrets: { accessToken: { env: 'TWITTER_E2E_ACCESS_TOKEN' } },
    });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, timezoneId: 'Europe/London' });
    page = await context.newPage();
    recordPageProblems(page, problems);
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates an empty Twitter flow on the new account', async () => {
    await page.goto(runtime.url!);
    await createFlowInDialog(page, { name: 'Social care (e2e)', id: FLOW_ID, trigger: 'twitter-trigger', account: ACCOUNT });
    await node(page, 'start').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(1);
    expect(await page.locator('.react-flow__edge').count()).toBe(0);
    await shot('1-empty');
  });

  it('drops the blocks from the palette', async () => {
    // Make room: zoom out with the canvas controls, then drag the pane so the trigger sits on the left.
    for (let click = 0; click < 3; click++) await page.locator('.react-flow__controls-zoomout').click();
    await page.waitForTimeout(300);
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const start = (await node(page, 'start').boundingBox())!;
    const from = { x: pane.x + pane.width - 60, y: pane.y + 60 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - (start.x - pane.x - 30), from.y + (pane.y + pane.height * 0.35 - start.y), { steps: 8 });
    await page.mouse.up();

    const layout: Array<[type: string, x: number, y: number, id: string]> = [
      ['identify-contact', 300, 0, 'identify-contact'],
      ['operating-hours', 600, 0, 'operating-hours'],
      ['keyword-router', 900, -120, 'keyword-router'],
      ['route-to-queue', 1200, -240, 'route-to-queue'],
      ['route-to-queue', 1200, 0, 'route-to-queue-1'],
      ['auto-reply', 900, 220, 'auto-reply'],
      ['end', 1500, 100, 'end'],
    ];
    for (const [type, x, y, id] of layout) {
      await dropBlock(page, type, x, y);
      await node(page, id).waitFor();
    }
    expect(await page.locator('.react-flow__node').count()).toBe(8);
    // Nothing is wired yet: every new block says so, on the canvas.
    for (const [, , , id] of layout) expect(await block(page, id).getAttribute('data-problem')).toBe('error');
    await shot('2-dropped');
  });

  it('configures the blocks through the properties panel', async () => {
    // Keyword router: one rule, port "billing", keywords invoice and refund.
    const router = await openProperties(page, 'keyword-router');
    await type(router.locator('[data-pointer="/rules/0/port"] input'), 'billing');
    await type(router.locator('[data-pointer="/rules/0/label"] input'), 'Billing');
    await type(router.locator('[data-pointer="/rules/0/keywords/0"] input'), 'invoice');
    await router.locator('[data-pointer="/rules/0/keywords"]').getByRole('button', { name: /^\+ Add to keywords/i }).click();
    await type(router.locator('[data-pointer="/rules/0/keywords/1"] input'), 'refund');
    await expect.poll(() => sourceHandle(page, 'keyword-router', 'billing').count()).toBe(1);
    expect(await node(page, 'keyword-router').locator('.block-node__port-label').allInnerTexts()).toEqual(['Billing', 'No match']);

    // The billing queue, picked from the queues the runtime knows.
    const billing = await openProperties(page, 'route-to-queue');
    await billing.getByLabel('Queue', { exact: true }).selectOption('social-billing');
    await type(billing.getByLabel('Label', { exact: true }), 'Billing queue');
    expect(await billing.getByLabel('Queue', { exact: true }).inputValue()).toBe('social-billing');

    const general = await openProperties(page, 'route-to-queue-1');
    await general.getByLabel('Queue', { exact: true }).selectOption('social-care');
    await type(general.getByLabel('Label', { exact: true }), 'General care queue');

    const reply = await openProperties(page, 'auto-reply');
    await type(reply.locator('[data-pointer="/text"] textarea'), 'Hi {{ message.author.name }}, our team is back at 8am and will answer you then.');
    await shot('3-configured');

    const stored = await api<{ flow: unknown }>(`/api/flows/${FLOW_ID}`);
    expect(stored.flow).toBeDefined();
  });

  it('connects every port with the mouse', async () => {
    const wires: Array<[from: string, port: string, to: string]> = [
      ['start', 'mention', 'identify-contact'],
      ['start', 'reply', 'identify-contact'],
      ['start', 'dm', 'identify-contact'],
      ['identify-contact', 'known', 'operating-hours'],
      ['identify-contact', 'new', 'operating-hours'],
      ['operating-hours', 'open', 'keyword-router'],
      ['operating-hours', 'closed', 'auto-reply'],
      ['keyword-router', 'billing', 'route-to-queue'],
      ['keyword-router', 'default', 'route-to-queue-1'],
      ['route-to-queue', 'queued', 'end'],
      ['route-to-queue', 'failed', 'end'],
      ['route-to-queue-1', 'queued', 'end'],
      ['route-to-queue-1', 'failed', 'end'],
      ['auto-reply', 'sent', 'end'],
      ['auto-reply', 'failed', 'end'],
    ];
    for (const [from, port, to] of wires) {
      await connect(page, sourceHandle(page, from, port), targetHandle(page, to));
      await edge(page, `${from}:${port}`).waitFor({ state: 'attached' });
    }
    expect(await page.locator('.react-flow__edge').count()).toBe(wires.length);
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await page.waitForTimeout(500);
    await shot('4-connected');
    // Wired, the queues show their summaries again.
    expect(await block(page, 'route-to-queue').locator('.block-node__summary').innerText()).toContain('social-billing');
  });

  it('shows the unknown schedule in the validation panel and on the node, and fixes it', async () => {
    // The operating-hours block starts on "business-hours", which this deployment does not have.
    await expect.poll(() => block(page, 'operating-hours').getAttribute('data-problem')).toBe('error');
    expect(await block(page, 'operating-hours').locator('.block-node__problem').innerText()).toMatch(/business-hours/);
    expect(await page.locator('.block-node[data-problem="error"]').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);

    await page.getByRole('tab', { name: /^Validation/ }).click();
    const validation = page.locator('section[aria-label="Validation"]');
    expect(await validation.locator('.validation-panel__summary').innerText()).toMatch(/1 error/);
    const problem = validation.locator('.problem--error', { hasText: 'business-hours' });
    expect(await problem.count()).toBe(1);
    await shot('5-validation-error');

    // Clicking the problem selects the node and opens its properties, with the error inline.
    await problem.getByRole('button').click();
    const hours = page.locator('section[aria-label="Properties"]');
    await expect.poll(() => hours.getAttribute('data-node-id')).toBe('operating-hours');
    expect(await hours.locator('[data-pointer="/schedule"] .field__problem').innerText()).toMatch(/business-hours/);
    await hours.getByLabel('Schedule', { exact: true }).selectOption('care-hours');

    await expect.poll(() => page.locator('.block-node[data-problem="error"]').count()).toBe(0);
    expect(await block(page, 'operating-hours').innerText()).toContain('care-hours');
    await page.getByRole('tab', { name: /^Validation/ }).click();
    await expect.poll(() => validation.locator('.validation-panel__summary').innerText()).toMatch(/No problems/);
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).isEnabled()).toBe(true);
    await shot('6-fixed');
  });

  it('saves the draft', async () => {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('.toolbar__status').innerText()).toMatch(/^Saved · revision \d+$/);
    const { flow } = await api<{ flow: { draft: { nodes: Array<{ id: string; config: Record<string, unknown> }>; edges: unknown[] } } }>(`/api/flows/${FLOW_ID}`);
    expect(flow.draft.nodes).toHaveLength(8);
    expect(flow.draft.edges).toHaveLength(15);
    const config = (id: string) => flow.draft.nodes.find((entry) => entry.id === id)?.config;
    expect(config('keyword-router')).toEqual({ rules: [{ port: 'billing', label: 'Billing', keywords: ['invoice', 'refund'] }] });
    expect(config('operating-hours')).toEqual({ schedule: 'care-hours' });
    expect(config('route-to-queue')).toMatchObject({ queue: 'social-billing' });
    expect(config('route-to-queue-1')).toMatchObject({ queue: 'social-care' });
    expect(config('auto-reply')).toMatchObject({ text: 'Hi {{ message.author.name }}, our team is back at 8am and will answer you then.' });
    const check = await post<{ valid: boolean; problems: unknown[] }>(`/api/flows/${FLOW_ID}/validate`, {});
    expect(check.problems).toEqual([]);
  });

  it('tests a billing tweet inside opening hours and lights its path', async () => {
    await page.getByRole('tab', { name: 'Test' }).click();
    const test = page.locator('section[aria-label="Test"]');
    await test.getByRole('button', { name: 'Billing tweet' }).click();
    expect(await test.getByLabel('Message text').inputValue()).toMatch(/invoice/);
    await test.getByLabel('Clock time').fill(CLOCK_TIME);
    expect(await test.getByLabel('Account').inputValue()).toBe(ACCOUNT);
    await test.getByRole('button', { name: 'Run', exact: true }).click();
    await test.locator('.run-steps__step').first().waitFor();

    const steps = test.locator('.run-steps__step');
    const path = await steps.evaluateAll((items) => items.map((item) => item.getAttribute('data-node-id')));
    expect(path).toEqual(['start', 'identify-contact', 'operating-hours', 'keyword-router', 'route-to-queue', 'end']);
    expect(await test.locator('.run-result__status').innerText()).toMatch(/completed/);
    // The reasons: the keyword that matched and the opening-hours window.
    expect(await steps.filter({ has: page.locator('xpath=self::*[@data-node-id="keyword-router"]') }).locator('.run-steps__reason').innerText()).toMatch(/invoice/);
    expect(await steps.filter({ has: page.locator('xpath=self::*[@data-node-id="operating-hours"]') }).locator('.run-steps__reason').innerText()).toMatch(/open/i);
    expect(await test.locator('.run-route').innerText()).toContain('social-billing');

    // The same path lit on the canvas, with the reasons on the nodes; the rest dimmed.
    const lit = await page.locator('.block-node.is-lit').evaluateAll((items) => items.map((item) => item.getAttribute('data-node-id')).sort());
    expect(lit).toEqual([...path].sort());
    for (const key of ['start:mention', 'identify-contact:new', 'operating-hours:open', 'keyword-router:billing', 'route-to-queue:queued']) {
      expect(await edge(page, key).getAttribute('class')).toMatch(/\bis-lit\b/);
    }
    expect(await page.locator('.react-flow__edge.is-lit').count()).toBe(5);
    expect(await edge(page, 'operating-hours:closed').getAttribute('class')).toMatch(/\bis-dimmed\b/);
    expect(await block(page, 'keyword-router').locator('.block-node__reason').innerText()).toMatch(/invoice/);
    expect(await block(page, 'auto-reply').getAttribute('class')).not.toMatch(/is-lit/);

    simulated = await post<{ steps: Step[] }>(`/api/flows/${FLOW_ID}/simulate`, {
      message: billingTweet('simulated-check'),
      at: NOW.toISOString(),
    }).then((result) => result.steps);
    // Clicking the problem zoomed onto one node: fit the whole flow to see the path.
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.waitForTimeout(400);
    await shot('7-test-path');
  });

  it('publishes with a comment', async () => {
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const dialog = page.locator('.dialog--publish');
    await dialog.locator('textarea').fill('Social care from the designer: billing keywords, opening hours');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await dialog.locator('.dialog__success').waitFor();
    expect(await dialog.innerText()).toContain('Version 1');
    await shot('8-published');
    await dialog.getByRole('button', { name: 'Done' }).click();
    const versions = await api<{ activeVersion: number; versions: Array<{ version: number; comment: string }> }>(`/api/flows/${FLOW_ID}/versions`);
    expect(versions.activeVersion).toBe(1);
    expect(versions.versions[0].comment).toBe('Social care from the designer: billing keywords, opening hours');
    await expect.poll(() => page.locator('.flow-list__item', { hasText: 'Social care (e2e)' }).innerText()).toContain('published v1');
  });

  it('runs an injected message on the new version, down the same path', async () => {
    const outcome = await post<{ status: string }>('/api/messages', billingTweet('e2e-tweet-1'));
    expect(outcome.status).not.toBe('no-flow');
    let executions: Array<{ flowId: string; flowVersion: number; status: string; steps: Step[] }> = [];
    await expect
      .poll(async () => {
        ({ executions } = await api<{ executions: typeof executions }>(`/api/executions?flow=${FLOW_ID}`));
        return executions.map((execution) => execution.status);
      })
      .toEqual(['completed']);
    const [execution] = executions;
    expect(execution.flowVersion).toBe(1);
    const route = (steps: Step[]) => steps.map((step) => `${step.nodeId}:${step.port ?? ''}`);
    expect(route(execution.steps)).toEqual(route(simulated));
    expect(route(execution.steps)).toEqual(['start:mention', 'identify-contact:new', 'operating-hours:open', 'keyword-router:billing', 'route-to-queue:queued', 'end:end']);
    expect(problems).toEqual([]);
  });

  it('refuses malformed and hostile imports with a clear message, and the canvas keeps working', async () => {
    const flowsBefore = await api<{ flows: Array<{ id: string }> }>('/api/flows');
    const input = page.getByTestId('import-flow');
    const notice = page.locator('.sidebar__notice');
    const importText = async (name: string, text: string) => {
      await input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      await notice.waitFor();
      return notice.innerText();
    };
    const newer = { id: 'from-the-future', name: 'Future', trigger: { accounts: [ACCOUNT] }, nodes: [{ id: 'start', type: 'twitter-trigger', version: 7, config: {} }], edges: [] };
    const cases: Array<[string, string, RegExp]> = [
      ['broken.json', '{"id": "broken", "nodes": [', /broken\.json is not valid JSON/],
      ['list.json', '[1, 2, 3]', /list\.json is not a Switchyard flow: it must hold one JSON object, not an array/],
      ['evil.json', `{"__proto__": {"polluted": true}, "id": "evil"}`, /evil\.json is not a Switchyard flow: it holds the key "__proto__"/],
      ['deep.json', `{"id": "deep", "config": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`, /deep\.json is not a Switchyard flow: it nests more than \d+ levels deep/],
      ['future.json', JSON.stringify(newer), /future\.json cannot be opened: .*version 7 is newer than this Switchyard knows \(1\); upgrade Switchyard/],
      ['teleport.json', JSON.stringify({ ...newer, id: 'teleport', nodes: [{ id: 'start', type: 'teleport', version: 1, config: {} }] }), /teleport\.json uses blocks this Switchyard does not know: "teleport"/],
    ];
    for (const [name, text, expected] of cases) {
      const shown = await importText(name, text);
      expect(shown).toMatch(expected);
      expect(await notice.getAttribute('role')).toBe('alert');
      if (name === 'future.json') await shot('9-import-refused');
      await notice.getByRole('button', { name: 'Dismiss' }).click();
    }
    // Nothing was stored, nothing was polluted, the open flow is untouched.
    expect(await api<{ flows: Array<{ id: string }> }>('/api/flows')).toEqual(flowsBefore);
    expect(await page.evaluate(() => 'polluted' in ({} as object))).toBe(false);
    expect(page.url()).toMatch(new RegExp(`#/flows/${FLOW_ID}$`));
    expect(await page.locator('.react-flow__node').count()).toBe(8);
    expect(await page.locator('.toolbar__status').innerText()).toMatch(/^(Saved · revision \d+|All changes saved)$/);

    // The canvas still edits: drop a block, undo it.
    await page.getByRole('tab', { name: 'Blocks' }).click();
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.waitForTimeout(400);
    const view = await viewport(page);
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    await dropBlock(page, 'end', (pane.width / 2 - view.x) / view.zoom - 124, (pane.height - 120 - view.y) / view.zoom - 24);
    await node(page, 'end-1').waitFor();
    expect(await page.locator('.toolbar__status').innerText()).toBe('Unsaved changes');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(8);

    // And a good file still imports, next to the flows that are there.
    const good = { id: 'e2e-imported', name: 'Imported (e2e)', trigger: { accounts: [ACCOUNT] }, nodes: [{ id: 'start', type: 'twitter-trigger', version: 1, config: {}, position: { x: 0, y: 0 } }], edges: [] };
    expect(await importText('good.json', `\uFEFF${JSON.stringify(good)}`)).toMatch(/Imported “Imported \(e2e\)”/);
    await expect.poll(() => page.url()).toMatch(/#\/flows\/e2e-imported$/);
    await node(page, 'start').waitFor();
    expect((await api<{ flows: Array<{ id: string }> }>('/api/flows')).flows.map((flow) => flow.id)).toEqual(expect.arrayContaining([FLOW_ID, 'e2e-imported']));
    expect(problems).toEqual([]);
  });
});

function billingTweet(id: string) {
  return {
    channel: 'twitter',
    visibility: 'public',
    kind: 'mention',
    account: ACCOUNT,
    author: { id: '2244994945', handle: 'jane_doe', name: 'Jane Doe' },
    text: '@AcmeCare I was charged twice on my last invoice, can you help?',
    replyTarget: { kind: 'tweet', id },
    platformMessageId: id,
  };
}
