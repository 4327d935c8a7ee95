import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, openStore, type Store } from '../../../runtime/src/store/index.ts';
import { flow } from './fixtures.ts';

describe('FlowRepo', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it('creates a draft at revision 1 and refuses a second flow with the same id', () => {
    const record = store.flows.create(flow(), 'ana');
    expect(record).toMatchObject({ id: 'care', name: 'Customer care', revision: 1, updatedBy: 'ana' });
    expect(record.activeVersion).toBeUndefined();
    expect(record.draft.revision).toBe(1);
    expect(store.flows.get('care')).toEqual(record);

    const error = captureError(() => store.flows.create(flow({ name: 'Other' })));
    expect(error).toBeInstanceOf(ConflictError);
    expect(store.flows.get('care')?.name).toBe('Customer care');
  });

  it('saves with the current revision and refuses a stale one, leaving the draft unchanged', () => {
    store.flows.create(flow());
    const saved = store.flows.save(flow({ name: 'Care v2' }), 1, 'ben');
    expect(saved).toMatchObject({ revision: 2, name: 'Care v2', updatedBy: 'ben' });
    expect(saved.draft).toMatchObject({ name: 'Care v2', revision: 2 });

    const error = captureError(() => store.flows.save(flow({ name: 'Overwrite' }), 1, 'cleo'));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ currentRevision: 2 });
    expect(store.flows.get('care')).toEqual(saved);
  });

  it('refuses to save a flow that does not exist', () => {
    expect(() => store.flows.save(flow({ id: 'ghost' }), 1)).toThrow(NotFoundError);
  });

  it('publishes numbered versions, makes the newest active and keeps old ones frozen', () => {
    store.flows.create(flow());
    const first = store.flows.publish('care', flow(), 'first cut', 'ana');
    expect(first).toMatchObject({ flowId: 'care', version: 1, comment: 'first cut', publishedBy: 'ana' });
    expect(store.flows.get('care')?.activeVersion).toBe(1);

    store.flows.save(flow({ name: 'Care v2' }), 1);
    const second = store.flows.publish('care', flow({ name: 'Care v2' }), 'renamed');
    expect(second.version).toBe(2);
    expect(store.flows.get('care')?.activeVersion).toBe(2);
    expect(store.flows.version('care', 1)?.document.name).toBe('Customer care');
    expect(store.flows.versions('care').map((version) => version.version)).toEqual([1, 2]);
  });

  it('rolls back by republishing an old document as a new version', () => {
    store.flows.create(flow());
    store.flows.publish('care', flow(), 'v1');
    store.flows.publish('care', flow({ name: 'Broken' }), 'v2');
    const old = store.flows.version('care', 1)!;
    const rollback = store.flows.publish('care', old.document, 'back to v1', 'ana', 1);
    expect(rollback).toMatchObject({ version: 3, rolledBackFrom: 1 });
    expect(store.flows.get('care')?.activeVersion).toBe(3);
    expect(store.flows.version('care', 3)?.document).toEqual(old.document);
    expect(store.flows.active()).toEqual([store.flows.version('care', 3)]);
  });

  it('refuses to publish an unknown flow or roll back to a missing version, writing nothing', () => {
    expect(() => store.flows.publish('ghost', flow({ id: 'ghost' }), 'x')).toThrow(NotFoundError);
    store.flows.create(flow());
    expect(() => store.flows.publish('care', flow(), 'x', undefined, 7)).toThrow(NotFoundError);
    expect(store.flows.versions('care')).toEqual([]);
    expect(store.flows.get('care')?.activeVersion).toBeUndefined();
  });

  it('lists active versions only for flows that have one', () => {
    store.flows.create(flow({ id: 'a' }));
    store.flows.create(flow({ id: 'b' }));
    store.flows.publish('b', flow({ id: 'b' }), 'go');
    expect(store.flows.list().map((record) => record.id)).toEqual(['a', 'b']);
    expect(store.flows.active().map((version) => [version.flowId, version.version])).toEqual([['b', 1]]);
  });

  it('deletes a flow with its versions', () => {
    store.flows.create(flow());
    store.flows.publish('care', flow(), 'v1');
    expect(store.flows.delete('care')).toBe(true);
    expect(store.flows.get('care')).toBeUndefined();
    expect(store.flows.versions('care')).toEqual([]);
    expect(store.flows.active()).toEqual([]);
    expect(store.flows.delete('care')).toBe(false);
  });
});

function captureError(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
