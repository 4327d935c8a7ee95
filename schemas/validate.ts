import { blockDefinition, blocks } from './blocks/index.ts';
import { flowSchema, type Flow } from './flow.ts';
import { messageSchema } from './message.ts';
import { migrateFlow } from './migrate.ts';
import type { Problem } from './problems.ts';
import { pointer } from './problems.ts';
import { isResourceKind, resourceSchemas, type Resource, type ResourceKind } from './resources/index.ts';
import { schemaProblems } from './schema-check.ts';
import { semanticProblems, type ResourceIndex } from './semantic.ts';
import { resourceProblems } from './resource-check.ts';

export type { Problem } from './problems.ts';
export type { ResourceIndex } from './semantic.ts';
export { hasErrors } from './problems.ts';

export interface FlowValidation {
  problems: Problem[];
  /** The flow with every node at its current block version, when its shape was valid. */
  flow?: Flow;
}

/**
 * Everything that can be wrong with a flow, in the same words for the CLI, the
 * API and the designer: shape, block types and versions, each node's config,
 * then the graph, the references and the templates.
 */
export function validateFlow(document: unknown, resources?: ResourceIndex): FlowValidation {
  const shape = schemaProblems(flowSchema, document);
  if (shape.length > 0) return { problems: shape };
  const migration = migrateFlow(document as Flow);
  const problems = [...migration.problems];
  const flow = migration.flow;
  flow.nodes.forEach((node, index) => {
    const definition = blockDefinition(node.type);
    if (!definition) {
      problems.push({
        pointer: pointer('nodes', index, 'type'),
        message: `unknown block type "${node.type}" (known: ${Object.keys(blocks).join(', ')})`,
        severity: 'error',
        nodeId: node.id,
      });
      return;
    }
    if (node.version !== definition.version) return;
    for (const problem of schemaProblems(definition.configSchema, node.config, pointer('nodes', index, 'config'))) {
      problems.push({ ...problem, nodeId: node.id });
    }
  });
  if (problems.length > 0) return { problems, flow };
  return { problems: semanticProblems(flow, resources), flow };
}

export function validateMessage(document: unknown): Problem[] {
  return schemaProblems(messageSchema, document);
}

export function validateResource(document: unknown, resources?: ResourceIndex): Problem[] {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return [{ pointer: '', message: 'must be a JSON object', severity: 'error' }];
  }
  const kind = (document as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !isResourceKind(kind)) {
    return [{ pointer: '/kind', message: `must be one of ${Object.keys(resourceSchemas).join(', ')}`, severity: 'error' }];
  }
  const shape = schemaProblems(resourceSchemas[kind], document);
  if (shape.length > 0) return shape;
  return resourceProblems(document as Resource, resources);
}

/** A resource index over documents in memory (the CLI's files, a test's fixtures). */
export function indexResources(documents: Iterable<{ kind: string; id: string }>): ResourceIndex {
  const keys = new Set<string>();
  for (const document of documents) keys.add(`${document.kind}\u0000${document.id}`);
  return { has: (kind: ResourceKind, id: string) => keys.has(`${kind}\u0000${id}`) };
}
