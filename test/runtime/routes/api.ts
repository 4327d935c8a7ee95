import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';

/** A runtime on an in-memory store, reached through `app.request()` (no socket). */
export async function testRuntime(options: { seed?: string; maxBodyBytes?: number } = {}): Promise<Runtime> {
  return startRuntime({ database: ':memory:', quiet: true, ...options }, false);
}

export async function call(runtime: Runtime, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await runtime.app.request(path, init);
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    json = { text };
  }
  return { status: response.status, json: json as Record<string, any> };
}
