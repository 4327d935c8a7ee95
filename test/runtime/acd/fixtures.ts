import { Acd, type AcdEvent, type AcdOptions, type Agent, type WaitingInteraction } from '../../../runtime/src/acd/index.ts';

export const T0 = Date.parse('2026-03-02T10:00:00Z');

/** An ACD on a hand-driven clock that records its events. */
export function harness(options: AcdOptions = {}) {
  const clock = { now: T0 };
  let offers = 0;
  const acd = new Acd({ now: () => clock.now, newOfferId: () => `o${++offers}`, ...options });
  const events: AcdEvent[] = [];
  acd.on((event) => events.push(event));
  return {
    acd,
    events,
    /** Moves the clock on and fires what is due. */
    advance(ms: number) {
      clock.now += ms;
      acd.tick();
    },
    get now() {
      return clock.now;
    },
    /** Offer ids made so far to the agent, oldest first. */
    offersTo(agentId: string): string[] {
      return events.flatMap((e) => (e.type === 'offered' && e.offer.agentId === agentId ? [e.offer.id] : []));
    },
    offeredTo(interactionId: string): string[] {
      return events.flatMap((e) => (e.type === 'offered' && e.offer.interactionId === interactionId ? [e.offer.agentId] : []));
    },
    lastOffer(interactionId: string) {
      return acd.interaction(interactionId)?.offer;
    },
    clock,
  };
}

export function agent(id: string, fields: Partial<Agent> = {}): Agent {
  return { id, name: id, skills: {}, groups: [], capacity: { public: 1, private: 3 }, status: 'available', ...fields } as Agent;
}

export function interaction(id: string, fields: Partial<WaitingInteraction> = {}): WaitingInteraction {
  return { id, queue: 'care', skills: [], priority: 0, enqueuedAt: T0, channel: 'twitter', visibility: 'public', ...fields };
}
