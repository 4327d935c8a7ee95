import type { Problem } from '../../../schemas/problems.ts';
import type { Flag, Resource, ResourceKind } from '../../../schemas/resources/index.ts';
import { ApiRequestError, request } from '../api/client.ts';

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

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).pointer === 'string' && typeof (value as Problem).message === 'string';
}

/** The API client's call; a refusal becomes a ResourceRequestError carrying the server's own words. */
export async function requestJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  try {
    return await request<T>(path, init);
  } catch (error) {
    if (!(error instanceof ApiRequestError)) throw error;
    const { details } = error;
    const problems = Array.isArray(details.problems) ? details.problems.filter(isProblem) : [];
    if (problems.length === 0 && error.pointer !== undefined) problems.push({ pointer: error.pointer, message: error.message, severity: 'error' });
    const flows = Array.isArray(details.flows) ? details.flows.filter((flow): flow is string => typeof flow === 'string') : [];
    throw new ResourceRequestError(error.status, error.message, problems, flows);
  }
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
  await requestJson<undefined>(resourcePath(kind, id), { method: 'DELETE' });
}

/** The supervisor's switch: takes effect for the next message, no save needed. */
export async function setFlag(id: string, active: boolean): Promise<Flag> {
  const body = JSON.stringify({ active });
  return (await requestJson<{ resource: Flag }>(`/api/flags/${encodeURIComponent(id)}`, { method: 'PUT', body })).resource;
}
