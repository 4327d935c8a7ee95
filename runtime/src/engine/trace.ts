import type { Flow } from '../../../schemas/flow.ts';
import { blockDefinition } from '../../../schemas/blocks/index.ts';
import type { RunOutcome } from './engine.ts';

/** The path a run took, one line a step with the reason, then what it would send and where it would queue. */
export function formatTrace(flow: Flow, outcome: RunOutcome, at: Date): string {
  const lines = [`flow ${flow.id} "${flow.name}" at ${at.toISOString()}`];
  if (outcome.steps.length === 0) lines.push('  (no trigger block of this flow takes this message)');
  for (const step of outcome.steps) {
    const node = flow.nodes.find((candidate) => candidate.id === step.nodeId);
    const label = node?.label ?? blockDefinition(step.blockType)?.label ?? step.blockType;
    const port = step.port === null ? '…' : step.port;
    lines.push(`  ${String(step.seq + 1).padStart(2)}. ${step.nodeId} (${label}) → ${port}: ${step.reason}`);
  }
  if (outcome.actions.length > 0) {
    lines.push('outbox:');
    for (const action of outcome.actions) {
      const text = action.text === undefined ? '' : ` "${action.text}"`;
      lines.push(`  ${action.action}${action.visibility ? ` (${action.visibility})` : ''} on ${action.channel}/${action.account}${text}`);
    }
  }
  if (outcome.route) {
    const skills = outcome.route.skills.map((skill) => `${skill.skill}≥${skill.level}`).join(', ') || 'none';
    lines.push(`queue: ${outcome.route.queue} (skills ${skills}, priority ${outcome.route.priority}${outcome.route.preferredAgent ? `, preferring ${outcome.route.preferredAgent}` : ''})`);
  }
  lines.push(`status: ${outcome.status}${outcome.error ? ` (${outcome.error})` : ''}`);
  return lines.join('\n');
}
