// A page for the panels' browser test: each panel mounted with state, its callbacks written where the test can read them.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { AnyBlockDefinition } from '../../../../schemas/block.ts';
import { blocks } from '../../../../schemas/blocks/index.ts';
import type { Flow, FlowNode } from '../../../../schemas/flow.ts';
import type { Resource } from '../../../../schemas/resources/index.ts';
import { PropertiesPanel, TestPanel, ValidationPanel, type SimulationTrace } from '../../../../designer/src/panels/index.ts';
import '../../../../designer/src/styles.css';

const resources: Resource[] = [
  { kind: 'queue', id: 'billing', name: 'Billing' },
  { kind: 'queue', id: 'social-care', name: 'Social care' },
  { kind: 'skill', id: 'english', name: 'English' },
  { kind: 'skill', id: 'billing', name: 'Billing know-how' },
];

const draft: Flow = {
  id: 'care',
  name: 'Care',
  trigger: { accounts: ['acme-twitter'] },
  nodes: [
    { id: 'start', type: 'twitter-trigger', version: 1, config: {} },
    { id: 'route', type: 'route-to-queue', version: 1, config: { queue: 'vip' } },
  ],
  edges: [{ from: 'start', port: 'mention', to: 'route' }],
};

function Harness() {
  const [node, setNode] = useState<FlowNode>(draft.nodes[1]);
  const [selected, setSelected] = useState('');
  const [trace, setTrace] = useState<SimulationTrace | null>(null);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 360px)', gap: 16 }}>
      <div>
        <PropertiesPanel
          node={node}
          definition={blocks['route-to-queue'] as AnyBlockDefinition}
          resources={resources}
          problems={[{ pointer: '/nodes/1/config/queue', message: 'unknown queue "vip"', severity: 'error', nodeId: 'route' }]}
          onChange={(config) => setNode((current) => ({ ...current, config }))}
          onLabelChange={(label) => setNode(({ label: _old, ...rest }) => (label === undefined ? rest : { ...rest, label }))}
        />
        <pre data-testid="node">{JSON.stringify(node)}</pre>
      </div>
      <div>
        <ValidationPanel
          problems={[{ pointer: '/nodes/1/config/queue', message: 'unknown queue "vip"', severity: 'error', nodeId: 'route' }]}
          nodes={draft.nodes}
          onSelect={setSelected}
        />
        <output data-testid="selected">{selected}</output>
      </div>
      <div>
        <TestPanel flowId="care" draft={draft} onTrace={setTrace} />
        <pre data-testid="trace">{JSON.stringify(trace)}</pre>
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
