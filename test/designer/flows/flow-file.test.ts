import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../schemas/flow.ts';
import { MAX_FLOW_FILE_BYTES, MAX_FLOW_FILE_DEPTH, parseFlowFile, type FlowFileResult } from '../../../designer/src/flows/flow-file.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');
const socialCareText = readFileSync(join(REPO, 'flows', 'social-care.flow.json'), 'utf8');
const socialCare = (): Flow => JSON.parse(socialCareText) as Flow;

function refused(result: FlowFileResult): string {
  if (result.ok) throw new Error('the file was accepted');
  return result.error;
}

const small = (): Flow => ({
  id: 'small',
  name: 'Small',
  trigger: { accounts: ['acme-twitter'] },
  nodes: [
    { id: 'start', type: 'twitter-trigger', version: 1, config: {}, position: { x: 0, y: 0 } },
    { id: 'end', type: 'end', version: 1, config: {}, position: { x: 300, y: 0 } },
  ],
  edges: [{ from: 'start', port: 'mention', to: 'end' }],
});

describe('parseFlowFile', () => {
  it('opens an exported flow as it is, without its revision', () => {
    const result = parseFlowFile(socialCareText, 'social-care.flow.json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.flow).toEqual(socialCare());
    expect(parseFlowFile(JSON.stringify({ ...socialCare(), revision: 7 }))).toMatchObject({ ok: true, flow: { id: 'social-care' } });
    expect((parseFlowFile(JSON.stringify({ ...socialCare(), revision: 7 })) as { flow: Flow }).flow).not.toHaveProperty('revision');
  });

  it('opens a draft with graph problems (they show in the validation panel), counting them', () => {
    const draft = small();
    draft.edges = [];
    const result = parseFlowFile(JSON.stringify(draft));
    expect(result).toMatchObject({ ok: true });
    expect((result as { warnings: number }).warnings).toBeGreaterThan(0);
  });

  it('accepts a file saved with a byte-order mark', () => {
    expect(parseFlowFile(`\uFEFF${JSON.stringify(small())}`)).toMatchObject({ ok: true, flow: { id: 'small' } });
  });

  it('refuses malformed JSON, naming the file', () => {
    expect(refused(parseFlowFile('{"id": "x", "nodes": [', 'broken.json'))).toMatch(/^broken\.json is not valid JSON \(/);
    expect(refused(parseFlowFile('', 'empty.json'))).toBe('empty.json is empty');
    expect(refused(parseFlowFile("{ id: 'not json' }", 'js.json'))).toMatch(/not valid JSON/);
  });

  it('refuses anything but one object', () => {
    expect(refused(parseFlowFile('[]', 'a.json'))).toBe('a.json is not a Switchyard flow: it must hold one JSON object, not an array');
    expect(refused(parseFlowFile('null', 'a.json'))).toMatch(/not null$/);
    expect(refused(parseFlowFile('"a flow"', 'a.json'))).toMatch(/not a string$/);
    expect(refused(parseFlowFile('42', 'a.json'))).toMatch(/not a number$/);
    expect(refused(parseFlowFile('{"hello": "world"}', 'a.json'))).toMatch(/^a\.json is not a Switchyard flow: .*is required/);
  });

  it('refuses prototype-pollution keys anywhere, and pollutes nothing', () => {
    const top = `{"__proto__": {"polluted": true}, ${JSON.stringify(small()).slice(1)}`;
    expect(refused(parseFlowFile(top, 'evil.json'))).toMatch(/holds the key "__proto__" \(at \/\)/);
    const nested = JSON.stringify(small()).replace('"config":{}', '"config":{"vars":{"__proto__":{"isAdmin":true}}}');
    expect(nested).toContain('__proto__');
    expect(refused(parseFlowFile(nested, 'evil.json'))).toMatch(/"__proto__" \(at \/nodes\/0\/config\/vars\)/);
    const constructor = JSON.stringify(small()).replace('"config":{}', '"config":{"constructor":{"prototype":{"isAdmin":true}}}');
    expect(refused(parseFlowFile(constructor, 'evil.json'))).toMatch(/"constructor"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses a deeply nested file without walking it recursively', () => {
    const depth = 100_000;
    const deep = `{"id":"deep","name":"Deep","trigger":{"accounts":["a"]},"nodes":[{"id":"n","type":"end","version":1,"config":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}],"edges":[]}`;
    const error = refused(parseFlowFile(deep, 'deep.json'));
    expect(error).toMatch(new RegExp(`nests more than ${MAX_FLOW_FILE_DEPTH} levels deep`));
    // A config a few levels deep is fine.
    const shallow = small();
    shallow.nodes[1].config = { a: { b: { c: [[{ d: 1 }]] } } };
    expect(parseFlowFile(JSON.stringify(shallow)).ok).toBe(true);
  });

  it('refuses a huge file before parsing it', () => {
    const huge = JSON.stringify({ ...small(), description: 'x'.repeat(MAX_FLOW_FILE_BYTES) });
    expect(refused(parseFlowFile(huge, 'huge.json'))).toMatch(/^huge\.json is too large \(\d+ KiB; at most 2 MiB\)$/);
    // Huge in count rather than size: more nodes than a flow may hold.
    const many = small();
    many.nodes = Array.from({ length: 2001 }, (_, index) => ({ id: `n${index}`, type: 'end', version: 1, config: {} }));
    expect(refused(parseFlowFile(JSON.stringify(many), 'many.json'))).toMatch(/^many\.json is not a Switchyard flow: \/nodes/);
  });

  it('refuses a flow from a newer block version, saying which block and what to do', () => {
    const newer = small();
    newer.nodes[1].version = 9;
    expect(refused(parseFlowFile(JSON.stringify(newer), 'newer.json'))).toBe(
      'newer.json cannot be opened: /nodes/1/version: block "end" version 9 is newer than this Switchyard knows (1); upgrade Switchyard to open it',
    );
  });

  it('refuses unknown block types, naming them (once each)', () => {
    const unknown = small();
    unknown.nodes.push({ id: 'a', type: 'teleport', version: 1, config: {} }, { id: 'b', type: 'teleport', version: 1, config: {} }, { id: 'c', type: 'mind-reader', version: 2, config: {} });
    expect(refused(parseFlowFile(JSON.stringify(unknown), 'future.json'))).toBe('future.json uses blocks this Switchyard does not know: "teleport"; "mind-reader"');
  });

  it('refuses what the canvas cannot draw: duplicate ids, edges to nowhere, a port wired twice, far-away blocks', () => {
    const twice = small();
    twice.nodes.push({ id: 'end', type: 'end', version: 1, config: {} });
    expect(refused(parseFlowFile(JSON.stringify(twice), 'f.json'))).toMatch(/node id "end" is used twice/);
    const dangling = small();
    dangling.edges.push({ from: 'start', port: 'reply', to: 'ghost' });
    expect(refused(parseFlowFile(JSON.stringify(dangling), 'f.json'))).toMatch(/\/edges\/1\/to: node "ghost" does not exist/);
    const doubled = small();
    doubled.edges.push({ from: 'start', port: 'mention', to: 'start' });
    expect(refused(parseFlowFile(JSON.stringify(doubled), 'f.json'))).toMatch(/port "mention" of "start" is connected twice/);
    const far = small();
    far.nodes[1].position = { x: 1e300, y: 0 };
    expect(refused(parseFlowFile(JSON.stringify(far), 'f.json'))).toMatch(/\/nodes\/1\/position: .* is off the canvas/);
  });

  it('lists at most three problems', () => {
    const bad = { id: 'Bad Id!', name: '', trigger: { accounts: [] }, nodes: 'none', edges: {}, extra: 1 };
    const error = refused(parseFlowFile(JSON.stringify(bad), 'bad.json'));
    expect(error).toMatch(/\(and \d+ more\)$/);
    expect(error.split('; ')).toHaveLength(3);
  });
});
