import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest as definition } from '../../../schemas/blocks/http-request.ts';
import { httpRequest } from '../../../runtime/src/blocks/http-request.ts';
import { blockConfig, configProblems } from '../../support/block-config.ts';
import { testContext, testServices } from '../../support/run-services.ts';

interface Received {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
const received: Received[] = [];

/** A fake order API: /orders/<id> answers JSON, /broken a 500, /slow late, /html not JSON. */
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body });
      if (request.url?.startsWith('/orders/')) {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ order: { status: 'shipped', items: [{ sku: 'X-1' }] } }));
      } else if (request.url === '/broken') {
        response.statusCode = 500;
        response.end('oops');
      } else if (request.url === '/slow') {
        setTimeout(() => response.end('{}'), 2000);
      } else {
        response.end('<html>not json</html>');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function run(config: unknown, options: { dryRun?: boolean; signal?: AbortSignal } = {}) {
  const services = testServices({ fetch: globalThis.fetch, dryRun: options.dryRun });
  const context = testContext({ vars: { orderId: 'A-17' } });
  return httpRequest({ config: blockConfig(definition, config), context, nodeId: 'api', signal: options.signal ?? new AbortController().signal, services });
}

describe('HTTP request', () => {
  it('sends the rendered request and maps values from the JSON answer into vars', async () => {
    received.length = 0;
    const result = await run({
      method: 'POST',
      url: `${base}/orders/{{ vars.orderId }}?token=secret`,
      headers: { 'X-Author': '{{ message.author.handle }}' },
      body: '{"order": "{{ vars.orderId }}"}',
      responseMapping: [
        { name: 'orderStatus', path: 'order.status' },
        { name: 'firstSku', path: 'order.items.0.sku' },
        { name: 'eta', path: 'order.eta' },
      ],
    });
    expect(result).toMatchObject({
      port: 'success',
      reason: `POST ${base}/orders/A-17 answered 200 OK; set orderStatus, firstSku; not in the response: eta (order.eta)`,
      patch: { vars: { httpStatus: 200, orderStatus: 'shipped', firstSku: 'X-1' } },
      details: { status: 200 },
    });
    expect(received).toMatchObject([
      { method: 'POST', url: '/orders/A-17?token=secret', body: '{"order": "A-17"}', headers: { 'x-author': 'jane', 'content-type': 'application/json' } },
    ]);
  });

  it('takes failure on a 500 and still records the status', async () => {
    const result = await run({ url: `${base}/broken` });
    expect(result).toMatchObject({ port: 'failure', reason: `GET ${base}/broken answered 500 Internal Server Error`, patch: { vars: { httpStatus: 500 } } });
  });

  it('takes failure when the API does not answer in time', async () => {
    const started = Date.now();
    const result = await run({ url: `${base}/slow`, timeoutMs: 200 });
    expect(result).toEqual({ port: 'failure', reason: `GET ${base}/slow timed out after 200 ms` });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('takes failure when values are to be mapped from a body that is not JSON', async () => {
    const result = await run({ url: `${base}/page`, responseMapping: [{ name: 'x', path: 'x' }] });
    expect(result).toMatchObject({ port: 'failure', reason: `GET ${base}/page answered 200 OK but the body is not JSON` });
  });

  it('takes failure when nothing listens, naming the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const result = await run({ url: `http://127.0.0.1:${port}/orders/1` });
    expect(result).toEqual({ port: 'failure', reason: `GET http://127.0.0.1:${port}/orders/1 failed: fetch failed (ECONNREFUSED)` });
  });

  it('refuses a URL that is not http or https', async () => {
    expect(await run({ url: 'file:///etc/passwd' })).toEqual({ port: 'failure', reason: 'the URL must be http or https, not file' });
    expect(await run({ url: '{{ vars.missing }}/x' })).toEqual({ port: 'failure', reason: 'the URL "/x" is not a valid absolute URL' });
  });

  it('sends GET but not POST in a simulation', async () => {
    received.length = 0;
    const posted = await run({ method: 'POST', url: `${base}/orders/1`, body: '{}' }, { dryRun: true });
    expect(posted).toEqual({ port: 'success', reason: `POST ${base}/orders/1 not sent in simulation` });
    const got = await run({ url: `${base}/orders/1`, responseMapping: [{ name: 'orderStatus', path: 'order.status' }] }, { dryRun: true });
    expect(got).toMatchObject({ port: 'success', patch: { vars: { orderStatus: 'shipped' } } });
    expect(received.map((request) => request.method)).toEqual(['GET']);
  });

  it('gives up with the run when the run is cancelled', async () => {
    const controller = new AbortController();
    const pending = run({ url: `${base}/slow` }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('run cancelled')), 50);
    await expect(pending).rejects.toThrow('run cancelled');
  });

  it('declares its templates and the vars it sets, and reserves httpStatus', () => {
    const config = blockConfig(definition, { url: '{{ vars.base }}/x', headers: { 'X-Token': '{{ vars.token }}' }, responseMapping: [{ name: 'status', path: 'a.b' }] });
    expect(definition.templates?.(config)).toEqual([
      { text: '{{ vars.base }}/x', pointer: '/url' },
      { text: '{{ vars.token }}', pointer: '/headers/X-Token' },
    ]);
    expect(definition.sets?.(config)).toEqual(['vars.httpStatus', 'vars.status']);
    expect(configProblems(definition, { url: 'x', responseMapping: [{ name: 'httpStatus', path: 'a' }] })).toEqual(['/responseMapping/0/name must NOT be valid']);
    expect(configProblems(definition, { url: 'x', headers: { 'Bad Header': 'v' } })).toContain('/headers property name must be valid');
  });
});
