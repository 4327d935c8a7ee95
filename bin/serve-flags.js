// The Node flags `switchyard serve` runs with: a young generation of a fixed 8 MB. V8 otherwise
// grows and shrinks it by the share of objects that survive, and under load that fed back into
// the latency: half the server's runs fell into a mode with twice the collection pauses and a
// p99 of ≈ 22 ms instead of ≈ 16 (docs/performance.md). V8 takes them only when a process starts.
export const SERVE_NODE_FLAGS = ['--max-semi-space-size=8', '--min-semi-space-size=8'];

/** The flags of `SERVE_NODE_FLAGS` that `execArgv` lacks (a size the user gave stays theirs). */
export function missingServeFlags(execArgv) {
  return SERVE_NODE_FLAGS.filter((flag) => {
    const name = flag.split('=')[0];
    return !execArgv.some((arg) => arg.startsWith(`${name}=`));
  });
}
