import type { Store } from '../store/types.ts';
import type { AcdEvent } from './types.ts';

/**
 * Writes one ACD decision to the store (the caller's transaction): offers,
 * interaction state and agent, subscriptions, the conversation's last agent,
 * declines (personal queues) and what an interaction leaves behind when it
 * leaves the ACD. What is written here is what `AcdService.start` rebuilds from.
 */
export function persistEvent(store: Store, event: AcdEvent, at: string): void {
  switch (event.type) {
    case 'offered': {
      const { offer } = event;
      store.acd.insertOffer({ ...offer, offeredAt: new Date(offer.offeredAt).toISOString(), expiresAt: new Date(offer.expiresAt).toISOString() });
      store.interactions.setRouting(offer.interactionId, { state: 'offered', agentId: offer.agentId }, at);
      break;
    }
    case 'offer-ended':
      store.acd.endOffer(event.offer.id, event.end, at);
      store.interactions.setRouting(event.offer.interactionId, { state: 'queued', agentId: null }, at, event.offer.agentId);
      break;
    case 'assigned': {
      if (event.via === 'offer') store.acd.endOfferFor(event.interactionId, event.agentId, 'accepted', at);
      store.interactions.setRouting(event.interactionId, { state: 'assigned', agentId: event.agentId }, at);
      const conversationId = store.interactions.get(event.interactionId)?.conversationId;
      // The conversation's last agent: a flow's route-to-queue prefers them for the customer's next message.
      if (conversationId) store.contacts.setConversationAgent(conversationId, event.agentId);
      break;
    }
    case 'subscribed':
      store.acd.subscribe(event.agentId, event.contactId, at);
      break;
    case 'overflowed': {
      const row = store.interactions.get(event.interactionId);
      if (row) store.interactions.setRouting(row.id, { state: row.state, agentId: row.agentId ?? null, queue: event.to }, at);
      break;
    }
    case 'released':
      store.interactions.setRouting(event.interactionId, { state: 'closed', agentId: event.agentId }, at);
      store.acd.forgetInteraction(event.interactionId);
      break;
    case 'removed': {
      const row = store.interactions.get(event.interactionId);
      if (row && ['queued', 'offered', 'assigned'].includes(row.state)) {
        store.interactions.setRouting(row.id, { state: 'closed', agentId: row.agentId ?? null }, at);
      }
      store.acd.forgetInteraction(event.interactionId);
      break;
    }
    case 'parked':
      // Denied or timed out: in the agent's personal queue, and not offered to them again, across restarts.
      store.acd.decline(event.interactionId, event.agentId, at);
      break;
    case 'unparked':
      store.acd.undecline(event.interactionId, event.agentId);
      break;
    default:
      // queued, preference-ended: the ACD's own bookkeeping, rebuilt at start.
      break;
  }
}
