import { createActor, type AnyStateMachine, type SnapshotFrom } from 'xstate';
import { activeNode, type MachineInput, type ResumeEvent } from './compile.ts';

type FlowSnapshot = SnapshotFrom<AnyStateMachine>;

function settled(snapshot: FlowSnapshot): boolean {
  return snapshot.status !== 'active' || activeNode(snapshot.value)?.waiting === true;
}

/**
 * Starts (or restores and resumes) one run and resolves once it has finished
 * or paused in a waiting block. Returns the actor so a pause can be persisted.
 */
export function drive(
  machine: AnyStateMachine,
  start: { input: MachineInput; snapshot?: unknown; resume?: ResumeEvent },
): Promise<{ snapshot: FlowSnapshot; persisted?: unknown }> {
  const actor = createActor(machine, {
    input: start.input,
    ...(start.snapshot !== undefined && { snapshot: start.snapshot as FlowSnapshot }),
  });
  return new Promise((resolve, reject) => {
    let resumed = start.resume === undefined;
    const check = (snapshot: FlowSnapshot) => {
      if (!resumed || !settled(snapshot)) return;
      subscription.unsubscribe();
      if (snapshot.status !== 'active') return resolve({ snapshot });
      // Paused: keep what a restart needs, then let this actor go.
      const persisted = actor.getPersistedSnapshot();
      actor.stop();
      resolve({ snapshot, persisted });
    };
    const subscription = actor.subscribe({ next: check, error: reject });
    actor.start();
    if (start.resume) {
      resumed = true;
      actor.send(start.resume);
    }
    check(actor.getSnapshot());
  });
}
