import type { Store } from '../store/types.ts';
import { checkDeployment } from './check.ts';
import { loadJsonFiles } from './load.ts';

/**
 * Loads a deployment folder into an empty-ish store: resources that are not
 * there yet, flows that are not there yet (published as version 1). What an
 * analyst changed in the running product is never overwritten.
 */
export function seedFromFolder(store: Store, folder: string): { resources: number; flows: number; problems: string[] } {
  const { flows, resources, problems } = checkDeployment(loadJsonFiles([folder]));
  let addedResources = 0;
  let addedFlows = 0;
  store.transaction(() => {
    for (const resource of resources) {
      if (store.resources.get(resource.kind, resource.id)) continue;
      store.resources.put(resource);
      addedResources++;
    }
    for (const { flow } of flows) {
      if (store.flows.get(flow.id)) continue;
      const { revision: _revision, ...draft } = flow;
      store.flows.create(draft, 'seed');
      store.flows.publish(flow.id, draft, 'published from the sample deployment', 'seed');
      addedFlows++;
    }
  });
  return {
    resources: addedResources,
    flows: addedFlows,
    problems: problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.file}: ${problem.pointer}: ${problem.message}`),
  };
}
