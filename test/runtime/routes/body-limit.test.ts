import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';

/** One raw HTTP request, so the test decides between Content-Length and chunked framing. */
function post(url: string, path: string, chunks: string[], framing: 'length' | 'chunked'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const total = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
    const headers: Record<string, string | number> = { 'content-type': 'application/json' };
    if (framing === 'length') headers['content-length'] = total;
    else headers['transfer-encoding'] = 'chunked';
    const req = request(`${url}${path}`, { method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('request body limit over a real socket', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await startRuntime({ database: ':memory:', quiet: true, port: 0, maxBodyBytes: 1000, seed: 'flows' }, true);
  });
  afterAll(() => runtime.close());

  const message = (text: string) =>
    JSON.stringify({ channel: 'twitter', visibility: 'public', kind: 'mention', account: 'acme-twitter', author: { id: 'u-1', handle: 'u1' }, text, platformMessageId: `limit-${text.length}` });

  it('refuses a declared Content-Length over the limit with 413 and stores nothing', async () => {
    const response = await post(runtime.url!, '/api/messages', [message('x'.repeat(2000))], 'length');
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error).toMatch(/larger than the limit of 1000 bytes/);
    expect(runtime.store.messages.list({ limit: 10 })).toHaveLength(0);
  });

  it('counts a chunked body as it streams and refuses it past the limit', async () => {
    const body = message('y'.repeat(2000));
    const response = await post(runtime.url!, '/api/messages', [body.slice(0, 500), body.slice(500, 1200), body.slice(1200)], 'chunked');
    expect(response.status).toBe(413);
    expect(runtime.store.messages.list({ limit: 10 })).toHaveLength(0);
  });

  it('accepts bodies under the limit either way', async () => {
    const declared = await post(runtime.url!, '/api/messages', [message('hello there')], 'length');
    expect(declared.status).toBe(200);
    const body = message('my invoice is wrong');
    const chunked = await post(runtime.url!, '/api/messages', [body.slice(0, 40), body.slice(40)], 'chunked');
    expect(chunked.status).toBe(200);
    expect(runtime.store.messages.list({ limit: 10 })).toHaveLength(2);
  });
});
