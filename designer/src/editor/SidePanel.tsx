import type { Resource } from '../../../schemas/resources/index.ts';
import { blockDefinition } from '../../../schemas/blocks/index.ts';
import type { Trace } from '../canvas/highlight.ts';
import { Palette } from '../palette/Palette.tsx';
import { PropertiesPanel, TestPanel, ValidationPanel } from '../panels/index.ts';
import type { AnyBlockDefinition } from '../../../schemas/block.ts';
import type { Editor } from './use-editor.ts';

export const TABS = ['blocks', 'properties', 'validation', 'test'] as const;
export type Tab = (typeof TABS)[number];

const TAB_LABELS: Record<Tab, string> = { blocks: 'Blocks', properties: 'Properties', validation: 'Validation', test: 'Test' };

interface SidePanelProps {
  tab: Tab;
  onTab(tab: Tab): void;
  editor: Editor;
  resources: readonly Resource[] | undefined;
  flowId: string;
  onAdd(definition: AnyBlockDefinition): void;
  onSelectNode(nodeId: string): void;
  onTrace(trace: Trace | null): void;
}

/** The right-hand column: the palette, the selected node's properties, the problems, the test runner. */
export function SidePanel({ tab, onTab, editor, resources, flowId, onAdd, onSelectNode, onTrace }: SidePanelProps) {
  const selectedId = editor.selection.nodes.length === 1 ? editor.selection.nodes[0] : undefined;
  const nodeIndex = editor.document.nodes.findIndex((node) => node.id === selectedId);
  const node = nodeIndex >= 0 ? editor.document.nodes[nodeIndex] : undefined;
  const counts = { errors: editor.errors, warnings: editor.problems.length - editor.errors };

  return (
    <aside className="sidebar sidebar--side">
      <div className="tabs" role="tablist" aria-label="Side panel">
        {TABS.map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={`tabs__tab${tab === id ? ' is-active' : ''}`} data-tab={id} onClick={() => onTab(id)}>
            {TAB_LABELS[id]}
            {id === 'validation' && counts.errors + counts.warnings > 0 && (
              <span className={`tabs__count${counts.errors > 0 ? ' has-errors' : ''}`}>{counts.errors > 0 ? counts.errors : counts.warnings}</span>
            )}
          </button>
        ))}
      </div>
      <div className="sidebar__body" role="tabpanel">
        {tab === 'blocks' && <Palette onAdd={onAdd} />}
        {tab === 'properties' &&
          (node ? (
            <PropertiesPanel
              key={node.id}
              node={node}
              definition={blockDefinition(node.type)}
              resources={resources ?? []}
              problems={editor.problems}
              nodeIndex={nodeIndex}
              onChange={(config) => editor.updateConfig(node.id, config)}
              onLabelChange={(label) => editor.updateLabel(node.id, label ?? '')}
            />
          ) : (
            <p className="sidebar__note">
              {editor.selection.nodes.length > 1 ? `${editor.selection.nodes.length} items selected.` : 'Select a block on the canvas to see its settings.'}
            </p>
          ))}
        {tab === 'validation' && <ValidationPanel problems={editor.problems} onSelect={onSelectNode} nodes={editor.document.nodes} />}
        {/* Kept mounted while hidden, so a run's result and the lit path survive a look at another tab. */}
        <div hidden={tab !== 'test'}>
          <TestPanel flowId={flowId} draft={editor.document} dirty={editor.dirty} onTrace={onTrace} />
        </div>
      </div>
    </aside>
  );
}
