import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../runtime/src/store/index.ts';
import { at, completedCommit, interaction, message, tempDir } from './fixtures.ts';

const ann = { id: 'contact-1', name: 'Ann', email: 'ann@example.com', phone: '+15550001', segment: 'vip', attributes: { tier: 'gold' } };
const twitterAnn = { channel: 'twitter', platformId: 'tw-user-1', handle: 'ann' };

describe('ContactRepo', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it('creates a contact with its first identity and finds it by identity, email and phone', () => {
    const { contact, created } = store.contacts.createWithIdentity(ann, twitterAnn);
    expect(created).toBe(true);
    expect(contact).toMatchObject(ann);
    expect(store.contacts.get('contact-1')).toEqual(contact);
    expect(store.contacts.findByIdentity('twitter', 'tw-user-1')).toEqual(contact);
    expect(store.contacts.findByIdentity('facebook', 'tw-user-1')).toBeUndefined();
    expect(store.contacts.findByEmail('ann@example.com')?.id).toBe('contact-1');
    expect(store.contacts.findByPhone('+15550001')?.id).toBe('contact-1');
    expect(store.contacts.identities('contact-1')).toEqual([{ contactId: 'contact-1', ...twitterAnn }]);
  });

  it('returns the existing contact when the identity is already taken, writing nothing', () => {
    const first = store.contacts.createWithIdentity(ann, twitterAnn);
    const second = store.contacts.createWithIdentity({ id: 'contact-2', name: 'Ann again', attributes: {} }, twitterAnn);
    expect(second).toEqual({ contact: first.contact, created: false });
    expect(store.contacts.get('contact-2')).toBeUndefined();

    const same = store.contacts.createWithIdentity(ann, twitterAnn);
    expect(same.created).toBe(false);
  });

  it('is race-safe across two connections to the same file', async () => {
    const temp = tempDir();
    const path = join(temp.dir, 'race.db');
    const a = openStore(path);
    const b = openStore(path);
    try {
      // Both looked the author up and found nobody, then both create.
      // Each connection group-commits at the end of the turn; await it so the other can take the write lock.
      expect(a.contacts.findByIdentity('twitter', 'tw-user-1')).toBeUndefined();
      await a.durable();
      expect(b.contacts.findByIdentity('twitter', 'tw-user-1')).toBeUndefined();
      await b.durable();
      const fromA = a.contacts.createWithIdentity(ann, twitterAnn);
      await a.durable();
      const fromB = b.contacts.createWithIdentity({ id: 'contact-b', attributes: {} }, twitterAnn);
      await b.durable();
      expect(fromA.created).toBe(true);
      expect(fromB).toEqual({ contact: fromA.contact, created: false });
      expect(a.contacts.get('contact-b')).toBeUndefined();
    } finally {
      a.close();
      b.close();
      temp.cleanup();
    }
  });

  it('adds identities to a contact, refusing one that belongs to another contact', () => {
    store.contacts.createWithIdentity(ann, twitterAnn);
    store.contacts.createWithIdentity({ id: 'contact-2', attributes: {} }, { channel: 'facebook', platformId: 'fb-2' });
    store.contacts.addIdentity({ contactId: 'contact-1', channel: 'messenger', platformId: 'psid-1' });
    store.contacts.addIdentity({ contactId: 'contact-1', channel: 'messenger', platformId: 'psid-1', handle: 'ann.m' });
    expect(store.contacts.findByIdentity('messenger', 'psid-1')?.id).toBe('contact-1');
    expect(store.contacts.identities('contact-1')).toHaveLength(2);
    expect(() => store.contacts.addIdentity({ contactId: 'contact-2', channel: 'twitter', platformId: 'tw-user-1' })).toThrow(/another contact/);
    expect(store.contacts.findByIdentity('twitter', 'tw-user-1')?.id).toBe('contact-1');
  });

  it('finds the newest open conversation active since a time and moves its last message time forward only', () => {
    store.contacts.createWithIdentity(ann, twitterAnn);
    const base = { contactId: 'contact-1', channel: 'twitter', account: 'acme-twitter', visibility: 'public', startedAt: at(0) } as const;
    store.contacts.createConversation({ ...base, id: 'old', status: 'open', lastMessageAt: at(10) });
    store.contacts.createConversation({ ...base, id: 'closed', status: 'closed', lastMessageAt: at(500) });
    store.contacts.createConversation({ ...base, id: 'recent', status: 'open', lastMessageAt: at(100), lastAgentId: 'agent-7' });

    expect(store.contacts.openConversation('contact-1', 'twitter', at(50))).toMatchObject({ id: 'recent', lastAgentId: 'agent-7' });
    expect(store.contacts.openConversation('contact-1', 'twitter', at(200))).toBeUndefined();
    expect(store.contacts.openConversation('contact-1', 'facebook', at(0))).toBeUndefined();

    store.contacts.touchConversation('old', at(300));
    expect(store.contacts.openConversation('contact-1', 'twitter', at(200))?.id).toBe('old');
    store.contacts.touchConversation('old', at(20));
    expect(store.contacts.openConversation('contact-1', 'twitter', at(200))?.lastMessageAt).toBe(at(300));
  });

  it('counts recent and still-open interactions of a contact', () => {
    expect(store.contacts.stats('contact-1', at(0))).toEqual({ recentInteractions: 0, pendingInteractions: 0 });
    const runs: Array<[n: number, state: 'queued' | 'closed']> = [
      [1, 'closed'],
      [100, 'queued'],
      [200, 'closed'],
    ];
    for (const [n, state] of runs) {
      store.executions.start(message(n), { id: `run-${n}`, flowId: 'care', flowVersion: 1 });
      store.executions.commit(completedCommit(`run-${n}`, `msg-${n}`, { at: at(n), interaction: { record: interaction(`int-${n}`, { state }) } }));
    }
    expect(store.contacts.stats('contact-1', at(50))).toEqual({ recentInteractions: 2, pendingInteractions: 1 });
    expect(store.contacts.stats('contact-2', at(0))).toEqual({ recentInteractions: 0, pendingInteractions: 0 });
  });
});
