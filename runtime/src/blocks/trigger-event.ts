import type { BlockResult } from '../engine/types.ts';
import { describeKeywords, passesKeywordFilter } from './keywords.ts';

/**
 * The part the Twitter and Facebook triggers share: leave by the event's
 * port when that event is enabled and the keyword filter (if any) passes,
 * else by `filtered`, saying why.
 */
export function triggerOnEvent<E extends string>(args: {
  event: E;
  enabled: readonly E[];
  names: Record<E, string>;
  /** "mention from @jane": what arrived and from whom. */
  what: string;
  /** The block's config itself: compiled keyword sets are cached per config object. */
  filter: { keywords?: string[] };
  text: string;
}): BlockResult {
  const { event, enabled, names, what } = args;
  if (!enabled.includes(event)) {
    return {
      port: 'filtered',
      reason: `filtered: ${what}, but ${names[event]}s are not enabled (enabled: ${enabled.map((name) => names[name]).join(', ')})`,
      details: { event },
    };
  }
  const matched = passesKeywordFilter(args.filter, args.text);
  if (!matched) {
    return { port: 'filtered', reason: `filtered: ${what} has none of the ${describeKeywords(args.filter.keywords ?? [])}`, details: { event } };
  }
  return {
    port: event,
    reason: matched.length > 0 ? `${what} matched ${describeKeywords(matched)}` : what,
    details: matched.length > 0 ? { event, keywords: matched } : { event },
  };
}
