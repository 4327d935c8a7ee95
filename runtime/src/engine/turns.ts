let turn: Promise<void> | undefined;

/**
 * Resolves once the event loop has handled every request that is ready now
 * (at its check phase), the same promise for all callers of one turn. Runs
 * that wait for it start together and step through their flows in lockstep,
 * block by block, instead of one whole run per request with HTTP parsing in
 * between: the same code runs back to back while it is hot in the CPU's
 * caches, and the runs of a turn share one group commit. Under load it cuts
 * the CPU a message costs by about a third, for a wait of at most one turn.
 */
export function nextTurn(): Promise<void> {
  turn ??= new Promise((resolve) =>
    setImmediate(() => {
      turn = undefined;
      resolve();
    }),
  );
  return turn;
}
