import type { AnyBlockDefinition, PortDefinition } from './block.ts';
import { portsOf } from './block.ts';
import { blockDefinition } from './blocks/index.ts';
import type { Flow, FlowNode } from './flow.ts';
import type { Problem } from './problems.ts';
import { pointer } from './problems.ts';
import type { ResourceKind } from './resources/index.ts';
import { TEMPLATE_ROOTS, templateVariables } from './templates.ts';

/** What a flow may refer to. The CLI builds it from files, the server from its store. */
export interface ResourceIndex {
  has(kind: ResourceKind, id: string): boolean;
}

/** Context roots that need a block to fill them before a template may read them. */
const ROOTS_SET_BY_BLOCKS = new Set(['contact', 'conversation', 'sentiment', 'vars']);

interface NodeInfo {
  node: FlowNode;
  index: number;
  definition: AnyBlockDefinition;
  ports: PortDefinition[];
}

/** Graph and reference checks for a flow whose shape and node configs are already schema-valid. */
export function semanticProblems(flow: Flow, resources?: ResourceIndex): Problem[] {
  const problems: Problem[] = [];
  const nodes = new Map<string, NodeInfo>();
  flow.nodes.forEach((node, index) => {
    const definition = blockDefinition(node.type);
    if (!definition) return;
    if (nodes.has(node.id)) {
      problems.push({ pointer: pointer('nodes', index, 'id'), message: `node id "${node.id}" is used twice`, severity: 'error', nodeId: node.id });
      return;
    }
    nodes.set(node.id, { node, index, definition, ports: portsOf(definition, node.config) });
  });

  const triggers = [...nodes.values()].filter((info) => info.definition.trigger);
  if (triggers.length === 0) {
    problems.push({ pointer: '/nodes', message: 'the flow has no trigger block: nothing would ever start it', severity: 'error' });
  }
  if (resources) {
    flow.trigger.accounts.forEach((account, index) => {
      if (!resources.has('account', account)) {
        problems.push({ pointer: pointer('trigger', 'accounts', index), message: `unknown account "${account}"`, severity: 'error' });
      }
    });
  }

  const next = new Map<string, Map<string, string>>();
  flow.edges.forEach((edge, index) => {
    const from = nodes.get(edge.from);
    const to = nodes.get(edge.to);
    if (!from) problems.push({ pointer: pointer('edges', index, 'from'), message: `node "${edge.from}" does not exist`, severity: 'error' });
    if (!to) problems.push({ pointer: pointer('edges', index, 'to'), message: `node "${edge.to}" does not exist`, severity: 'error' });
    if (!from || !to) return;
    if (!from.ports.some((port) => port.id === edge.port)) {
      const known = from.ports.map((port) => port.id).join(', ') || 'none';
      problems.push({
        pointer: pointer('edges', index, 'port'),
        message: `${from.definition.label} "${edge.from}" has no port "${edge.port}" (its ports: ${known})`,
        severity: 'error',
        nodeId: edge.from,
      });
      return;
    }
    if (to.definition.trigger) {
      problems.push({ pointer: pointer('edges', index, 'to'), message: `a trigger block ("${edge.to}") cannot be the target of a connection`, severity: 'error', nodeId: edge.to });
      return;
    }
    const out = next.get(edge.from) ?? new Map<string, string>();
    if (out.has(edge.port)) {
      problems.push({ pointer: pointer('edges', index), message: `port "${edge.port}" of "${edge.from}" is already connected`, severity: 'error', nodeId: edge.from });
      return;
    }
    out.set(edge.port, edge.to);
    next.set(edge.from, out);
  });

  for (const info of nodes.values()) {
    for (const port of info.ports) {
      if (!port.optional && !next.get(info.node.id)?.has(port.id)) {
        problems.push({
          pointer: pointer('nodes', info.index),
          message: `port "${port.id}" (${port.label}) of ${info.definition.label} "${info.node.id}" is not connected`,
          severity: 'error',
          nodeId: info.node.id,
        });
      }
    }
  }

  const reachable = reach(triggers.map((info) => info.node.id), next);
  for (const info of nodes.values()) {
    if (!reachable.has(info.node.id)) {
      problems.push({
        pointer: pointer('nodes', info.index),
        message: `${info.definition.label} "${info.node.id}" cannot be reached from any trigger`,
        severity: 'error',
        nodeId: info.node.id,
      });
    }
  }

  for (const cycle of cyclesWithoutWait(nodes, next)) {
    const first = nodes.get(cycle[0])!;
    problems.push({
      pointer: pointer('nodes', first.index),
      message: `the cycle ${[...cycle, cycle[0]].join(' → ')} has no block that waits: it would loop forever`,
      severity: 'error',
      nodeId: first.node.id,
    });
  }

  problems.push(...referenceProblems(nodes, resources), ...templateProblems(nodes, next));
  return problems;
}

function reach(starts: string[], next: Map<string, { values(): Iterable<string> }>): Set<string> {
  const seen = new Set(starts);
  const stack = [...starts];
  while (stack.length > 0) {
    for (const to of next.get(stack.pop()!)?.values() ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
    }
  }
  return seen;
}

/** Strongly connected components (Tarjan) that loop and hold no waiting block. */
function cyclesWithoutWait(nodes: Map<string, NodeInfo>, next: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  const visit = (id: string): void => {
    index.set(id, counter);
    low.set(id, counter++);
    stack.push(id);
    onStack.add(id);
    for (const to of next.get(id)?.values() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(id, Math.min(low.get(id)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(id, Math.min(low.get(id)!, index.get(to)!));
      }
    }
    if (low.get(id) !== index.get(id)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== id);
    const loops = component.length > 1 || [...(next.get(id)?.values() ?? [])].includes(id);
    if (loops && !component.some((member) => nodes.get(member)?.definition.waits)) found.push(component.reverse());
  };
  for (const id of nodes.keys()) if (!index.has(id)) visit(id);
  return found;
}

function referenceProblems(nodes: Map<string, NodeInfo>, resources?: ResourceIndex): Problem[] {
  if (!resources) return [];
  const problems: Problem[] = [];
  for (const info of nodes.values()) {
    for (const ref of info.definition.references?.(info.node.config) ?? []) {
      if (!resources.has(ref.kind, ref.id)) {
        problems.push({
          pointer: pointer('nodes', info.index, 'config') + ref.pointer,
          message: `unknown ${ref.kind} "${ref.id}"`,
          severity: 'error',
          nodeId: info.node.id,
        });
      }
    }
  }
  return problems;
}

function templateProblems(nodes: Map<string, NodeInfo>, next: Map<string, Map<string, string>>): Problem[] {
  const previous = new Map<string, string[]>();
  for (const [from, out] of next) for (const to of out.values()) previous.set(to, [...(previous.get(to) ?? []), from]);
  const problems: Problem[] = [];
  for (const info of nodes.values()) {
    const templates = info.definition.templates?.(info.node.config) ?? [];
    if (templates.length === 0) continue;
    const available = new Set<string>();
    for (const ancestor of reach([info.node.id], previous)) {
      if (ancestor === info.node.id) continue;
      const upstream = nodes.get(ancestor);
      for (const path of upstream?.definition.sets?.(upstream.node.config) ?? []) available.add(path);
    }
    for (const template of templates) {
      const at = pointer('nodes', info.index, 'config') + template.pointer;
      const { variables, error } = templateVariables(template.text);
      if (error) {
        problems.push({ pointer: at, message: `template does not parse: ${error}`, severity: 'error', nodeId: info.node.id });
        continue;
      }
      for (const variable of variables) {
        const why = unsetReason(variable, available);
        if (why) problems.push({ pointer: at, message: why, severity: 'error', nodeId: info.node.id });
      }
    }
  }
  return problems;
}

function unsetReason(variable: string, available: Set<string>): string | undefined {
  const [root, key] = variable.split('.');
  if (!(TEMPLATE_ROOTS as readonly string[]).includes(root)) {
    return `template variable "${variable}" is unknown (templates may read ${TEMPLATE_ROOTS.join(', ')})`;
  }
  if (!ROOTS_SET_BY_BLOCKS.has(root)) return undefined;
  if (root === 'vars') {
    if (key && (available.has(`vars.${key}`) || available.has('vars.*'))) return undefined;
    return `template variable "${variable}" is not set by any block before this one`;
  }
  return available.has(root) ? undefined : `template variable "${variable}" needs a block that sets "${root}" earlier in the flow`;
}
