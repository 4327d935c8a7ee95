import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../../runtime/src/channels/fake/types.ts';
import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';
import { hasChromium, launchBrowser, recordPageProblems } from '../../support/browser.ts';
import { DESIGNER_DIST } from '../serve-designer.ts';
import { apiClient, deliverWhatsapp, eventually, META_ENV, startFake, whatsappWebhook, WHATSAPP_PHONE_NUMBER_ID, type Fake } from './continuity-support.ts';

/**
 * Issue 4, item 9, end to end: sign-in on, the real runtime, the fake
 * platforms as the Graph API, WhatsApp webhooks signed by the fake. Bob (the
 * sample agent with the messaging skill) signs in on the sign-in page and goes
 * available; Carol, a second messaging agent, goes available after him. A
 * WhatsApp message runs through the messaging-continuity flow, is offered to
 * Bob (the longest idle), accepted, answered privately — the reply reaches the
 * fake WhatsApp API — and closed with a disposition. The same customer writes
 * again: Carol is now the longest idle, yet the new message goes to Bob, the
 * customer's last agent within the 72-hour window.
 */

const REPO = join(import.meta.dirname, '..', '..', '..');
const RESULTS = join(REPO, 'test-results');
const ADMIN_PASSWORD = 'e2e-admin-password';
const AGENT_PASSWORD = 'e2e-agent-password';
const CUSTOMER = { waId: '447700900123', name: 'Priya Shah' };
const FIRST = 'Hi, my invoice shows a charge I do not recognise';
const SECOND = 'Me again: the charge is still on my statement';
const REPLY = 'Hi Priya, that charge was a duplicate: we have refunded it, you will see it within 3 days.';
const ALWAYS_OPEN = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ from: '00:00', to: '24:00' }]]));

const runnable = hasChromium() && existsSync(join(DESIGNER_DIST, 'index.html'));

interface Detail {
  interaction: { id: string; state: string; agentId?: string; preferredAgent?: string; conversationId?: string; disposition?: string };
  messages: { direction: string; text?: string; platformMessageId?: string; message?: { platformMessageId?: string } }[];
}

describe.skipIf(!runnable)('messaging continuity on the desk, sign-in on, over the fake platforms', () => {
  let dir: string;
  let fake: Fake;
  let runtime: Runtime;
  let browser: Browser;
  let page: Page;
  let admin: string;
  let carol: string;
  let first: string;
  const problems: string[] = [];
  const saved = { ...process.env };
  const api = apiClient(() => runtime.url!);
  const shot = (name: string) => page.screenshot({ path: join(RESULTS, `continuity-${name}.png`) });
  const whatsappSends = (): RecordedRequest[] =>
    fake.requests('whatsapp').filter((request) => request.method === 'POST' && request.path.endsWith(`/${WHATSAPP_PHONE_NUMBER_ID}/messages`));

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'switchyard-continuity-'));
    fake = await startFake();
    Object.assign(process.env, META_ENV, { META_GRAPH_URL: fake.url });
    runtime = await startRuntime({
      database: join(dir, 'switchyard.db'),
      port: 0,
      seed: join(REPO, 'flows'),
      designerDir: DESIGNER_DIST,
      quiet: true,
      auth: { enabled: true, adminPassword: ADMIN_PASSWORD, agentPassword: AGENT_PASSWORD },
    });
    // The admin's setup: messaging open around the clock (the test runs at any hour), and a second messaging agent with her user.
    admin = (await api<{ token: string }>('', 'POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).token;
    const hours = runtime.store.resources.get('schedule', 'messaging-hours')!;
    await api(admin, 'PUT', '/api/resources/schedule/messaging-hours', { ...hours, weekly: ALWAYS_OPEN });
    const agent = { kind: 'agent', id: 'carol', name: 'Carol Diaz', skills: [{ skill: 'messaging', level: 3 }], capacity: { private: 3 } };
    await api(admin, 'PUT', '/api/resources/agent/carol', agent);
    await api(admin, 'POST', '/api/users', { username: 'carol', password: AGENT_PASSWORD, roles: ['agent'], agentId: 'carol' });
    carol = (await api<{ token: string }>('', 'POST', '/api/auth/login', { username: 'carol', password: AGENT_PASSWORD })).token;

    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    recordPageProblems(page, problems);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
    await fake?.close();
    process.env = saved;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('asks Bob to sign in, then shows his own desk; he goes available', async () => {
    await page.goto(`${runtime.url}/#/desk`);
    await page.getByLabel('Username').fill('bob');
    await page.getByLabel('Password').fill(AGENT_PASSWORD);
    await shot('1-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.desk__agent[data-agent="bob"]').waitFor();
    // Before signing in, the app's first requests were refused (that is what shows the sign-in page); nothing else went wrong.
    expect(problems.splice(0).filter((problem) => !problem.includes('401 (Unauthorized)'))).toEqual([]);
    expect(await page.getByLabel('Agent', { exact: true }).count()).toBe(0);
    // An agent is not offered the supervisor's page (the server would refuse it).
    expect(await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allInnerTexts()).toEqual(['Flows', 'Resources', 'Desk']);
    await page.locator('.desk__live--live').waitFor();
    await page.getByRole('button', { name: 'Available', exact: true }).click();
    await page.locator('.desk__status-line[data-status="available"]').waitFor();
    expect(runtime.acd.agent('bob')!.status).toBe('available');
    // Carol goes available after Bob: he is the longest idle for the first message.
    await api(carol, 'POST', '/api/agents/carol/status', { status: 'available' });
    await shot('2-available');
  });

  it('offers the WhatsApp message to Bob live; he accepts and sees the conversation', async () => {
    expect(await deliverWhatsapp(fake, runtime.url!, whatsappWebhook(CUSTOMER, 'wamid.e2e-1', FIRST))).toBe(200);
    const offer = page.locator('.desk__offer');
    await offer.getByText('recognise').waitFor({ timeout: 10_000 });
    first = (await offer.getAttribute('data-interaction'))!;
    expect(runtime.acd.agent('carol')!.offers).toEqual([]);
    await shot('3-offer');
    await offer.getByRole('button', { name: 'Accept' }).click();
    const convo = page.locator(`.convo[data-interaction="${first}"]`);
    await convo.locator('.msg--in').getByText('recognise').waitFor();
    expect(runtime.store.interactions.get(first)).toMatchObject({ state: 'assigned', agentId: 'bob', channel: 'whatsapp', queue: 'messaging' });
    // WhatsApp has no public side: no visibility to choose, nothing public to like, retweet or move to private.
    expect(await convo.getByRole('radiogroup', { name: 'Reply visibility' }).count()).toBe(0);
    expect(await convo.getByRole('radio').count()).toBe(0);
    for (const name of ['Like', 'Retweet', 'Favorite', 'Move to private']) expect(await convo.getByRole('button', { name, exact: true }).count()).toBe(0);
    expect(await convo.getByRole('button', { name: 'Send private' }).count()).toBe(1);
    await shot('3b-whatsapp-conversation');
  });

  it('answers privately: the reply reaches the fake WhatsApp API', async () => {
    const convo = page.locator(`.convo[data-interaction="${first}"]`);
    await convo.getByLabel('Reply', { exact: true }).fill(REPLY);
    await convo.getByRole('button', { name: /^Send/ }).click();
    await convo.locator('.msg--out').getByText('duplicate').waitFor();
    // Signed by Bob's name (the agent resource's), not his id.
    expect(await convo.locator('.msg--out .msg__author').innerText()).toBe('Bob Okafor');
    const sent = await eventually(() => whatsappSends().find((request) => JSON.stringify(request.body).includes('duplicate')));
    expect(sent.body).toMatchObject({ messaging_product: 'whatsapp', to: CUSTOMER.waId, type: 'text', text: { body: REPLY } });
    expect(sent.headers.authorization).toBe(`Bearer ${META_ENV.WHATSAPP_ACCESS_TOKEN}`);
    expect(sent.status).toBe(200);
    // The filed reply takes the id WhatsApp gave it (it was known by its outbox id until then).
    const out = await eventually(() =>
      runtime.store.messages.list({ interactionId: first }).find((message) => message.direction === 'out' && message.platformMessageId.startsWith('wamid.')),
    );
    expect(out.text).toBe(REPLY);
    await shot('4-replied');
  });

  it('closes it with a disposition', async () => {
    const convo = page.locator(`.convo[data-interaction="${first}"]`);
    await convo.getByLabel('Disposition').selectOption('resolved-private');
    await convo.getByRole('button', { name: 'Close', exact: true }).click();
    await convo.waitFor({ state: 'detached' });
    await page.getByText('Waiting for work…').waitFor();
    const { interaction } = await api<Detail>(admin, 'GET', `/api/interactions/${first}`);
    expect(interaction).toMatchObject({ state: 'closed', disposition: 'resolved-private', agentId: 'bob' });
    await shot('5-closed');
  });

  it("brings the customer's next message back to Bob, though Carol has been idle longer", async () => {
    const carolIdle = runtime.acd.agent('carol')!.idleSince;
    expect(carolIdle).toBeLessThan(runtime.acd.agent('bob')!.idleSince);
    expect(await deliverWhatsapp(fake, runtime.url!, whatsappWebhook(CUSTOMER, 'wamid.e2e-2', SECOND))).toBe(200);
    const offer = page.locator('.desk__offer');
    await offer.getByText('statement').waitFor({ timeout: 10_000 });
    const second = (await offer.getAttribute('data-interaction'))!;
    expect(second).not.toBe(first);
    const { interaction } = await api<Detail>(admin, 'GET', `/api/interactions/${second}`);
    expect(interaction).toMatchObject({ state: 'offered', agentId: 'bob', preferredAgent: 'bob', conversationId: runtime.store.interactions.get(first)!.conversationId });
    expect(runtime.acd.agent('carol')!.offers).toEqual([]);
    // Carol cannot see it; Bob's list has both of his.
    expect((await fetch(`${runtime.url}/api/interactions/${second}`, { headers: { authorization: `Bearer ${carol}` } })).status).toBe(403);
    await offer.getByRole('button', { name: 'Accept' }).click();
    const convo = page.locator(`.convo[data-interaction="${second}"]`);
    await convo.locator('.msg--in').getByText('statement').waitFor();
    // The contact card's history shows the first conversation, closed.
    await convo.locator('.convo__history li').nth(1).waitFor();
    await shot('6-returned');
    expect(problems).toEqual([]);
  });
});
