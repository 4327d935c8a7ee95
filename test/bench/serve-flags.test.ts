import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serveNodeFlags } from './engine-bench.ts';

describe('the engine bench runs the server as npm start does', () => {
  it("takes the Node flags of package.json's start script", () => {
    const flags = serveNodeFlags(readFileSync('package.json', 'utf8'));
    // A young generation of a fixed 8 MB (docs/performance.md): the bench measures with it too.
    expect(flags).toEqual(['--max-semi-space-size=8', '--min-semi-space-size=8']);
  });

  it('takes no flags from a start script without any, and refuses one that does not run serve', () => {
    expect(serveNodeFlags(JSON.stringify({ scripts: { start: 'npm run build && node bin/switchyard.js serve --seed flows' } }))).toEqual([]);
    expect(() => serveNodeFlags(JSON.stringify({ scripts: { start: 'vite' } }))).toThrow(/does not run/);
  });
});
