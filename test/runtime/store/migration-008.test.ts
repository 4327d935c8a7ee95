import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, openSqliteStore } from '../../../runtime/src/store/sqlite/index.ts';
import { MIGRATIONS } from '../../../runtime/src/store/sqlite/migrations/index.ts';
import { at, tempDir } from './fixtures.ts';

describe('migration 8: a run\'s steps move into one JSON column', () => {
  it('carries the old step rows over in order, details parsed, and drops the table', () => {
    const temp = tempDir();
    try {
      const path = `${temp.dir}/old.db`;
      const old = openDatabase(path, MIGRATIONS.filter((migration) => migration.version < 8));
      old.exec(`
        INSERT INTO messages (id, direction, channel, account, platform_message_id, text, message, received_at)
          VALUES ('m1', 'in', 'twitter', 'acme-twitter', 't1', 'hi', '{}', '${at(0)}');
        INSERT INTO executions (id, flow_id, flow_version, message_id, status, started_at, finished_at)
          VALUES ('r1', 'care', 1, 'm1', 'completed', '${at(0)}', '${at(1)}'), ('r2', 'care', 1, 'm1', 'running', '${at(0)}', NULL);
        INSERT INTO execution_steps (execution_id, seq, node_id, block_type, port, reason, started_at, duration_ms, details) VALUES
          ('r1', 1, 'keywords', 'keyword-router', 'billing', 'rule "billing" matched', '${at(0)}', 0.5, '{"rule":"billing"}'),
          ('r1', 0, 'start', 'twitter-trigger', 'out', 'a mention', '${at(0)}', 0.1, NULL);
      `);
      expect(migrate(old)).toEqual([8]);
      expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'execution_steps'").all()).toEqual([]);
      old.close();

      const store = openSqliteStore(path);
      expect(store.executions.get('r1')?.steps).toEqual([
        { seq: 0, nodeId: 'start', blockType: 'twitter-trigger', port: 'out', reason: 'a mention', startedAt: at(0), durationMs: 0.1 },
        { seq: 1, nodeId: 'keywords', blockType: 'keyword-router', port: 'billing', reason: 'rule "billing" matched', startedAt: at(0), durationMs: 0.5, details: { rule: 'billing' } },
      ]);
      expect(store.executions.get('r2')?.steps).toEqual([]);
      expect(store.executions.interrupted().map((run) => run.id)).toEqual(['r2']);
      store.close();
    } finally {
      temp.cleanup();
    }
  });
});
