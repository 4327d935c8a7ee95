import type { Problem } from '../../../schemas/problems.ts';
import type { Flag, Resource, ResourceKind } from '../../../schemas/resources/index.ts';
import { authFetch } from '../auth/http.ts';

/**
 * A refused request with what the server said: its sentence, the pointer of
 * the bad field and (for a 400) every problem; `flows` lists the published
 * flows that block a delete (409).
 */
export class ResourceRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: Problem[] = [],
    readonly flows: string[] = [],
  ) {
    super(message);
    this.name = 'ResourceRequestError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isProblem(value: unknown): value is Problem {
  return isRecord(value) && typeof value.pointer === 'string' && typeof value.message === 'string';
}

/** Fetches JSON from the runtime; a refusal becomes a ResourceRequestError carrying the server's own words. */
export async function requestJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    // Adds the session's token; a 401 brings up the sign-in page.
    response = await authFetch(path, { ...init, headers });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ResourceRequestError(0, 'cannot reach the Switchyard server');
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = isRecord(body) && typeof body.error === 'string' ? body.error : `${response.status} ${response.statusText}`.trim();
    const problems = isRecord(body) && Array.isArray(body.problems) ? body.problems.filter(isProblem) : [];
    if (problems.length === 0 && isRecord(body) && typeof body.pointer === 'string') {
      problems.push({ pointer: body.pointer, message, severity: 'error' });
    }
    const flows = isRecord(body) && Array.isArray(body.flows) ? body.flows.filter((flow): flow is string => typeof flow === 'string') : [];
    throw new ResourceRequestError(response.status, message, problems, flows);
  }
  // The runtime shapes its answers by the same schemas the designer imports.
  return body as T;
}

const resourcePath = (kind: ResourceKind, id?: string) =>
  `/api/resources/${kind}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;

export async function listAllResources(signal?: AbortSignal): Promise<Resource[]> {
  const { resources } = await requestJson<{ resources: Resource[] }>('/api/resources', { signal });
  return resources;
}

export async function createResource(resource: Resource): Promise<Resource> {
  const body = JSON.stringify(resource);
  return (await requestJson<{ resource: Resource }>(resourcePath(resource.kind), { method: 'POST', body })).resource;
}

export async function updateResource(resource: Resource): Promise<Resource> {
  const body = JSON.stringify(resource);
  return (await requestJson<{ resource: Resource }>(resourcePath(resource.kind, resource.id), { method: 'PUT', body })).resource;
}

export async function deleteResource(kind: ResourceKind, id: string): Promise<void> {
  await requestJson<null>(resourcePath(kind, id), { method: 'DELETE' });
}

/** The supervisor's switch: takes effect for the next message, no save needed. */
export async function setFlag(id: string, active: boolean): Promise<Flag> {
  const body = JSON.stringify({ active });
  return (await requestJson<{ resource: Flag }>(`/api/flags/${encodeURIComponent(id)}`, { method: 'PUT', body })).resource;
}
