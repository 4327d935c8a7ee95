import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { DEFAULT_WINDOW_HOURS, type PersonalizeRule } from '../../../schemas/blocks/personalize.ts';
import type { SkillRequirement } from '../../../schemas/resources/index.ts';
import type { ContactView, Executor } from '../engine/types.ts';
import { errorText, renderTemplate } from './render.ts';
import { mergeSkills, skillsText } from './skills.ts';

type Verdict = { holds: true; facts: string[] } | { holds: false; why: string };

/** What rules may ask about the contact, looked up once per window before the rules run. */
interface ContactFacts {
  recent(hours: number): number;
  pending(): number;
}

/** The look-back windows the rules ask about (the default one stands in when only pending counts are asked for). */
function windowsOf(rules: readonly PersonalizeRule[]): number[] {
  const windows = new Set<number>();
  let pending = false;
  for (const { when } of rules) {
    if (when.repeatWithinHours !== undefined || when.minRecentInteractions !== undefined) windows.add(when.repeatWithinHours ?? DEFAULT_WINDOW_HOURS);
    if (when.minPendingInteractions !== undefined) pending = true;
  }
  if (pending && windows.size === 0) windows.add(DEFAULT_WINDOW_HOURS);
  return [...windows];
}

export const personalize: Executor<ConfigOf<'personalize'>> = async ({ config, context, services }) => {
  const now = services.now();
  const { contact } = context;
  const known = new Map<number, { recentInteractions: number; pendingInteractions: number }>();
  if (contact) {
    for (const hours of windowsOf(config.rules)) known.set(hours, await services.contacts.stats(contact.id, hours, now));
  }
  const facts: ContactFacts | undefined = contact && {
    recent: (hours) => known.get(hours)?.recentInteractions ?? 0,
    // The pending count does not depend on the window: any answer will do.
    pending: () => known.values().next().value?.pendingInteractions ?? 0,
  };

  let priority = context.routing.priority;
  let skills: SkillRequirement[] = [...context.routing.skills];
  let greeting: string | undefined;
  const applied: string[] = [];
  const skipped: string[] = [];
  const notes: string[] = [];
  config.rules.forEach((rule, index) => {
    const name = JSON.stringify(rule.label ?? `rule ${index + 1}`);
    const verdict = check(rule.when, contact, facts);
    if (!verdict.holds) {
      skipped.push(`${name}: ${verdict.why}`);
      return;
    }
    applied.push(verdict.facts.length > 0 ? `${name} (${verdict.facts.join(', ')})` : name);
    const { then } = rule;
    priority = Math.min(100, Math.max(0, (then.priority ?? priority) + (then.priorityDelta ?? 0)));
    skills = mergeSkills(skills, then.skills);
    if (then.greeting === undefined) return;
    try {
      greeting = renderTemplate(then.greeting, context, now);
    } catch (error) {
      notes.push(`greeting of ${name} not rendered: ${errorText(error)}`);
    }
  });

  const unmatched = skipped.length > 0 ? ` (${skipped.join('; ')})` : '';
  if (applied.length === 0) return { port: 'out', reason: `no rule matched${unmatched}` };
  const changes = [
    priority === context.routing.priority ? `priority stays ${priority}` : `priority ${context.routing.priority} → ${priority}`,
    ...(skills.length > 0 ? [`skills ${skillsText(skills)}`] : []),
    ...(greeting !== undefined ? ['greeting set'] : []),
    ...notes,
  ];
  return {
    port: 'out',
    reason: `applied ${applied.join(', ')}: ${changes.join(', ')}`,
    patch: { routing: { priority, skills, ...(greeting !== undefined ? { greeting } : {}) } },
    details: { applied: applied.length, skipped: skipped.length },
  };
};

function check(when: PersonalizeRule['when'], contact: ContactView | undefined, facts: ContactFacts | undefined): Verdict {
  const countsRecent = when.repeatWithinHours !== undefined || when.minRecentInteractions !== undefined;
  if (!countsRecent && when.minPendingInteractions === undefined && when.segments === undefined) return { holds: true, facts: [] };
  if (!contact || !facts) return { holds: false, why: 'it needs contact data and no contact is identified' };

  const found: string[] = [];
  if (when.segments) {
    const segment = contact.segment?.toLowerCase();
    if (!segment || !when.segments.some((wanted) => wanted.toLowerCase() === segment)) {
      const have = contact.segment ? `segment is "${contact.segment}"` : 'the contact has no segment';
      return { holds: false, why: `${have}, not ${when.segments.join(' or ')}` };
    }
    found.push(`segment ${contact.segment}`);
  }
  if (countsRecent) {
    const hours = when.repeatWithinHours ?? DEFAULT_WINDOW_HOURS;
    const needed = when.minRecentInteractions ?? 1;
    const recentInteractions = facts.recent(hours);
    const seen = `${plural(recentInteractions, 'interaction')} in the last ${hours} h`;
    if (recentInteractions < needed) return { holds: false, why: `${seen}, needs ${needed}` };
    found.push(seen);
  }
  if (when.minPendingInteractions !== undefined) {
    const pendingInteractions = facts.pending();
    const seen = plural(pendingInteractions, 'pending interaction');
    if (pendingInteractions < when.minPendingInteractions) return { holds: false, why: `${seen}, needs ${when.minPendingInteractions}` };
    found.push(seen);
  }
  return { holds: true, facts: found };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
