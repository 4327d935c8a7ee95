import { describe, expect, it } from 'vitest';
import { fragmentText, parseFragmentText, type PasteSource } from '../../../designer/src/editor/clipboard.ts';
import type { Fragment } from '../../../designer/src/editor/document.ts';

const fragment = (): Fragment => ({
  nodes: [
    { id: 'topic', type: 'keyword-router', version: 1, config: { rules: [{ port: 'billing', label: 'Billing', keywords: ['invoice'] }] }, position: { x: 40, y: 80 } },
    { id: 'end', type: 'end', version: 1, config: {}, position: { x: 340, y: 80 } },
  ],
  edges: [{ from: 'topic', port: 'billing', to: 'end' }],
  notes: [{ id: 'note-1', text: 'Billing words', position: { x: 40, y: 0 } }],
});

function refused(result: PasteSource): string {
  if (result.ok) throw new Error('the clipboard text was accepted');
  return result.error;
}

describe('parseFragmentText', () => {
  it('reads back what a copy wrote, as it was', () => {
    expect(parseFragmentText(fragmentText(fragment()))).toEqual({ ok: true, fragment: fragment() });
  });

  it('takes the blocks of a whole exported flow too', () => {
    const flow = { id: 'x', name: 'X', trigger: { accounts: ['a'] }, ...fragment(), revision: 3 };
    expect(parseFragmentText(JSON.stringify(flow))).toMatchObject({ ok: true, fragment: { nodes: [{ id: 'topic' }, { id: 'end' }] } });
  });

  it('refuses text that is not blocks, saying so', () => {
    expect(refused(parseFragmentText('hello'))).toMatch(/no Switchyard blocks \(it is not JSON\)/);
    expect(refused(parseFragmentText('[1, 2]'))).toMatch(/no Switchyard blocks/);
    expect(refused(parseFragmentText('{"switchyard": "fragment", "nodes": []}'))).toMatch(/no blocks to paste/);
  });

  it('refuses what an import refuses: unknown blocks, newer versions, unsafe keys, deep nesting, broken links', () => {
    const unknown = { nodes: [{ id: 'x', type: 'rm-rf', version: 1, config: {} }] };
    expect(refused(parseFragmentText(JSON.stringify(unknown)))).toMatch(/Nothing was pasted: .*does not know: "rm-rf"/);

    const newer = fragment();
    newer.nodes[0].version = 99;
    expect(refused(parseFragmentText(JSON.stringify(newer)))).toMatch(/Nothing was pasted: .*\/nodes\/0\/version/);

    const polluted = '{"nodes": [{"id": "end", "type": "end", "version": 1, "config": {"__proto__": {"admin": true}}}]}';
    expect(refused(parseFragmentText(polluted))).toMatch(/"__proto__"/);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();

    let deep = '{}';
    for (let level = 0; level < 200; level++) deep = `{"a": ${deep}}`;
    expect(refused(parseFragmentText(`{"nodes": [{"id": "end", "type": "end", "version": 1, "config": ${deep}}]}`))).toMatch(/nests more than/);

    const dangling = fragment();
    dangling.edges.push({ from: 'topic', port: 'default', to: 'nowhere' });
    expect(refused(parseFragmentText(JSON.stringify(dangling)))).toMatch(/"nowhere" does not exist/);

    expect(refused(parseFragmentText('{"nodes": "all of them"}'))).toMatch(/no Switchyard blocks/);
    expect(refused(parseFragmentText('{"nodes": [], "edges": 5}'))).toMatch(/Nothing was pasted/);
  });
});
