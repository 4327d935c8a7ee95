import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';
import { hasChromium, launchBrowser } from '../../support/browser.ts';
import { DESIGNER_DIST } from '../serve-designer.ts';

/**
 * Issue 4, item 6: the agents' desk in the built designer against the real
 * runtime (temp database, seeded from flows/, sign-in off). Alice picks
 * herself, goes available, sees a billing tweet offered live over the event
 * stream, accepts it, answers privately and closes it as resolved.
 *
 * Relies on a built designer in designer/dist (`npm test` builds it first).
 */

const REPO = join(import.meta.dirname, '..', '..', '..');
const RESULTS = join(REPO, 'test-results');
const NOW = new Date('2026-03-02T10:00:00Z'); // Monday 10:00 in London: care hours
const REPLY = 'Hi Jane, sorry about the double charge: we have refunded it, it shows within 3 days.';

const runnable = hasChromium() && existsSync(join(DESIGNER_DIST, 'index.html'));

interface Item {
  status: string;
  interactionId?: string;
  action: string;
  visibility?: string;
  text?: string;
}

describe.skipIf(!runnable)('agent desk in the browser', () => {
  let dir: string;
  let runtime: Runtime;
  let browser: Browser;
  let page: Page;
  let interactionId: string;
  const errors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(RESULTS, `desk-${name}.png`) });

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(runtime.url + path, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'switchyard-desk-'));
    runtime = await startRuntime({ database: join(dir, 'switchyard.db'), port: 0, seed: join(REPO, 'flows'), designerDir: DESIGNER_DIST, quiet: true, now: () => NOW });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Europe/London' });
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('picks alice and goes available', async () => {
    await page.goto(`${runtime.url}/#/desk`);
    await page.getByRole('link', { name: 'Desk' }).waitFor();
    await page.getByLabel('Agent', { exact: true }).selectOption('alice');
    await page.locator('.desk__live--live').waitFor();
    await page.getByRole('button', { name: 'Available', exact: true }).click();
    await page.locator('.desk__status-line[data-status="available"]').waitFor();
    const { agents } = await api<{ agents: { resource: { id: string }; status: string }[] }>('GET', '/api/agents');
    expect(agents.find((agent) => agent.resource.id === 'alice')?.status).toBe('available');
    await shot('1-available');
  });

  it('shows a billing tweet offered live, with a countdown', async () => {
    const tweet = JSON.parse(readFileSync(join(REPO, 'test/fixtures/messages/tweet-billing.json'), 'utf8')) as Record<string, unknown>;
    const routed = await api<{ interactionId?: string }>('POST', '/api/messages', { ...tweet, account: 'acme-twitter', platformMessageId: 'desk-e2e-1' });
    expect(routed.interactionId).toBeTruthy();
    interactionId = routed.interactionId!;
    const offer = page.locator(`.desk__offer[data-interaction="${interactionId}"]`);
    await offer.waitFor({ timeout: 10_000 });
    await offer.getByText('charged twice').waitFor();
    const seconds = Number((await offer.locator('.desk__countdown').innerText()).replace(/\D/g, ''));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(30);
    await shot('2-offer');
  });

  it('accepts it and opens the conversation with the contact and history', async () => {
    await page.locator(`.desk__offer[data-interaction="${interactionId}"]`).getByRole('button', { name: 'Accept' }).click();
    const convo = page.locator(`.convo[data-interaction="${interactionId}"]`);
    await convo.waitFor();
    await convo.locator('.msg--in').getByText('charged twice').waitFor();
    await page.getByRole('tab', { selected: true }).waitFor();
    await convo.locator('.convo__history li.is-current').waitFor();
    const { interaction } = await api<{ interaction: { state: string; agentId?: string } }>('GET', `/api/interactions/${interactionId}`);
    expect(interaction).toMatchObject({ state: 'assigned', agentId: 'alice' });
    // A public tweet: both ways to reply, and what Twitter can do with it.
    expect(await convo.getByRole('radiogroup', { name: 'Reply visibility' }).getByRole('radio').allInnerTexts()).toEqual(['Public', 'Private']);
    const actions = convo.getByRole('group', { name: 'Actions' });
    for (const name of ['Like', 'Retweet', 'Favorite', 'Move to private']) expect(await actions.getByRole('button', { name, exact: true }).count()).toBe(1);
    await shot('3-conversation');
  });

  it('replies privately', async () => {
    const convo = page.locator(`.convo[data-interaction="${interactionId}"]`);
    await convo.getByRole('radio', { name: 'Private' }).click();
    await convo.getByLabel('Reply', { exact: true }).fill(REPLY);
    await convo.getByRole('button', { name: 'Send private' }).click();
    const sent = convo.locator('.msg--out.msg--private');
    await sent.getByText('double charge').waitFor();
    // Signed by the agent's name, not their id.
    expect(await sent.locator('.msg__author').innerText()).toBe('Alice Martin');
    // Oldest first: the customer's tweet, then the answer.
    expect(await convo.locator('.msg').evaluateAll((items) => items.map((item) => item.getAttribute('data-direction')))).toEqual(['in', 'out']);
    await shot('4-replied');
  });

  it('retweets, and shows a refusal from the server clearly', async () => {
    const convo = page.locator(`.convo[data-interaction="${interactionId}"]`);
    await convo.getByRole('button', { name: 'Retweet' }).click();
    await convo.locator('.convo__notice').getByText('Retweeted').waitFor();
    // A reply the server cannot render: its 400 shows as it says it, and nothing is sent.
    await convo.getByLabel('Reply', { exact: true }).fill('Hi {{ contact.name | no_such_filter }}');
    await convo.getByRole('button', { name: 'Send private' }).click();
    const alert = convo.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('could not be rendered');
    await shot('5-error');
    await convo.getByLabel('Reply', { exact: true }).fill('');
  });

  it('closes it with the disposition "resolved"', async () => {
    const convo = page.locator(`.convo[data-interaction="${interactionId}"]`);
    await convo.getByLabel('Disposition').selectOption('resolved');
    await convo.getByRole('button', { name: 'Close', exact: true }).click();
    await convo.waitFor({ state: 'detached' });
    await page.getByText('Waiting for work…').waitFor();
    await shot('6-closed');

    const { interaction } = await api<{ interaction: { state: string; disposition?: string } }>('GET', `/api/interactions/${interactionId}`);
    expect(interaction).toMatchObject({ state: 'closed', disposition: 'resolved' });
    const { items } = await api<{ items: Item[] }>('GET', `/api/outbox?interaction=${interactionId}`);
    const replies = items.filter((item) => item.action === 'reply');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ interactionId, visibility: 'private', text: REPLY });
    expect(items.some((item) => item.action === 'retweet')).toBe(true);
    expect(errors).toEqual([]);
  });
});
