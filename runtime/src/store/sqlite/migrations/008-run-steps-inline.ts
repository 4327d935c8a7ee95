/**
 * A run's steps live in one JSON array on its execution row instead of one
 * row each: a run of 8 steps is one insert, not 9, and the steps are only
 * ever read with their run. The status index keeps only the runs that can
 * still change (running, waiting): finished runs are found by time or flow.
 */
export const sql = `
ALTER TABLE executions ADD COLUMN steps TEXT NOT NULL DEFAULT '[]';

UPDATE executions SET steps = COALESCE((
  SELECT json_group_array(json(step)) FROM (
    SELECT json_object(
      'seq', seq, 'nodeId', node_id, 'blockType', block_type, 'port', port, 'reason', reason,
      'startedAt', started_at, 'durationMs', duration_ms, 'details', json(details)
    ) AS step
    FROM execution_steps WHERE execution_steps.execution_id = executions.id ORDER BY seq
  )
), '[]');

DROP TABLE execution_steps;

DROP INDEX executions_status;
CREATE INDEX executions_open ON executions (status, started_at) WHERE status IN ('running', 'waiting');
`;
