import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../runtime/src/server.ts';
import { as, authRuntime, type Tokens } from './support.ts';

describe('who edited a flow', () => {
  let runtime: Runtime;
  let tokens: Tokens;
  beforeEach(async () => ({ runtime, tokens } = await authRuntime()));
  afterEach(() => runtime.close());

  it('is the signed-in user, whatever header a client sends', async () => {
    const flow = (await as(runtime, tokens.ana, 'GET', '/api/flows/social-care')).json.flow;
    const saved = await runtime.app.request('/api/flows/social-care', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.ana}`, 'x-user': 'somebody-else' },
      body: JSON.stringify({ ...flow.draft, name: 'Social care (edited)' }),
    });
    expect(saved.status).toBe(200);
    expect((await saved.json()).flow.updatedBy).toBe('ana');
    const published = await as(runtime, tokens.root, 'POST', '/api/flows/social-care/publish', { comment: 'edited' });
    expect(published.json.version.publishedBy).toBe('root');
  });
});
