import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../runtime/src/store/index.ts';
import { ConflictError, type UserRecord } from '../../../runtime/src/store/types.ts';
import { T0 } from './fixtures.ts';

function user(id: string, username: string, overrides: Partial<UserRecord> = {}): UserRecord {
  return { id, username, passwordHash: `scrypt$hash-of-${id}`, roles: ['analyst'], createdAt: T0, ...overrides };
}

describe('UserRepo', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it('creates users, with or without an agent, and finds them by id and username', () => {
    store.users.create(user('u-1', 'ana'));
    store.users.create(user('u-2', 'ben', { roles: ['agent'], agentId: 'agent-ben' }));
    expect(store.users.get('u-1')).toEqual(user('u-1', 'ana'));
    expect(store.users.byUsername('ben')).toEqual(user('u-2', 'ben', { roles: ['agent'], agentId: 'agent-ben' }));
    expect(store.users.count()).toBe(2);
  });

  it('refuses a taken username and keeps the first user', () => {
    store.users.create(user('u-1', 'ana'));
    expect(() => store.users.create(user('u-2', 'ana'))).toThrow(ConflictError);
    expect(store.users.get('u-2')).toBeUndefined();
    expect(store.users.byUsername('ana')?.id).toBe('u-1');
  });
});
