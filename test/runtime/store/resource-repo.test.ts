import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../runtime/src/store/index.ts';

describe('ResourceRepo', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it('puts, replaces, lists by kind and deletes resources', () => {
    store.resources.put({ kind: 'skill', id: 'english', name: 'English' });
    store.resources.put({ kind: 'skill', id: 'billing', name: 'Billing' });
    store.resources.put({ kind: 'flag', id: 'outage', name: 'Outage', active: false });
    store.resources.put({ kind: 'flag', id: 'outage', name: 'Outage', active: true, message: 'Payments are down' });

    expect(store.resources.get('flag', 'outage')).toEqual({ kind: 'flag', id: 'outage', name: 'Outage', active: true, message: 'Payments are down' });
    expect(store.resources.get('skill', 'outage')).toBeUndefined();
    expect(store.resources.list('skill').map((resource) => resource.id)).toEqual(['billing', 'english']);
    expect(store.resources.list()).toHaveLength(3);

    expect(store.resources.delete('skill', 'billing')).toBe(true);
    expect(store.resources.delete('skill', 'billing')).toBe(false);
    expect(store.resources.list('skill').map((resource) => resource.id)).toEqual(['english']);
  });
});
