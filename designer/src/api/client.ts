import type { Flow } from '../../../schemas/flow.ts';
import type { InboundMessage } from '../../../schemas/message.ts';
import type { Problem } from '../../../schemas/problems.ts';
import type { Flag, Resource, ResourceKind } from '../../../schemas/resources/index.ts';
import { authFetch } from '../auth/http.ts';

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

/** A saved or created draft, with the problems the server found in it (saving never blocks on them). */
export interface SavedFlow {
  flow: FlowDetail;
  problems: Problem[];
}

/** One published version, as `GET /api/flows/:id/versions` lists it. */
export interface VersionSummary {
  flowId: string;
  version: number;
  comment: string;
  publishedAt: string;
  publishedBy: string | null;
  rolledBackFrom: number | null;
}

export interface VersionDetail extends VersionSummary {
  document: Flow;
}

export interface VersionList {
  activeVersion: number | null;
  versions: VersionSummary[];
}

/** One step of a simulated run: the node, the port it left by (null when it stopped there) and why. */
export interface SimulatedStep {
  seq: number;
  nodeId: string;
  blockType: string;
  port: string | null;
  reason: string;
  startedAt?: string;
  durationMs?: number;
  details?: Record<string, unknown>;
}

/** `POST /api/flows/:id/simulate`: the trace, the outbox it would write and the queue it would reach. */
export interface SimulationResult {
  status: string;
  steps: SimulatedStep[];
  outbox: unknown[];
  route: unknown;
  context: { contact: unknown; routing: unknown; vars: unknown; sentiment: unknown };
  error: unknown;
}

export interface SimulateRequest {
  message: InboundMessage;
  /** ISO date-time the run sees as "now". */
  at?: string;
  /** A published version; the draft when absent. */
  version?: number;
}

/** A failed request, carrying the server's own `error` message, the JSON pointer of the bad field and the rest of its body. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly pointer?: string,
    /** Everything else the error body held: `problems`, `currentRevision`, `flows`… */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }

  /** The problems of a 400 about a document, when the server listed them. */
  get problems(): Problem[] {
    return Array.isArray(this.details.problems) ? (this.details.problems as Problem[]) : [];
  }
}

/** A save refused because someone saved the flow since it was loaded (409). */
export class SaveConflictError extends ApiRequestError {
  constructor(
    message: string,
    /** The revision now stored: saving again with it overwrites their changes. */
    readonly currentRevision: number,
  ) {
    super(409, message, '/revision', { currentRevision });
    this.name = 'SaveConflictError';
  }
}

/** What to show for a failure: an Error's own message, anything else as text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON call to the runtime with the session's token. A 204 resolves to
 * undefined; a refusal throws ApiRequestError with the server's own `error`
 * and `pointer` (SaveConflictError for a stale save).
 */
export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    // Adds the session's token; a 401 brings up the sign-in page.
    response = await authFetch(path, { ...init, headers });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiRequestError(0, 'cannot reach the Switchyard server');
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = isRecord(body) && typeof body.error === 'string' ? body.error : `${response.status} ${response.statusText}`.trim();
    const pointer = isRecord(body) && typeof body.pointer === 'string' ? body.pointer : undefined;
    const details = isRecord(body) ? body : {};
    if (response.status === 409 && typeof details.currentRevision === 'number') throw new SaveConflictError(message, details.currentRevision);
    throw new ApiRequestError(response.status, message, pointer, details);
  }
  if (body === undefined) throw new ApiRequestError(response.status, `the server sent no JSON for ${path}`);
  // The server's answers are shaped by its own schemas; the designer trusts them as typed here.
  return body as T;
}

const json = (method: string, body: unknown, signal?: AbortSignal): RequestInit => ({ method, body: JSON.stringify(body), signal });
const flowPath = (id: string) => `/api/flows/${encodeURIComponent(id)}`;

// ---------- Flows ----------

export async function listFlows(signal?: AbortSignal): Promise<FlowSummary[]> {
  const { flows } = await request<{ flows: FlowSummary[] }>('/api/flows', { signal });
  return flows;
}

export async function getFlow(id: string, signal?: AbortSignal): Promise<FlowDetail> {
  const { flow } = await request<{ flow: FlowDetail }>(flowPath(id), { signal });
  return flow;
}

/** Creates a draft; a flow with the same id gets a 409 (ApiRequestError, pointer `/id`). */
export function createFlow(document: Flow, signal?: AbortSignal): Promise<SavedFlow> {
  const { revision: _unused, ...draft } = document;
  return request<SavedFlow>('/api/flows', json('POST', draft, signal));
}

/** Saves a draft at the revision it was loaded at; a stale one throws SaveConflictError. */
export function saveFlow(document: Flow, revision: number, signal?: AbortSignal): Promise<SavedFlow> {
  return request<SavedFlow>(flowPath(document.id), json('PUT', { ...document, revision }, signal));
}

export async function deleteFlow(id: string, signal?: AbortSignal): Promise<void> {
  await request<undefined>(flowPath(id), { method: 'DELETE', signal });
}

/** Publishes the stored draft (save first); errors in it give a 400 whose `problems` list them. */
export async function publishFlow(id: string, comment: string, signal?: AbortSignal): Promise<VersionSummary> {
  const { version } = await request<{ version: VersionSummary }>(`${flowPath(id)}/publish`, json('POST', { comment }, signal));
  return version;
}

/** The published versions, newest first. */
export async function listVersions(id: string, signal?: AbortSignal): Promise<VersionList> {
  const list = await request<VersionList>(`${flowPath(id)}/versions`, { signal });
  return { ...list, versions: [...list.versions].sort((a, b) => b.version - a.version) };
}

export async function getVersion(id: string, version: number, signal?: AbortSignal): Promise<VersionDetail> {
  const body = await request<{ version: VersionDetail }>(`${flowPath(id)}/versions/${version}`, { signal });
  return body.version;
}

/** Publishes an older version again, as a new version. */
export async function rollbackFlow(id: string, version: number, comment?: string, signal?: AbortSignal): Promise<VersionSummary> {
  const body = await request<{ version: VersionSummary }>(`${flowPath(id)}/rollback`, json('POST', { version, ...(comment ? { comment } : {}) }, signal));
  return body.version;
}

/** Runs a message through the stored draft (or a version) without storing or sending anything. */
export function simulateFlow(id: string, input: SimulateRequest, signal?: AbortSignal): Promise<SimulationResult> {
  return request<SimulationResult>(`${flowPath(id)}/simulate`, json('POST', input, signal));
}

// ---------- Resources ----------

const resourcePath = (kind: ResourceKind, id?: string) => `/api/resources/${kind}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;

/** Every resource, or those of one kind. */
export async function listResources(kind?: ResourceKind, signal?: AbortSignal): Promise<Resource[]> {
  const { resources } = await request<{ resources: Resource[] }>(kind ? resourcePath(kind) : '/api/resources', { signal });
  return resources;
}

export async function createResource(resource: Resource, signal?: AbortSignal): Promise<Resource> {
  const body = await request<{ resource: Resource }>(resourcePath(resource.kind), json('POST', resource, signal));
  return body.resource;
}

/** Creates or replaces a resource. */
export async function saveResource(resource: Resource, signal?: AbortSignal): Promise<Resource> {
  const body = await request<{ resource: Resource }>(resourcePath(resource.kind, resource.id), json('PUT', resource, signal));
  return body.resource;
}

/** A resource a published flow uses gets a 409 whose `details.flows` names them. */
export async function deleteResource(kind: ResourceKind, id: string, signal?: AbortSignal): Promise<void> {
  await request<undefined>(resourcePath(kind, id), { method: 'DELETE', signal });
}

/** The supervisor's emergency switch. */
export async function setFlag(id: string, active: boolean, message?: string, signal?: AbortSignal): Promise<Flag> {
  const body = await request<{ resource: Flag }>(`/api/flags/${encodeURIComponent(id)}`, json('PUT', { active, ...(message !== undefined && { message }) }, signal));
  return body.resource;
}
