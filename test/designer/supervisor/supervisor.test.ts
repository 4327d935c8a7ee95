import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';
import { hasChromium, launchBrowser } from '../../support/browser.ts';

/**
 * Issue 4, item 7: the supervisor view in the built designer against the real
 * runtime (temp database, seeded from flows/: agents alice and bob, offline).
 * The runtime's clock is Monday 10:00 in London, inside the social-care
 * flow's opening hours; the page's clock starts a few seconds later and runs,
 * so the waiting interaction's age is small and ticks.
 */

const REPO = join(import.meta.dirname, '..', '..', '..');
const RESULTS = join(REPO, 'test-results');
const DESIGNER_DIST = join(REPO, 'designer', 'dist');
const NOW = new Date('2026-03-02T10:00:00Z');

describe.skipIf(!hasChromium() || !existsSync(join(DESIGNER_DIST, 'index.html')))('Supervisor view', () => {
  let dir: string;
  let runtime: Runtime;
  let browser: Browser;
  let page: Page;
  let interactionId: string;
  const pageErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(RESULTS, `supervisor-${name}.png`), fullPage: true });
  const api = async <T = Record<string, unknown>>(path: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${runtime.url}${path}`, init);
    const body = (await response.json()) as T;
    if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  const send = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
    api<T>(path, { method, headers: { 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const queueCard = (id: string) => page.locator(`.queue-card[data-queue="${id}"]`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-supervisor-'));
    mkdirSync(RESULTS, { recursive: true });
    runtime = await startRuntime({ database: join(dir, 'switchyard.db'), port: 0, seed: join(REPO, 'flows'), designerDir: DESIGNER_DIST, quiet: true, now: () => NOW });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, timezoneId: 'Europe/London' });
    page = await context.newPage();
    await page.clock.install({ time: new Date(NOW.getTime() + 5_000) });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the sample agents, the queues with their targets and the flags, with every agent stream open', async () => {
    await page.goto(`${runtime.url}/#/supervisor`);
    await page.locator('tr[data-agent="alice"]').waitFor();
    expect(await page.locator('tr[data-agent="alice"] [data-status]').getAttribute('data-status')).toBe('offline');
    expect(await page.locator('tr[data-agent="bob"]').innerText()).toContain('Bob Okafor');
    expect(await queueCard('social-care').innerText()).toContain('Target: 80% within 15 min');
    expect(await queueCard('social-care').locator('[data-waiting]').getAttribute('data-waiting')).toBe('0');
    expect(await page.locator('.queue-card').count()).toBe(8);
    expect(await page.getByRole('switch', { name: /Service outage/ }).getAttribute('aria-checked')).toBe('false');
    await expect.poll(() => page.locator('.supervisor__live').getAttribute('data-live')).toBe('true');
    expect(await page.locator('.app__nav a.is-current').innerText()).toBe('Supervisor');
  });

  it('shows an injected message waiting in its queue, brought in by an agent event, with a ticking age', async () => {
    const routed = await send<{ interactionId: string }>('POST', '/api/messages', {
      channel: 'twitter',
      visibility: 'public',
      kind: 'mention',
      account: 'acme-twitter',
      author: { id: '42', handle: 'user42', name: 'User 42' },
      text: 'my parcel never arrived',
      platformMessageId: 'supervisor-1',
    });
    interactionId = routed.interactionId;
    expect(interactionId).toBeTruthy();
    // The ACD's stream reports the new waiting interaction by itself: no agent event, no Refresh.
    const row = queueCard('social-care').locator(`tr[data-interaction="${interactionId}"]`);
    await row.waitFor();
    await send('POST', '/api/agents/alice/status', { status: 'not-ready', reason: 'lunch' });
    await expect.poll(() => page.locator('tr[data-agent="alice"] [data-status]').innerText()).toMatch(/not-ready\s*· lunch/);
    expect(await page.locator('tr[data-agent="alice"] [data-status]').innerText()).toMatch(/not-ready\s*· lunch/);
    expect(await queueCard('social-care').locator('[data-waiting]').getAttribute('data-waiting')).toBe('1');
    expect(await row.innerText()).toContain('twitter');
    const age = row.locator('[data-age]');
    const first = await age.innerText();
    expect(first).toMatch(/^\d+ s$/);
    await expect.poll(() => age.innerText(), { timeout: 4000 }).not.toBe(first);
    expect(Number.parseInt(await age.innerText(), 10)).toBeGreaterThan(Number.parseInt(first, 10));
    await shot('1-waiting');
  });

  it('turns the service-outage flag on', async () => {
    await page.getByRole('switch', { name: /Service outage/ }).click();
    await expect.poll(async () => (await api<{ resource: { active: boolean } }>('/api/resources/flag/service-outage')).resource.active).toBe(true);
    await expect.poll(() => page.getByRole('switch', { name: /Service outage/ }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('status').innerText()).toContain('turned on');
    await shot('2-flag-on');
  });

  it('moves the waiting interaction to another queue', async () => {
    await page.getByLabel(`Move ${interactionId} to queue`).selectOption('general-care');
    await queueCard('social-care').getByRole('button', { name: 'Move' }).click();
    await expect
      .poll(async () => {
        const { interaction } = await api<{ interaction: { queue: string; state: string } }>(`/api/interactions/${interactionId}`);
        return `${interaction.queue} ${interaction.state}`;
      })
      .toBe('general-care queued');
    await queueCard('general-care').locator(`tr[data-interaction="${interactionId}"]`).waitFor();
    expect(await queueCard('social-care').locator('[data-waiting]').getAttribute('data-waiting')).toBe('0');
    await shot('3-moved');
  });

  it('says clearly when the server refuses a move', async () => {
    await send('POST', '/api/resources/queue', { kind: 'queue', id: 'short-lived', name: 'Short-lived queue', serviceLevel: { seconds: 60, percent: 90 } });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await queueCard('short-lived').waitFor();
    // Gone behind the page's back: the page still offers it.
    expect((await fetch(`${runtime.url}/api/resources/queue/short-lived`, { method: 'DELETE' })).status).toBe(204);
    await page.getByLabel(`Move ${interactionId} to queue`).selectOption('short-lived');
    await queueCard('general-care').getByRole('button', { name: 'Move' }).click();
    const alert = page.locator('.supervisor__error[data-kind="action"]');
    await alert.waitFor();
    expect(await alert.innerText()).toBe(`Could not move ${interactionId} to short-lived: queue "short-lived" does not exist`);
    const { interaction } = await api<{ interaction: { queue: string } }>(`/api/interactions/${interactionId}`);
    expect(interaction.queue).toBe('general-care');
    await shot('4-refused');
    expect(pageErrors).toEqual([]);
  });
});
