import { describe, expect, it } from 'vitest';
import { nextTurn } from '../../../runtime/src/engine/turns.ts';

describe('nextTurn', () => {
  it('holds callers past the microtasks of this turn, then releases all of them together', async () => {
    const order: string[] = [];
    const first = nextTurn().then(() => order.push('run 1'));
    const second = nextTurn().then(() => order.push('run 2'));
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(order).toEqual([]);
    await Promise.race([first, second]);
    expect(order).toEqual(['run 1', 'run 2']);
  });

  it('gives a caller after the turn a new one', async () => {
    const a = nextTurn();
    expect(nextTurn()).toBe(a);
    await a;
    const b = nextTurn();
    expect(b).not.toBe(a);
    await b;
  });
});
