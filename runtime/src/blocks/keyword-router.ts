import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import type { Executor } from '../engine/types.ts';
import { describeKeywords, matchKeywords } from './keywords.ts';

export const keywordRouter: Executor<ConfigOf<'keyword-router'>> = async ({ config, context }) => {
  const { text } = context.message;
  for (const [index, rule] of config.rules.entries()) {
    // Keyed by the rule object, so each rule is compiled once per loaded flow.
    const matched = matchKeywords(rule, text);
    if (!matched) continue;
    const name = rule.label ?? rule.port;
    const on = rule.match === 'all' ? `all ${describeKeywords(matched)}` : describeKeywords(matched);
    return { port: rule.port, reason: `matched rule '${name}' on ${on}`, details: { rule: index, keywords: matched } };
  }
  const checked = config.rules.length === 1 ? '1 rule' : `${config.rules.length} rules`;
  return { port: 'default', reason: `no rule matched (${checked} checked)` };
};
