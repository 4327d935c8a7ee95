import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';
import { hasChromium, launchBrowser, recordPageProblems } from '../../support/browser.ts';
import { DESIGNER_DIST } from '../serve-designer.ts';

// Relies on a built designer in designer/dist (`npm run build:designer`); the test does not build it.

const REPO = join(import.meta.dirname, '..', '..', '..');

describe.skipIf(!hasChromium())('Unsaved edits: the designer asks before dropping them', () => {
  let dir: string;
  let runtime: Runtime;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  const notes = () => page.locator('.note-node').count();
  const leaveDialog = () => page.locator('.dialog--unsaved');
  const revision = async () => Number((await page.locator('.canvas__flow-id', { hasText: 'revision' }).innerText()).replace('revision ', ''));
  /** An edit made as a person makes it (a click), so the page also has the user activation `beforeunload` needs. */
  async function openAndEdit(flowId: string) {
    await page.goto(`${runtime.url}/#/flows/${flowId}`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: '+ Note' }).click();
    await expect.poll(notes).toBe(1);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-leave-'));
    runtime = await startRuntime({ database: join(dir, 'switchyard.db'), port: 0, seed: join(REPO, 'flows'), designerDir: DESIGNER_DIST, quiet: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    problems = [];
    recordPageProblems(page, problems);
    return () => page.close();
  });

  it('asks before opening another flow; Stay keeps the flow and its edits', async () => {
    await openAndEdit('social-care');
    await page.locator('.flow-list__item', { hasText: 'Messenger care' }).click();
    await leaveDialog().waitFor();
    expect(await leaveDialog().innerText()).toContain('not saved');
    // The URL still names the open flow while the page asks.
    expect(page.url()).toMatch(/#\/flows\/social-care$/);
    await page.screenshot({ path: 'test-results/leave-guard-dialog.png' });

    await leaveDialog().getByRole('button', { name: 'Stay' }).click();
    await leaveDialog().waitFor({ state: 'detached' });
    expect(page.url()).toMatch(/#\/flows\/social-care$/);
    expect(await notes()).toBe(1);
    expect(await page.locator('.canvas__flow-name').innerText()).toBe('Social care: Twitter and Facebook');
    expect(problems).toEqual([]);
  });

  it('asks before going to another page; leaving drops the edits and goes there', async () => {
    await openAndEdit('social-care');
    await page.locator('.app__nav a', { hasText: 'Resources' }).click();
    await leaveDialog().waitFor();
    await leaveDialog().getByRole('button', { name: 'Leave without saving' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/resources$/);
    expect(await leaveDialog().count()).toBe(0);

    // Back on the flow: the note was never saved, and a flow without edits is left without a question.
    await page.locator('.app__nav a', { hasText: 'Flows' }).click();
    await page.locator('.flow-list__item', { hasText: 'Social care' }).click();
    await page.locator('.react-flow__node').first().waitFor();
    expect(await notes()).toBe(0);
    await page.locator('.flow-list__item', { hasText: 'Messenger care' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/flows\/messenger-care$/);
    expect(await leaveDialog().count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('asks on the browser’s back button too', async () => {
    await page.goto(`${runtime.url}/#/flows/messenger-care`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.locator('.flow-list__item', { hasText: 'Social care' }).click();
    await page.locator('.canvas__flow-name', { hasText: 'Social care' }).waitFor();
    await page.getByRole('button', { name: '+ Note' }).click();
    await page.evaluate(() => history.back());
    await leaveDialog().waitFor();
    expect(page.url()).toMatch(/#\/flows\/social-care$/);
    await leaveDialog().getByRole('button', { name: 'Stay' }).click();
    expect(await notes()).toBe(1);
  });

  it('saves and leaves: the new page is shown, and the flow reopens with the edit saved', async () => {
    await openAndEdit('messaging-continuity');
    const before = await revision();
    await page.locator('.app__nav a', { hasText: 'Resources' }).click();
    await leaveDialog().waitFor();
    await page.screenshot({ path: 'test-results/leave-guard-save-and-leave.png' });
    await leaveDialog().getByRole('button', { name: 'Save and leave' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/resources$/);
    await page.locator('.app--resources').waitFor();
    expect(await leaveDialog().count()).toBe(0);

    await page.locator('.app__nav a', { hasText: 'Flows' }).click();
    await page.locator('.flow-list__item', { hasText: 'Messaging with conversation continuity' }).click();
    await page.locator('.react-flow__node').first().waitFor();
    expect(await notes()).toBe(1);
    expect(await revision()).toBeGreaterThan(before);
    expect(problems).toEqual([]);
  });

  it('stays on the flow when saving before leaving meets a newer save, and shows the conflict', async () => {
    await openAndEdit('social-care');
    // Someone else saves the flow meanwhile: the editor's revision is now stale.
    const stored = (await (await fetch(`${runtime.url}/api/flows/social-care`)).json()) as { flow: { draft: Record<string, unknown> } };
    const theirs = await fetch(`${runtime.url}/api/flows/social-care`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(stored.flow.draft),
    });
    expect(theirs.status).toBe(200);

    await page.locator('.flow-list__item', { hasText: 'Messenger care' }).click();
    await leaveDialog().getByRole('button', { name: 'Save and leave' }).click();
    await page.locator('.dialog--conflict').waitFor();
    expect(await leaveDialog().count()).toBe(0);
    expect(page.url()).toMatch(/#\/flows\/social-care$/);
    expect(await notes()).toBe(1);
  });

  it('does not ask once the edits are saved, in the page or for a reload', async () => {
    await openAndEdit('brand-engagement');
    await page.keyboard.press('Control+s');
    await page.getByText('Saved · revision').waitFor();
    let browserAsked = false;
    page.on('dialog', (dialog) => {
      browserAsked = true;
      void dialog.accept();
    });
    await page.reload();
    await page.locator('.react-flow__node').first().waitFor();
    expect(await notes()).toBe(1);
    await page.locator('.flow-list__item', { hasText: 'Messenger care' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/flows\/messenger-care$/);
    expect(await leaveDialog().count()).toBe(0);
    expect(browserAsked).toBe(false);
  });

  it('has the browser ask before the page is unloaded with unsaved edits', async () => {
    await openAndEdit('personalized-routing');
    const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.type()))));
    // Leaving the page (a reload or closing the tab run the same handler; headless Chromium shows the dialog for navigations).
    await page.evaluate(() => {
      location.href = 'about:blank';
    });
    expect(await asked).toBe('beforeunload');
    // Dismissed: the page stays, edits and all.
    expect(page.url()).toMatch(/#\/flows\/personalized-routing$/);
    expect(await notes()).toBe(1);
  });
});
