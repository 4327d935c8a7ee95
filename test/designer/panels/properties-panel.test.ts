import { describe, expect, it } from 'vitest';
import type { AnyBlockDefinition } from '../../../schemas/block.ts';
import { blocks } from '../../../schemas/blocks/index.ts';
import type { Flow, FlowNode } from '../../../schemas/flow.ts';
import type { Resource } from '../../../schemas/resources/index.ts';
import { indexResources, validateFlow } from '../../../schemas/validate.ts';
import { PropertiesPanel, type PropertiesPanelProps } from '../../../designer/src/panels/properties/PropertiesPanel.tsx';
import { fieldHtml, render } from './render.ts';

const resources: Resource[] = [
  { kind: 'queue', id: 'billing', name: 'Billing' },
  { kind: 'queue', id: 'social-care', name: 'Social care' },
  { kind: 'skill', id: 'english', name: 'English' },
  { kind: 'schedule', id: 'business-hours', name: 'Business hours', timeZone: 'Europe/Paris', weekly: {} },
  { kind: 'response', id: 'thanks', name: 'Thanks', text: 'Thanks!' },
];

function node(type: keyof typeof blocks, config: Record<string, unknown>, label?: string): FlowNode {
  return { id: `n-${type}`, type, version: 1, config, ...(label ? { label } : {}) };
}

function panel(type: keyof typeof blocks, config: Record<string, unknown>, extra: Partial<PropertiesPanelProps> = {}): string {
  return render(PropertiesPanel, {
    node: node(type, config),
    definition: blocks[type] as AnyBlockDefinition,
    resources,
    problems: [],
    onChange: () => {},
    onLabelChange: () => {},
    ...extra,
  });
}

describe('PropertiesPanel', () => {
  it('renders every block of the catalog from its default config', () => {
    for (const [type, definition] of Object.entries(blocks)) {
      const html = panel(type as keyof typeof blocks, structuredClone(definition.defaultConfig) as Record<string, unknown>);
      expect(html).toContain('aria-label="Properties"');
      expect(html).toContain(definition.label);
    }
  });

  it('turns resource fields into pickers showing name and id, keeping an unknown id visible and marked', () => {
    const html = panel('route-to-queue', { queue: 'vip', skills: [{ skill: 'english', level: 2 }] });
    const queue = fieldHtml(html, '/queue');
    expect(queue).toContain('data-resource-kind="queue"');
    expect(queue).toContain('Billing (billing)');
    expect(queue).toContain('Social care (social-care)');
    expect(queue).not.toContain('English');
    expect(queue).toContain('vip (unknown queue)');
    expect(queue).toContain('is-unknown');
    const skill = fieldHtml(html, '/skills/0/skill');
    expect(skill).toContain('data-resource-kind="skill"');
    expect(skill).toContain('English (english)');
    expect(skill).not.toContain('is-unknown');
  });

  it('recognises resource fields by name before they have a value', () => {
    expect(fieldHtml(panel('auto-reply', { text: 'Hi' }), '/response')).toContain('Thanks (thanks)');
    expect(fieldHtml(panel('operating-hours', {}), '/schedule')).toContain('Business hours (business-hours)');
  });

  it('uses a textarea for Liquid templates, number inputs with bounds, selects for enums and defaults as placeholders', () => {
    const html = panel('auto-reply', { text: 'Thanks {{ message.author.name }}' });
    expect(fieldHtml(html, '/text')).toMatch(/<textarea[^>]*data-template="liquid"/);
    expect(fieldHtml(html, '/retryForSeconds')).toMatch(/type="number"[^>]*min="0"[^>]*max="86400"[^>]*step="1"[^>]*placeholder="300"/);
    const visibility = fieldHtml(html, '/visibility');
    expect(visibility).toContain('<select');
    expect(visibility).toContain('default (same)');
    expect(visibility).toContain('>private</option>');
  });

  it('shows nested objects as fieldsets, with booleans as checkboxes and descriptions as help', () => {
    const html = panel('route-to-queue', { queue: 'billing', lastAgent: { prefer: false } });
    const lastAgent = fieldHtml(html, '/lastAgent');
    expect(html).toMatch(/<fieldset[^>]*data-pointer="\/lastAgent"><legend[^>]*>Last agent/);
    expect(lastAgent).toContain('offer the interaction first to the agent who last handled the conversation');
    expect(fieldHtml(html, '/lastAgent/prefer')).toMatch(/type="checkbox"/);
  });

  it('edits arrays of enums as checkboxes and arrays of objects as list editors', () => {
    const trigger = fieldHtml(panel('twitter-trigger', { events: ['mention'] }), '/events');
    expect(trigger.match(/type="checkbox"/g)).toHaveLength(3);
    expect(trigger).toMatch(/checked=""[^>]*\/><span>mention/);
    const rules = panel('keyword-router', { rules: [{ port: 'billing', label: 'Billing', keywords: ['invoice', 'charged'] }, { port: 'b', keywords: ['x'] }] });
    expect(fieldHtml(rules, '/rules')).toMatch(/<ol class="list-editor">/);
    expect(rules).toContain('+ Add to rules');
    expect(rules).toContain('+ Add to keywords');
    expect(rules).toContain('aria-label="Move Billing up" disabled=""');
    expect(rules).toContain('aria-label="Move Billing down"');
    expect(rules).toContain('aria-label="Remove Billing"');
    expect(fieldHtml(rules, '/rules/0/keywords/1')).toContain('value="charged"');
  });

  it('edits free-key objects (HTTP headers) as name and value rows and multi-type values with a type switch', () => {
    const http = panel('http-request', { url: 'https://x.test', headers: { 'X-Api-Key': '{{ vars.key }}' } });
    expect(http).toContain('value="X-Api-Key"');
    expect(fieldHtml(http, '/headers/X-Api-Key')).toContain('data-template="liquid"');
    const decision = panel('decision', { cases: [{ port: 'vip', conditions: [{ path: 'contact.segment', op: 'in', value: ['gold', 'platinum'] }] }] });
    expect(decision).toContain('aria-label="Value: type"');
    expect(fieldHtml(decision, '/cases/0/conditions/0/value/1')).toContain('value="platinum"');
  });

  it('shows the validator’s problems under their fields, and node-level ones at the top', () => {
    const flow: Flow = {
      id: 'f',
      name: 'F',
      trigger: { accounts: ['acme'] },
      nodes: [
        { id: 'start', type: 'twitter-trigger', version: 1, config: {} },
        { id: 'route', type: 'route-to-queue', version: 1, config: { queue: 'billing', skills: [{ skill: 'english', level: 9 }], priority: 500 } },
      ],
      edges: [{ from: 'start', port: 'mention', to: 'route' }],
    };
    const { problems } = validateFlow(flow, indexResources(resources));
    expect(problems.length).toBeGreaterThan(0);
    const html = render(PropertiesPanel, {
      node: flow.nodes[1],
      definition: blocks['route-to-queue'] as AnyBlockDefinition,
      resources,
      problems,
      onChange: () => {},
      onLabelChange: () => {},
    });
    expect(fieldHtml(html, '/priority')).toMatch(/field__problem--error[^>]*>must be &lt;= 100/);
    expect(fieldHtml(html, '/priority')).toContain('aria-invalid="true"');
    expect(fieldHtml(html, '/skills/0/level')).toMatch(/must be &lt;= 5/);
    expect(fieldHtml(html, '/queue')).not.toContain('field__problem');
  });

  it('places semantic problems (an unknown resource) and graph problems of the node', () => {
    const problems = [
      { pointer: '/nodes/4/config/queue', message: 'unknown queue "vip"', severity: 'error' as const, nodeId: 'n-route-to-queue' },
      { pointer: '/nodes/4', message: 'port "failed" is not connected', severity: 'warning' as const, nodeId: 'n-route-to-queue' },
    ];
    const html = panel('route-to-queue', { queue: 'vip' }, { problems });
    expect(fieldHtml(html, '/queue')).toContain('unknown queue &quot;vip&quot;');
    const top = html.slice(0, html.indexOf('data-pointer='));
    expect(top).toContain('port &quot;failed&quot; is not connected');
  });

  it('has an editable label with the block label as placeholder, and says when a block has no settings', () => {
    const html = panel('end', {});
    expect(html).toMatch(/<label[^>]*for="node-n-end-label"[^>]*>Label<\/label><input[^>]*placeholder="End"/);
    expect(html).toContain('This block has no settings.');
  });

  it('says when a block type is unknown instead of failing', () => {
    const html = render(PropertiesPanel, {
      node: { id: 'x', type: 'teleport', version: 1, config: {} },
      definition: undefined,
      resources,
      problems: [],
      onChange: () => {},
      onLabelChange: () => {},
    });
    expect(html).toContain('Unknown block type “teleport”');
  });
});
