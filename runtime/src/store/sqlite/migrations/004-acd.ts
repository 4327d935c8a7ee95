/**
 * The ACD's durable state: each agent's status (the agent itself is a
 * resource), the customers each agent served (subscriptions, for last-agent
 * routing), which agent holds an interaction, and the offers made. Enough to
 * restore waiting work and agent states after a restart.
 */
export const sql = `
CREATE TABLE agent_state (
  agent_id   TEXT PRIMARY KEY,
  status     TEXT NOT NULL CHECK (status IN ('available', 'not-ready', 'offline')),
  reason     TEXT,
  idle_since TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE agent_subscriptions (
  agent_id   TEXT NOT NULL,
  contact_id TEXT NOT NULL,
  at         TEXT NOT NULL,
  PRIMARY KEY (agent_id, contact_id)
);

ALTER TABLE interactions ADD COLUMN agent_id TEXT;
CREATE INDEX interactions_routed ON interactions (state, created_at) WHERE state IN ('queued', 'offered', 'assigned');

CREATE TABLE offers (
  id             TEXT PRIMARY KEY,
  interaction_id TEXT NOT NULL,
  agent_id       TEXT NOT NULL,
  offered_at     TEXT NOT NULL,
  expires_at     TEXT NOT NULL,
  ended_at       TEXT,
  end_reason     TEXT CHECK (end_reason IN ('accepted', 'denied', 'expired', 'withdrawn', 'taken'))
);
CREATE INDEX offers_interaction ON offers (interaction_id);
CREATE INDEX offers_open ON offers (agent_id) WHERE ended_at IS NULL;
`;
