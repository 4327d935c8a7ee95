import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';
import { tweet } from '../engine/fixtures.ts';
import { call } from '../routes/api.ts';

export const FLOWS = join(import.meta.dirname, '..', '..', '..', 'flows');
/** Monday 10:00 in London: the social-care flow is open. */
export const OPEN = Date.parse('2026-03-02T10:00:00Z');

/**
 * A runtime seeded with the sample deployment (agents alice and bob, the
 * social-care flow), the flows' clock pinned inside opening hours and the
 * ACD on a hand-moved clock.
 */
export async function acdRuntime(options: { database?: string; listen?: boolean; offerTimeoutMs?: number } = {}) {
  const clock = { now: OPEN };
  const runtime = await startRuntime(
    {
      database: options.database ?? ':memory:',
      seed: FLOWS,
      quiet: true,
      port: 0,
      now: () => new Date(OPEN),
      acd: { now: () => clock.now, ...(options.offerTimeoutMs !== undefined && { offerTimeoutMs: options.offerTimeoutMs }) },
    },
    options.listen ?? false,
  );
  return { runtime, clock };
}

/** A public mention of @AcmeCare that the social-care flow routes to the social-care queue. */
export async function inject(runtime: Runtime, id: string, author = '42', text = 'my parcel never arrived') {
  const response = await call(runtime, 'POST', '/api/messages', tweet(text, id, author));
  if (response.status !== 200 || !response.json.interactionId) throw new Error(`message not routed: ${JSON.stringify(response.json)}`);
  return response.json.interactionId as string;
}

export async function setStatus(runtime: Runtime, agentId: string, status: string, reason?: string) {
  return call(runtime, 'POST', `/api/agents/${agentId}/status`, { status, ...(reason !== undefined && { reason }) });
}

export function offerFor(runtime: Runtime, interactionId: string) {
  return runtime.acd.acd.interaction(interactionId)?.offer;
}
