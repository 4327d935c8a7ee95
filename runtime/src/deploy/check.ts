import type { Flow } from '../../../schemas/flow.ts';
import type { Resource } from '../../../schemas/resources/index.ts';
import { indexResources, validateFlow, validateResource, type Problem } from '../../../schemas/validate.ts';
import type { LoadedFile } from './load.ts';

export interface FileProblem extends Problem {
  file: string;
}

export interface CheckedDeployment {
  flows: Array<{ file: string; flow: Flow }>;
  resources: Resource[];
  problems: FileProblem[];
}

/**
 * Validates a set of files as one deployment: every resource on its own, then
 * every flow against the resources found beside it.
 */
export function checkDeployment(files: LoadedFile[]): CheckedDeployment {
  const problems: FileProblem[] = [];
  const resourceFiles = files.filter((file) => file.kind === 'resource');
  const seen = new Map<string, string>();
  const candidates: Array<{ file: string; resource: Resource }> = [];
  for (const file of files) {
    if (file.error) problems.push({ file: file.file, pointer: '', message: file.error, severity: 'error' });
    else if (file.kind === 'unknown') {
      problems.push({ file: file.file, pointer: '', message: 'neither a flow (no "nodes") nor a resource (no "kind")', severity: 'error' });
    }
  }
  for (const file of resourceFiles) {
    const document = file.document as { kind?: unknown; id?: unknown };
    const key = `${String(document.kind)}/${String(document.id)}`;
    if (seen.has(key)) {
      problems.push({ file: file.file, pointer: '/id', message: `${key} is also defined in ${seen.get(key)}`, severity: 'error' });
      continue;
    }
    seen.set(key, file.file);
    candidates.push({ file: file.file, resource: document as Resource });
  }
  const index = indexResources(candidates.map((candidate) => candidate.resource));
  const resources: Resource[] = [];
  for (const { file, resource } of candidates) {
    const found = validateResource(resource, index);
    problems.push(...found.map((problem) => ({ ...problem, file })));
    if (found.length === 0) resources.push(resource);
  }
  const flows: CheckedDeployment['flows'] = [];
  const flowIds = new Map<string, string>();
  for (const file of files.filter((candidate) => candidate.kind === 'flow')) {
    const { flow, problems: found } = validateFlow(file.document, index);
    problems.push(...found.map((problem) => ({ ...problem, file: file.file })));
    if (flow && flowIds.has(flow.id)) {
      problems.push({ file: file.file, pointer: '/id', message: `flow id "${flow.id}" is also used by ${flowIds.get(flow.id)}`, severity: 'error' });
    }
    if (flow) flowIds.set(flow.id, file.file);
    if (flow && !found.some((problem) => problem.severity === 'error')) flows.push({ file: file.file, flow });
  }
  return { flows, resources, problems };
}
