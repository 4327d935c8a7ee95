import type { Locator, Page } from 'playwright-core';

/** Driving the built designer's flow editor in a browser, as a person does: shared by the browser tests. */

export const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
export const sourceHandle = (page: Page, id: string, port: string) => node(page, id).locator(`.react-flow__handle.source[data-handleid="${port}"]`);
export const targetHandle = (page: Page, id: string) => node(page, id).locator('.react-flow__handle.target');

/** Drags from one handle to another with the mouse, as a person connects two ports. */
export async function connect(page: Page, from: Locator, to: Locator) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('a handle is not on screen');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Fills in and submits the "New flow" dialog from the flows sidebar. */
export async function createFlowInDialog(page: Page, flow: { name: string; id: string; trigger: string; account: string }) {
  await page.getByRole('button', { name: 'New flow' }).click();
  const dialog = page.locator('.dialog--new-flow');
  await dialog.locator('input[name="name"]').fill(flow.name);
  await dialog.locator('input[name="id"]').fill(flow.id);
  await dialog.locator('select[name="trigger"]').selectOption(flow.trigger);
  await dialog.locator('select[name="account"]').selectOption(flow.account);
  await dialog.getByRole('button', { name: 'Create' }).click();
}
