import { newId } from '../ids.ts';
import type { ResourceByKind, ResourceKind } from '../../../schemas/resources/index.ts';
import type { ContactRepo, ResourceRepo } from '../store/types.ts';
import type { ContactService, ResourceReader, StoredMessage } from './types.ts';

/**
 * Resources read on every step come from memory; the API invalidates the
 * cache whenever it writes one, so a toggled emergency flag applies at once.
 */
export class CachedResources implements ResourceReader {
  private cache = new Map<string, unknown>();
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly repo: ResourceRepo) {}

  get<K extends ResourceKind>(kind: K, id: string): ResourceByKind[K] | undefined {
    const key = `${kind}\u0000${id}`;
    if (!this.cache.has(key)) this.cache.set(key, this.repo.get(kind, id));
    return this.cache.get(key) as ResourceByKind[K] | undefined;
  }

  invalidate(): void {
    this.cache.clear();
    for (const listener of this.listeners) listener();
  }

  /** Told after every invalidation (the engine's workers hold copies). */
  onInvalidate(listener: () => void): void {
    this.listeners.push(listener);
  }
}

/** Resources from documents in memory: the CLI's files. */
export function resourcesFrom(documents: ReadonlyArray<{ kind: string; id: string }>): ResourceReader {
  const byKey = new Map(documents.map((document) => [`${document.kind}\u0000${document.id}`, document]));
  return { get: (kind, id) => byKey.get(`${kind}\u0000${id}`) as never };
}

const HOUR = 3600_000;

function hoursAgo(now: Date, hours: number): string {
  return new Date(now.getTime() - hours * HOUR).toISOString();
}

/**
 * Contact lookup for live runs: finds by platform identity, then email or
 * phone (adding the new identity), creates when allowed, and joins the open
 * conversation within the continuity window or opens one.
 */
export function liveContacts(repo: ContactRepo, now: () => Date): ContactService {
  return {
    identify(message, options) {
      const found = find(repo, message, options.matchBy);
      let contact = found?.contact;
      let isNew = false;
      if (found && found.matchedBy !== 'identity') {
        repo.addIdentity({ contactId: found.contact.id, channel: message.channel, platformId: message.author.id, handle: message.author.handle });
      }
      if (!contact) {
        if (!options.createIfMissing) return {};
        const created = repo.createWithIdentity(
          {
            id: newId(),
            name: message.author.name ?? message.author.handle,
            email: message.author.email,
            phone: message.author.phone,
            attributes: {},
          },
          { channel: message.channel, platformId: message.author.id, handle: message.author.handle },
        );
        contact = created.contact;
        isNew = created.created;
      }
      const at = now();
      const open = repo.openConversation(contact.id, message.channel, hoursAgo(at, options.continuityHours));
      const view = { id: contact.id, name: contact.name, email: contact.email, phone: contact.phone, segment: contact.segment, attributes: contact.attributes, isNew };
      if (open) {
        repo.touchConversation(open.id, at.toISOString());
        return { contact: view, conversation: { id: open.id, isNew: false, lastAgentId: open.lastAgentId }, matchedBy: found?.matchedBy };
      }
      const conversation = repo.createConversation({
        id: newId(),
        contactId: contact.id,
        channel: message.channel,
        account: message.account,
        visibility: message.visibility,
        status: 'open',
        startedAt: at.toISOString(),
        lastMessageAt: at.toISOString(),
      });
      return { contact: view, conversation: { id: conversation.id, isNew: true }, matchedBy: found?.matchedBy };
    },
    stats(contactId, withinHours, at) {
      return repo.stats(contactId, hoursAgo(at, withinHours));
    },
  };
}

/** Contact lookup for simulations: reads what exists, invents what a live run would create, writes nothing. */
export function dryContacts(repo: ContactRepo | undefined, now: () => Date): ContactService {
  return {
    identify(message, options) {
      const found = repo ? find(repo, message, options.matchBy) : undefined;
      if (!found) {
        if (!options.createIfMissing) return {};
        return {
          contact: { id: 'simulated-contact', name: message.author.name ?? message.author.handle, attributes: {}, isNew: true },
          conversation: { id: 'simulated-conversation', isNew: true },
        };
      }
      const { contact } = found;
      const open = repo?.openConversation(contact.id, message.channel, hoursAgo(now(), options.continuityHours));
      return {
        contact: { id: contact.id, name: contact.name, email: contact.email, phone: contact.phone, segment: contact.segment, attributes: contact.attributes, isNew: false },
        conversation: open ? { id: open.id, isNew: false, lastAgentId: open.lastAgentId } : { id: 'simulated-conversation', isNew: true },
        matchedBy: found.matchedBy,
      };
    },
    stats(contactId, withinHours, at) {
      return repo && contactId !== 'simulated-contact' ? repo.stats(contactId, hoursAgo(at, withinHours)) : { recentInteractions: 0, pendingInteractions: 0 };
    },
  };
}

function find(repo: ContactRepo, message: StoredMessage, matchBy: Array<'identity' | 'email' | 'phone'>) {
  for (const way of matchBy) {
    const contact =
      way === 'identity'
        ? repo.findByIdentity(message.channel, message.author.id)
        : way === 'email'
          ? message.author.email && repo.findByEmail(message.author.email)
          : (message.author.phone ?? (message.channel === 'whatsapp' ? message.author.id : undefined)) &&
            repo.findByPhone(message.author.phone ?? message.author.id);
    if (contact) return { contact, matchedBy: way };
  }
  return undefined;
}
