import type { AnyBlockDefinition } from './block.ts';
import type { Flow, FlowNode } from './flow.ts';
import { blockDefinition } from './blocks/index.ts';
import type { Problem } from './problems.ts';
import { pointer } from './problems.ts';

/** Finds the definition of a block type; the catalog's by default, a test's own when given. */
export type BlockLookup = (type: string) => AnyBlockDefinition | undefined;

export interface MigrationResult {
  flow: Flow;
  problems: Problem[];
}

/**
 * Brings every node to its block's current version, one migration at a time.
 * A node from a newer version, or an old one with no migration path, is a
 * problem: never skipped, never guessed. Unknown block types are left as
 * they are (the validator reports them). `lookup` defaults to the catalog.
 */
export function migrateFlow(flow: Flow, lookup: BlockLookup = blockDefinition): MigrationResult {
  const problems: Problem[] = [];
  const nodes = flow.nodes.map((node, index): FlowNode => {
    const definition = lookup(node.type);
    if (!definition || node.version === definition.version) return node;
    const at = pointer('nodes', index, 'version');
    if (node.version > definition.version) {
      problems.push({
        pointer: at,
        message: `block "${node.type}" version ${node.version} is newer than this Switchyard knows (${definition.version}); upgrade Switchyard to open it`,
        severity: 'error',
        nodeId: node.id,
      });
      return node;
    }
    let config = node.config as Record<string, unknown>;
    for (let version = node.version + 1; version <= definition.version; version++) {
      const step = definition.migrations?.[version];
      if (!step) {
        problems.push({
          pointer: at,
          message: `block "${node.type}" has no migration from version ${version - 1} to ${version}`,
          severity: 'error',
          nodeId: node.id,
        });
        return node;
      }
      config = step(config);
    }
    return { ...node, version: definition.version, config };
  });
  return { flow: { ...flow, nodes }, problems };
}
