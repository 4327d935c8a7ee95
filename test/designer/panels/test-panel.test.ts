import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../schemas/flow.ts';
import { validateMessage } from '../../../schemas/validate.ts';
import type { SimulationResult } from '../../../designer/src/api/client.ts';
import { RunResult } from '../../../designer/src/panels/simulation/RunResult.tsx';
import { readOutbox, readRoute, stepNames } from '../../../designer/src/panels/simulation/run-view.ts';
import { buildMessage, clockTimeToIso, EMPTY_SAMPLE, PRESETS, withChannel } from '../../../designer/src/panels/simulation/sample-message.ts';
import { TestPanel } from '../../../designer/src/panels/simulation/TestPanel.tsx';
import { render } from './render.ts';

const flow: Flow = {
  id: 'care',
  name: 'Care',
  trigger: { accounts: ['acme-twitter', 'acme-facebook'] },
  nodes: [
    { id: 'start', type: 'twitter-trigger', version: 1, config: {} },
    { id: 'words', type: 'keyword-router', version: 1, label: 'Refund words', config: { rules: [{ port: 'billing', label: 'Billing', keywords: ['invoice'] }] } },
    { id: 'queue', type: 'route-to-queue', version: 1, config: { queue: 'billing' } },
  ],
  edges: [],
};

const result: SimulationResult = {
  status: 'completed',
  steps: [
    { seq: 0, nodeId: 'start', blockType: 'twitter-trigger', port: 'mention', reason: 'a mention' },
    { seq: 1, nodeId: 'words', blockType: 'keyword-router', port: 'billing', reason: 'rule "billing" matched "invoice"' },
    { seq: 2, nodeId: 'queue', blockType: 'route-to-queue', port: 'queued', reason: 'queued to billing' },
  ],
  outbox: [{ id: 'o1', action: 'reply', visibility: 'public', text: 'Thanks Jane, we are on it.' }, 'junk'],
  route: { queue: 'billing', skills: [{ skill: 'english', level: 2 }], priority: 60 },
  context: { contact: null, routing: {}, vars: {}, sentiment: null },
  error: null,
};

describe('sample messages', () => {
  it('builds a valid inbound message from every preset, on the flow’s first account unless another is chosen', () => {
    for (const preset of PRESETS) {
      const message = buildMessage(preset.sample, flow.trigger.accounts, 'sim-1');
      expect(validateMessage(message)).toEqual([]);
      expect(message.account).toBe('acme-twitter');
      expect(message.platformMessageId).toBe('sim-1');
    }
    expect(buildMessage({ ...EMPTY_SAMPLE, account: 'acme-facebook' }, flow.trigger.accounts, 'x').account).toBe('acme-facebook');
    expect(buildMessage({ ...EMPTY_SAMPLE, account: 'gone' }, flow.trigger.accounts, 'x').account).toBe('acme-twitter');
  });

  it('leaves out empty author fields and gives a reply target like the channel’s', () => {
    const message = buildMessage({ ...PRESETS[2].sample }, ['acme-whatsapp'], 'wamid.1');
    expect(message.author).toEqual({ id: '15551234567', name: 'Priya Shah' });
    expect(message.replyTarget).toEqual({ kind: 'message', id: 'wamid.1' });
    expect(buildMessage(PRESETS[0].sample, ['a'], 't1').replyTarget?.kind).toBe('tweet');
  });

  it('makes private-only channels private messages', () => {
    expect(withChannel(EMPTY_SAMPLE, 'whatsapp')).toMatchObject({ channel: 'whatsapp', visibility: 'private', kind: 'message' });
    expect(withChannel(EMPTY_SAMPLE, 'facebook')).toMatchObject({ channel: 'facebook', visibility: 'public', kind: 'mention' });
  });

  it('reads the clock time as local time; empty means now', () => {
    expect(clockTimeToIso('')).toBeUndefined();
    expect(clockTimeToIso('nonsense')).toBeUndefined();
    expect(clockTimeToIso('2026-03-02T10:30')).toBe(new Date(2026, 2, 2, 10, 30).toISOString());
  });
});

describe('run view', () => {
  it('reads outbox items and the route defensively', () => {
    expect(readOutbox(result.outbox)).toEqual([{ action: 'reply', visibility: 'public', text: 'Thanks Jane, we are on it.', channel: undefined }]);
    expect(readRoute(result.route)).toMatchObject({ queue: 'billing', skills: [{ skill: 'english', level: 2 }], priority: 60 });
    expect(readRoute(null)).toBeNull();
  });

  it('names steps by node label and port label', () => {
    expect(stepNames(flow, 'words', 'billing')).toEqual({ node: 'Refund words', port: 'Billing' });
    expect(stepNames(flow, 'queue', 'queued')).toEqual({ node: 'Route to queue', port: 'Queued' });
    expect(stepNames(flow, 'gone', 'x')).toEqual({ node: 'gone', port: 'x' });
  });

  it('shows status, steps with reasons, replies and the queue', () => {
    const html = render(RunResult, { result, flow });
    expect(html).toContain('<strong>completed</strong>');
    expect(html).toContain('Refund words');
    expect(html).toContain('→ Billing');
    expect(html).toContain('rule &quot;billing&quot; matched &quot;invoice&quot;');
    expect(html).toContain('reply · public');
    expect(html).toContain('Thanks Jane, we are on it.');
    expect(html).toContain('<code>billing</code>');
    expect(html).toContain('english ≥ 2');
  });
});

describe('TestPanel', () => {
  it('renders the message form, presets and saved-test controls with accessible labels', () => {
    const html = render(TestPanel, { flowId: 'care', draft: flow, onTrace: () => {} });
    for (const label of ['Channel', 'Visibility', 'Kind', 'Account', 'Author id', 'Handle', 'Name', 'Message text', 'Clock time']) {
      expect(html).toMatch(new RegExp(`<label[^>]*>${label}</label>`));
    }
    for (const preset of PRESETS) expect(html).toContain(`>${preset.name}</button>`);
    expect(html).toContain('>acme-facebook</option>');
    expect(html).toContain('aria-label="Test name"');
    expect(html).toContain('Runs the saved draft');
  });

  it('warns clearly when the draft has unsaved changes', () => {
    const html = render(TestPanel, { flowId: 'care', draft: flow, dirty: true, onTrace: () => {} });
    expect(html).toMatch(/role="alert">You have unsaved changes: a test runs the last saved draft/);
  });
});
