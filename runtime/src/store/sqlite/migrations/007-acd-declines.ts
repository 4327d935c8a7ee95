/**
 * What the ACD kept only in memory: the offers an agent denied or let time
 * out (their personal queue, and who must not be offered the interaction
 * again), and which agent an interaction was transferred away from (not
 * routed back to them as the customer's last agent). Plus an index for
 * listing one agent's interactions.
 */
export const sql = `
CREATE TABLE acd_declines (
  interaction_id TEXT NOT NULL,
  agent_id       TEXT NOT NULL,
  at             TEXT NOT NULL,
  PRIMARY KEY (interaction_id, agent_id)
);

CREATE TABLE acd_transfer_exclusions (
  interaction_id TEXT PRIMARY KEY,
  agent_id       TEXT NOT NULL,
  at             TEXT NOT NULL
);

CREATE INDEX interactions_agent ON interactions (agent_id, created_at) WHERE agent_id IS NOT NULL;
`;
