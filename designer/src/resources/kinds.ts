import { RESOURCE_KINDS, type Resource, type ResourceKind } from '../../../schemas/resources/index.ts';

export interface KindInfo {
  /** Plural, for the list. */
  title: string;
  /** Singular, for buttons ("New queue"). */
  noun: string;
  hint: string;
}

export const KIND_INFO: Record<ResourceKind, KindInfo> = {
  schedule: { title: 'Schedules', noun: 'schedule', hint: 'Weekly opening hours in a time zone' },
  calendar: { title: 'Special days', noun: 'calendar', hint: 'Closures, short days and public holidays' },
  flag: { title: 'Emergency flags', noun: 'flag', hint: 'Switches flows check, e.g. during an outage' },
  queue: { title: 'Queues', noun: 'queue', hint: 'Where agents pick up interactions' },
  skill: { title: 'Skills', noun: 'skill', hint: 'What agents must know to take from a queue' },
  response: { title: 'Standard responses', noun: 'response', hint: 'Reply texts with Liquid variables' },
  disposition: { title: 'Disposition codes', noun: 'disposition', hint: 'How agents close an interaction' },
  account: { title: 'Channel accounts', noun: 'account', hint: 'Our handles, pages and numbers on each platform' },
  agent: { title: 'Agents', noun: 'agent', hint: 'People who take interactions: skills, groups, capacity' },
};

/** The order of the kinds on the page: what analysts touch most first. */
export const KIND_ORDER: ResourceKind[] = ['schedule', 'calendar', 'flag', 'queue', 'skill', 'response', 'disposition', 'account', 'agent'];
if (KIND_ORDER.length !== RESOURCE_KINDS.length) throw new Error('KIND_ORDER must list every resource kind');

const nineToFive = [{ from: '09:00', to: '17:00' }];

/** A new document of each kind, already valid but for its id and name. */
export function blankResource(kind: ResourceKind): Resource {
  const base = { id: '', name: '' };
  switch (kind) {
    case 'schedule':
      return { kind, ...base, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive } };
    case 'calendar':
      return { kind, ...base, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', dates: [], holidays: [] };
    case 'flag':
      return { kind, ...base, active: false };
    case 'queue':
      return { kind, ...base, skills: [], dispositionRequired: false };
    case 'skill':
      return { kind, ...base };
    case 'response':
      return { kind, ...base, text: 'Hi {{ contact.name }}, thanks for getting in touch.' };
    case 'disposition':
      return { kind, ...base, outcome: 'resolved' };
    case 'account':
      return { kind, ...base, channel: 'twitter', platformId: '', secrets: {} };
    case 'agent':
      return { kind, ...base, skills: [], groups: [], capacity: { public: 1, private: 3 } };
  }
}
