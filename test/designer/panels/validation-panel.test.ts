import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../schemas/problems.ts';
import { ValidationPanel } from '../../../designer/src/panels/validation/ValidationPanel.tsx';
import { groupProblems, problemCount, problemSubject } from '../../../designer/src/panels/validation/problem-groups.ts';
import { render } from './render.ts';

const problems: Problem[] = [
  { pointer: '/nodes/1', message: 'port "failed" is not connected', severity: 'warning', nodeId: 'route' },
  { pointer: '/nodes/2/config/queue', message: 'unknown queue "vip"', severity: 'error', nodeId: 'queue' },
  { pointer: '/trigger/accounts/0', message: 'unknown account "acme"', severity: 'error' },
];
const nodes = [
  { id: 'route', type: 'keyword-router', label: 'Refund words' },
  { id: 'queue', type: 'route-to-queue' },
];

describe('problem groups', () => {
  it('puts errors before warnings, keeping the validator’s order', () => {
    const groups = groupProblems(problems);
    expect(groups.errors.map((problem) => problem.message)).toEqual(['unknown queue "vip"', 'unknown account "acme"']);
    expect(groups.warnings).toHaveLength(1);
  });

  it('counts them in words', () => {
    expect(problemCount(groupProblems(problems))).toBe('2 errors, 1 warning');
    expect(problemCount(groupProblems(problems.slice(0, 1)))).toBe('1 warning');
    expect(problemCount(groupProblems([]))).toBe('No problems');
  });

  it('names a problem by its node label, else its id, else the flow', () => {
    expect(problemSubject(problems[0], nodes)).toEqual({ title: 'Refund words', detail: 'route' });
    expect(problemSubject(problems[1], nodes)).toEqual({ title: 'queue', detail: 'route-to-queue' });
    expect(problemSubject(problems[2], nodes)).toEqual({ title: 'Flow' });
  });
});

describe('ValidationPanel', () => {
  it('lists errors then warnings with subject, message and pointer; node problems are buttons', () => {
    const html = render(ValidationPanel, { problems, nodes, onSelect: () => {} });
    expect(html).toContain('2 errors, 1 warning');
    expect(html.indexOf('Errors')).toBeLessThan(html.indexOf('Warnings'));
    expect(html.indexOf('unknown queue')).toBeLessThan(html.indexOf('is not connected'));
    expect(html).toContain('title="Select Refund words"');
    expect(html).toContain('<code class="problem__pointer">/nodes/2/config/queue</code>');
    expect(html).toMatch(/<div class="problem__button is-static">.*Flow/);
    expect(html).toContain('publishing is blocked');
  });

  it('says when there are no problems', () => {
    const html = render(ValidationPanel, { problems: [], onSelect: () => {} });
    expect(html).toContain('No problems');
    expect(html).not.toContain('problem-list');
  });
});
