import type { Flow } from '../../../schemas/flow.ts';

/** One row of `GET /api/flows`. */
export interface FlowSummary {
  id: string;
  name: string;
  description?: string;
  revision: number;
  activeVersion: number | null;
  status: 'draft' | 'published';
  updatedAt: string;
  updatedBy?: string | null;
}

/** `GET /api/flows/:id`: the summary plus the draft document. */
export interface FlowDetail extends FlowSummary {
  draft: Flow;
}

/** A failed request, carrying the server's own `error` message (and, for 4xx, the JSON pointer of the bad field). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly pointer?: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiRequestError(0, 'cannot reach the Switchyard server');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = isRecord(body) && typeof body.error === 'string' ? body.error : `${response.status} ${response.statusText}`.trim();
    const pointer = isRecord(body) && typeof body.pointer === 'string' ? body.pointer : undefined;
    throw new ApiRequestError(response.status, message, pointer);
  }
  if (body === undefined) throw new ApiRequestError(response.status, `the server sent no JSON for ${path}`);
  // The server's answers are shaped by its own schemas; the designer trusts them as typed here.
  return body as T;
}

export async function listFlows(signal?: AbortSignal): Promise<FlowSummary[]> {
  const { flows } = await request<{ flows: FlowSummary[] }>('/api/flows', { signal });
  return flows;
}

export async function getFlow(id: string, signal?: AbortSignal): Promise<FlowDetail> {
  const { flow } = await request<{ flow: FlowDetail }>(`/api/flows/${encodeURIComponent(id)}`, { signal });
  return flow;
}
