import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../../support/browser.ts';

// Relies on a built designer in designer/dist (`npm run build:designer`); the test does not build it.

const DIST = join(import.meta.dirname, '..', '..', '..', 'designer', 'dist');
const RESULTS = join(import.meta.dirname, '..', '..', '..', 'test-results');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const user = { id: 'u-admin', username: 'admin', roles: ['admin'], agentId: null };
const summary = { id: 'refund-care', name: 'Refund care', revision: 3, activeVersion: 2, status: 'published', updatedAt: '2026-03-02T10:00:00Z' };
const draft = {
  id: 'refund-care',
  name: 'Refund care',
  revision: 3,
  trigger: { accounts: ['@acme_help'] },
  nodes: [
    { id: 'start', type: 'twitter-trigger', version: 1, config: { events: ['mention'] } },
    { id: 'done', type: 'end', version: 1, config: {} },
  ],
  edges: [{ from: 'start', port: 'mention', to: 'done' }],
};

function send(response: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) response.writeHead(status).end();
  else response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += chunk;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The built designer plus an API that wants `Bearer good-token`, handed out for admin/secret. */
async function serveWithAuth(log: string[]): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/api/')) {
      log.push(`${request.method} ${path} ${request.headers.authorization ?? '-'}`);
      if (path === '/api/auth/login' && request.method === 'POST') {
        const { username, password } = await readJson(request);
        if (username === 'admin' && password === 'secret') return send(response, 200, { token: 'good-token', expiresAt: '2099-01-01T00:00:00Z', user });
        return send(response, 401, { error: 'invalid username or password' });
      }
      if (request.headers.authorization !== 'Bearer good-token') return send(response, 401, { error: 'authentication required' });
      if (path === '/api/auth/logout') return send(response, 204);
      if (path === '/api/auth/me') return send(response, 200, { user });
      if (path === '/api/flows') return send(response, 200, { flows: [summary] });
      if (path === '/api/flows/refund-care') return send(response, 200, { flow: { ...summary, draft } });
      if (path === '/api/resources') return send(response, 200, { resources: [] });
      return send(response, 404, { error: `${path} not found` });
    }
    const file = normalize(join(DIST, path));
    const served = file.startsWith(DIST + sep) && existsSync(file) && extname(file) !== '' ? file : join(DIST, 'index.html');
    response.writeHead(200, { 'content-type': TYPES[extname(served)] ?? 'application/octet-stream' }).end(await readFile(served));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

describe.skipIf(!hasChromium())('Sign-in', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  const log: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error(`no built designer in ${DIST}: run \`npm run build:designer\` first`);
    server = await serveWithAuth(log);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    log.length = 0;
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterEach(async () => {
    await page.close();
  });

  it('asks for a sign-in, refuses a wrong password, lets admin in and signs out again', async () => {
    mkdirSync(RESULTS, { recursive: true });
    await page.goto(`${server.url}/#/flows/refund-care`);

    const username = page.getByLabel('Username');
    const password = page.getByLabel('Password');
    const submit = page.getByRole('button', { name: 'Sign in' });
    await username.waitFor();
    expect(await page.locator('.app').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);

    await username.fill('admin');
    await password.fill('wrong');
    await submit.click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe('Wrong username or password.');
    expect(await password.inputValue()).toBe('');
    await page.screenshot({ path: join(RESULTS, 'auth-1-wrong-password.png') });

    await password.fill('secret');
    await submit.click();
    const item = page.locator('.flow-list__item', { hasText: 'Refund care' });
    await item.waitFor();
    expect(await username.count()).toBe(0);
    expect(await page.locator('.app__username').innerText()).toBe('admin');
    // Back where the user was: the flow of the URL is open.
    expect(page.url()).toMatch(/#\/flows\/refund-care$/);
    await page.locator('.canvas__header').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('switchyard:token'))).toBe('good-token');
    expect(log).toContain('GET /api/flows Bearer good-token');
    await page.screenshot({ path: join(RESULTS, 'auth-2-signed-in.png') });

    // A reload keeps the session: no sign-in page.
    await page.reload();
    await item.waitFor();
    expect(await page.getByLabel('Username').count()).toBe(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await username.waitFor();
    expect(await page.evaluate(() => localStorage.getItem('switchyard:token'))).toBeNull();
    await expect.poll(() => log.includes('POST /api/auth/logout Bearer good-token')).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'auth-3-signed-out.png') });
    expect(pageErrors).toEqual([]);
  });

  it('a token the server no longer takes brings the sign-in page back', async () => {
    await page.goto(server.url);
    // Wait for the first refusal, which clears storage, before planting the stale token.
    await page.getByLabel('Username').waitFor();
    await page.evaluate(() => {
      localStorage.setItem('switchyard:token', 'stale-token');
      localStorage.setItem('switchyard:user', JSON.stringify({ user: { id: 'u', username: 'admin', roles: [], agentId: null }, expiresAt: null }));
    });
    await page.reload();
    await page.getByLabel('Username').waitFor();
    await expect.poll(() => log.includes('GET /api/flows Bearer stale-token')).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('switchyard:token'))).toBeNull();

    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('secret');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.flow-list__item', { hasText: 'Refund care' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
