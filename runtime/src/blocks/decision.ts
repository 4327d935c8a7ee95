import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import type { DecisionCondition } from '../../../schemas/blocks/decision.ts';
import type { Executor } from '../engine/types.ts';
import { valueAtPath } from './path.ts';
import { contextRoots } from './render.ts';

type Scalar = string | number | boolean;

export const decision: Executor<ConfigOf<'decision'>> = async ({ config, context }) => {
  // The schema's path pattern allows these roots and no others.
  const root = contextRoots(context);
  const misses: string[] = [];
  for (const entry of config.cases) {
    const results = entry.conditions.map((condition) => ({ condition, actual: valueAtPath(root, condition.path) }));
    const holds = results.map(({ condition, actual }) => test(condition, actual));
    const name = JSON.stringify(entry.label ?? entry.port);
    if ((entry.match ?? 'all') === 'any') {
      const index = holds.indexOf(true);
      if (index >= 0) return matched(entry.port, `case ${name}: ${describe(entry.conditions[index])}`);
    } else if (holds.every(Boolean)) {
      return matched(entry.port, `case ${name}: ${entry.conditions.map(describe).join(' and ')}`);
    }
    const failed = results[holds.indexOf(false)];
    misses.push(`${name}: ${failed.condition.path} is ${shown(failed.actual)}`);
  }
  return { port: 'default', reason: `no case matched (${misses.join('; ')})` };
};

function matched(port: string, reason: string) {
  return { port, reason, details: { case: port } };
}

function test(condition: DecisionCondition, actual: unknown): boolean {
  const { op, value } = condition;
  switch (op) {
    case 'exists':
      return isSet(actual);
    case 'not-exists':
      return !isSet(actual);
    case 'equals':
      return isScalar(value) && same(actual, value);
    case 'not-equals':
      return isScalar(value) && !same(actual, value);
    case 'in':
      return Array.isArray(value) && value.some((option) => same(actual, option));
    case 'contains':
      if (!isScalar(value)) return false;
      if (Array.isArray(actual)) return actual.some((item) => same(item, value));
      return textOf(actual)?.includes(String(value).toLowerCase()) ?? false;
    case 'starts-with':
      return isScalar(value) && (textOf(actual)?.startsWith(String(value).toLowerCase()) ?? false);
    case 'ends-with':
      return isScalar(value) && (textOf(actual)?.endsWith(String(value).toLowerCase()) ?? false);
    case 'greater-than':
    case 'less-than': {
      const left = numberOf(actual);
      const right = numberOf(value);
      if (left === undefined || right === undefined) return false;
      return op === 'greater-than' ? left > right : left < right;
    }
  }
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Numbers compare as numbers ("70" equals 70); everything else as text, ignoring case. */
function same(actual: unknown, expected: Scalar): boolean {
  if (typeof actual === 'number' || typeof expected === 'number') {
    const left = numberOf(actual);
    const right = numberOf(expected);
    if (left !== undefined && right !== undefined) return left === right;
  }
  return textOf(actual) === String(expected).toLowerCase();
}

function textOf(value: unknown): string | undefined {
  return isScalar(value) ? String(value).toLowerCase() : undefined;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function describe(condition: DecisionCondition): string {
  const words = condition.op.replace('-', ' ');
  return condition.value === undefined ? `${condition.path} ${words}` : `${condition.path} ${words} ${JSON.stringify(condition.value)}`;
}

function shown(actual: unknown): string {
  if (actual === undefined || actual === null) return 'not set';
  const text = JSON.stringify(actual);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
