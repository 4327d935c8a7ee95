import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../runtime/src/server.ts';
import { testRuntime } from '../routes/api.ts';

describe('webhook route', () => {
  let runtime: Runtime;
  afterEach(() => runtime.close());

  it('refuses a body over the size limit with 413 before reading it, and stores nothing', async () => {
    runtime = await testRuntime({ maxBodyBytes: 2048 });
    const body = JSON.stringify({ destination: 'U1', events: [{ type: 'message', message: { type: 'text', text: 'x'.repeat(5000) } }] });
    const signature = createHmac('sha256', 'secret').update(body).digest('base64');
    const response = await runtime.app.request('/webhooks/line', { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signature }, body });
    expect(response.status).toBe(413);
    expect(runtime.store.messages.list({ limit: 10 })).toHaveLength(0);
  });

  it('answers an unknown platform with 404 and a missing signature with 401', async () => {
    runtime = await testRuntime();
    expect((await runtime.app.request('/webhooks/myspace', { method: 'POST', body: '{}' })).status).toBe(404);
    const unsigned = await runtime.app.request('/webhooks/whatsapp', { method: 'POST', body: '{"object":"whatsapp_business_account","entry":[]}' });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ error: 'missing or invalid signature' });
  });
});
