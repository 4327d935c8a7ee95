import { portsOf } from '../../../../schemas/block.ts';
import { blockDefinition } from '../../../../schemas/blocks/index.ts';
import type { Flow } from '../../../../schemas/flow.ts';

/** A reply or engagement the run would send, read from the API's outbox items. */
export interface OutboxView {
  action: string;
  visibility?: string;
  text?: string;
  channel?: string;
}

/** The queue the run would reach. */
export interface RouteView {
  queue: string;
  skills: Array<{ skill: string; level: number }>;
  priority?: number;
  preferredAgent?: string;
  greeting?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const optionalString = (value: unknown) => (typeof value === 'string' ? value : undefined);

export function readOutbox(outbox: readonly unknown[]): OutboxView[] {
  return outbox.filter(isRecord).map((item) => ({
    action: optionalString(item.action) ?? 'action',
    visibility: optionalString(item.visibility),
    text: optionalString(item.text),
    channel: optionalString(item.channel),
  }));
}

export function readRoute(route: unknown): RouteView | null {
  if (!isRecord(route) || typeof route.queue !== 'string') return null;
  const skills = Array.isArray(route.skills)
    ? route.skills.filter(isRecord).flatMap((entry) => (typeof entry.skill === 'string' && typeof entry.level === 'number' ? [{ skill: entry.skill, level: entry.level }] : []))
    : [];
  return {
    queue: route.queue,
    skills,
    priority: typeof route.priority === 'number' ? route.priority : undefined,
    preferredAgent: optionalString(route.preferredAgent),
    greeting: optionalString(route.greeting),
  };
}

/** A step's node and port as the canvas names them (label, port label), falling back to ids. */
export function stepNames(flow: Flow, nodeId: string, port: string | null): { node: string; port: string | null } {
  const node = flow.nodes.find((candidate) => candidate.id === nodeId);
  if (!node) return { node: nodeId, port };
  const definition = blockDefinition(node.type);
  let portLabel = port;
  if (definition && port !== null) {
    try {
      portLabel = portsOf(definition, node.config).find((candidate) => candidate.id === port)?.label ?? port;
    } catch {
      // A half-edited config may not yield ports; the id will do.
    }
  }
  return { node: node.label ?? definition?.label ?? nodeId, port: portLabel };
}
