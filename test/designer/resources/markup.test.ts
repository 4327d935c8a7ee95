import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ResourceEditor } from '../../../designer/src/resources/ResourceEditor.tsx';
import { ResourcesPage } from '../../../designer/src/resources/ResourcesPage.tsx';
import { blankResource, KIND_ORDER } from '../../../designer/src/resources/kinds.ts';
import { resourceSummary } from '../../../designer/src/resources/summary.ts';
import { DiffView } from '../../../designer/src/history/DiffView.tsx';
import { diffFlows } from '../../../designer/src/history/diff.ts';
import type { Resource } from '../../../schemas/resources/index.ts';
import { validateResource } from '../../../schemas/validate.ts';

// Server-rendered markup: the editors' structure without a browser (the browser test drives them for real).

const open = [{ from: '09:00', to: '12:30' }, { from: '13:30', to: '18:00' }];
const resources: Resource[] = [
  { kind: 'schedule', id: 'care-hours', name: 'Care hours', timeZone: 'Europe/London', weekly: { mon: open, tue: open, sat: [{ from: '10:00', to: '14:00' }] } },
  { kind: 'calendar', id: 'uk-days', name: 'UK days', timeZone: 'Europe/London', dates: [{ date: '2026-12-24', name: 'Christmas Eve', hours: { from: '14:00', to: '24:00' } }], holidays: [{ country: 'GB', region: 'ENG', types: ['public', 'bank'] }] },
  { kind: 'flag', id: 'outage', name: 'Service outage', active: true, message: 'Logins failing' },
  { kind: 'skill', id: 'billing', name: 'Billing' },
  { kind: 'queue', id: 'general', name: 'General' },
  { kind: 'queue', id: 'social-billing', name: 'Social billing', skills: [{ skill: 'billing', level: 3 }], serviceLevel: { seconds: 900, percent: 80 }, overflow: { queue: 'general', afterSeconds: 600 }, dispositionRequired: true },
  { kind: 'response', id: 'thanks', name: 'Thanks', text: 'Hi {{ contact.name }}, order {{ vars.order.id }} {{ custmer.x }}' },
  { kind: 'disposition', id: 'resolved', name: 'Resolved', outcome: 'resolved' },
  { kind: 'account', id: 'acme-twitter', name: '@AcmeCare', channel: 'twitter', platformId: '1184239417', handle: 'AcmeCare', secrets: { accessToken: { env: 'TWITTER_ACCESS_TOKEN' } } },
];
const find = (kind: string, id: string) => resources.find((entry) => entry.kind === kind && entry.id === id)!;
const noop = () => {};
const editor = (resource: Resource, isNew = false) =>
  renderToStaticMarkup(createElement(ResourceEditor, { initial: resource, isNew, all: resources, onSaved: noop, onDeleted: noop, onCancel: noop }));

describe('Resource fixtures', () => {
  it('are valid resources, so the markup below shows real documents', () => {
    for (const resource of resources) expect(validateResource(resource), resource.id).toEqual([]);
  });
});

describe('ResourcesPage', () => {
  it('lists every kind with its count and the resources of the kind shown', () => {
    const html = renderToStaticMarkup(createElement(ResourcesPage, { initialKind: 'flag', initialResources: resources }));
    for (const kind of KIND_ORDER) expect(html).toContain(`data-kind="${kind}"`);
    expect(html).toContain('Emergency flags');
    expect(html).toContain('Service outage');
    expect(html).toMatch(/role="switch" aria-checked="true"/);
    expect(html).not.toContain('Care hours');
  });
});

describe('ResourceEditor', () => {
  it('draws a schedule as a seven-day grid with each range and a time zone picker', () => {
    const html = editor(find('schedule', 'care-hours'));
    expect(html.match(/class="week-grid__day[^"]*"/g)).toHaveLength(7);
    expect(html.match(/class="day-track__open"/g)).toHaveLength(5);
    expect(html).toContain('value="12:30"');
    expect(html).toContain('<datalist');
    expect(html).toContain('value="Europe/Paris"');
    expect(html.match(/is-closed/g)).toHaveLength(4);
  });

  it('marks a broken range next to the field, by pointer', () => {
    const broken: Resource = { kind: 'schedule', id: 'bad', name: 'Bad', timeZone: 'Mars/Olympus', weekly: { mon: [{ from: '18:00', to: '09:00' }] } };
    const html = editor(broken);
    expect(html).toContain('data-pointer="/weekly/mon"');
    expect(html).toContain('opens at 18:00 but closes at 09:00');
    expect(html).toContain('&quot;Mars/Olympus&quot; is not an IANA time zone');
  });

  it('edits calendar dates with optional hours and holiday sets by country, region and types', () => {
    const html = editor(find('calendar', 'uk-days'));
    expect(html).toContain('value="2026-12-24"');
    expect(html).toContain('value="24:00"');
    expect(html).toContain('value="GB"');
    expect(html).toContain('value="ENG"');
    expect(html).toMatch(/checked=""\/>bank/);
  });

  it('shows queue skills with levels 1 to 5, service level, overflow and the disposition switch', () => {
    const html = editor(find('queue', 'social-billing'));
    expect(html.match(/role="radio" aria-checked="true"/g)).toHaveLength(1);
    expect(html.match(/class="level is-on"/g)).toHaveLength(3);
    expect(html).toContain('value="900"');
    expect(html).toMatch(/<option value="general" selected="">General \(general\)<\/option>/);
    expect(html).toMatch(/checked=""\/>Agents must pick a disposition code/);
  });

  it('previews the variables a standard response reads and flags unknown roots', () => {
    const html = editor(find('response', 'thanks'));
    expect(html).toContain('<code>contact.name</code>');
    expect(html).toContain('<code>vars.order.id</code>');
    expect(html).toMatch(/chip chip--danger[^>]*><code>custmer.x<\/code>/);
  });

  it('takes account secrets as environment variable names and never has a field for a value', () => {
    const html = editor(find('account', 'acme-twitter'));
    expect(html).toContain('value="TWITTER_ACCESS_TOKEN"');
    expect(html).not.toMatch(/type="password"/);
    expect(html).toContain('environment variable');
  });

  it('offers an editable id and a create button for a new resource of every kind', () => {
    for (const kind of KIND_ORDER) {
      const html = editor(blankResource(kind), true);
      expect(html, kind).toContain(`New ${kind === 'calendar' ? 'calendar' : kind}`);
      expect(html, kind).not.toMatch(/data-pointer="\/id"[^>]*readonly/);
    }
  });
});

describe('resourceSummary', () => {
  it('says what each resource is in one line', () => {
    expect(resourceSummary(find('schedule', 'care-hours'))).toBe('Mon Tue Sat · 09:00–12:30 · Europe/London');
    expect(resourceSummary(find('queue', 'social-billing'))).toBe('billing≥3 · overflow → general');
    expect(resourceSummary(find('flag', 'outage'))).toBe('ON: Logins failing');
  });
});

describe('DiffView', () => {
  it('shows changed config fields with old and new values', () => {
    const before = { id: 'f', name: 'F', trigger: { accounts: ['a'] }, nodes: [{ id: 'q', type: 'route-to-queue', version: 1, config: { queue: 'general' } }], edges: [] };
    const after = { ...before, nodes: [{ id: 'q', type: 'route-to-queue', version: 1, config: { queue: 'social-billing' } }] };
    const html = renderToStaticMarkup(createElement(DiffView, { diff: diffFlows(before, after), beforeLabel: 'v1', afterLabel: 'the draft' }));
    expect(html).toContain('data-pointer="/config/queue"');
    expect(html).toContain('&quot;general&quot;');
    expect(html).toContain('&quot;social-billing&quot;');
    expect(html).toContain('1 changed');
  });
});
