import type { Flow } from '../../../schemas/flow.ts';
import type { VersionDetail, VersionList, VersionSummary } from '../api/client.ts';
import { requestJson } from '../resources/api.ts';

export type { VersionList, VersionSummary };

const flowPath = (flowId: string) => `/api/flows/${encodeURIComponent(flowId)}`;

export async function listVersions(flowId: string, signal?: AbortSignal): Promise<VersionList> {
  const list = await requestJson<VersionList>(`${flowPath(flowId)}/versions`, { signal });
  return { ...list, versions: [...list.versions].sort((a, b) => b.version - a.version) };
}

export async function getVersionDocument(flowId: string, version: number, signal?: AbortSignal): Promise<Flow> {
  const { version: found } = await requestJson<{ version: VersionDetail }>(`${flowPath(flowId)}/versions/${version}`, { signal });
  return found.document;
}

/** Publishes the old version again as a new one (the server records which). */
export async function rollbackTo(flowId: string, version: number, comment?: string): Promise<VersionSummary> {
  const body = JSON.stringify(comment ? { version, comment } : { version });
  return (await requestJson<{ version: VersionSummary }>(`${flowPath(flowId)}/rollback`, { method: 'POST', body })).version;
}
