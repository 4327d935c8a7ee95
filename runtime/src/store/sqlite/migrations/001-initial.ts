/**
 * The first schema. JSON documents stay TEXT (written and read whole, never
 * queried inside); timestamps are ISO-8601 UTC strings so they sort as text.
 * Indexes follow the filters the repos run, ending in the sort column so a
 * page is read in order; lists break ties by rowid (insertion order), which
 * every index carries for free. WITHOUT ROWID only for small rows looked up
 * by their key (identities, steps): one B-tree to write instead of two.
 */
export const sql = /* sql */ `
CREATE TABLE flows (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  draft          TEXT NOT NULL,
  revision       INTEGER NOT NULL,
  updated_at     TEXT NOT NULL,
  updated_by     TEXT,
  active_version INTEGER
);

CREATE TABLE flow_versions (
  flow_id          TEXT NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
  version          INTEGER NOT NULL,
  document         TEXT NOT NULL,
  comment          TEXT NOT NULL,
  published_at     TEXT NOT NULL,
  published_by     TEXT,
  rolled_back_from INTEGER,
  PRIMARY KEY (flow_id, version)
);

CREATE TABLE resources (
  kind       TEXT NOT NULL,
  id         TEXT NOT NULL,
  document   TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);

CREATE TABLE contacts (
  id         TEXT PRIMARY KEY,
  name       TEXT,
  email      TEXT,
  phone      TEXT,
  segment    TEXT,
  attributes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX contacts_email ON contacts (email, created_at) WHERE email IS NOT NULL;
CREATE INDEX contacts_phone ON contacts (phone, created_at) WHERE phone IS NOT NULL;

-- Deferred so createWithIdentity can claim the identity first and add the contact after.
CREATE TABLE contact_identities (
  channel     TEXT NOT NULL,
  platform_id TEXT NOT NULL,
  contact_id  TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  handle      TEXT,
  PRIMARY KEY (channel, platform_id)
) WITHOUT ROWID;
CREATE INDEX contact_identities_contact ON contact_identities (contact_id);

CREATE TABLE conversations (
  id              TEXT PRIMARY KEY,
  contact_id      TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  channel         TEXT NOT NULL,
  account         TEXT NOT NULL,
  visibility      TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
  status          TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  started_at      TEXT NOT NULL,
  last_message_at TEXT NOT NULL,
  last_agent_id   TEXT
);
CREATE INDEX conversations_open ON conversations (contact_id, channel, last_message_at) WHERE status = 'open';

-- Contact and conversation ids on history rows are plain columns, not foreign
-- keys: messages, interactions and runs outlive contact merges and deletions.
CREATE TABLE interactions (
  id                    TEXT PRIMARY KEY,
  conversation_id       TEXT,
  contact_id            TEXT,
  channel               TEXT NOT NULL,
  account               TEXT NOT NULL,
  visibility            TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
  flow_id               TEXT NOT NULL,
  flow_version          INTEGER NOT NULL,
  state                 TEXT NOT NULL CHECK (state IN ('queued', 'offered', 'assigned', 'completed', 'closed', 'failed')),
  queue                 TEXT,
  skills                TEXT NOT NULL,
  priority              INTEGER NOT NULL,
  preferred_agent       TEXT,
  preferred_agent_until TEXT,
  greeting              TEXT,
  attributes            TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
);
CREATE INDEX interactions_created ON interactions (created_at);
CREATE INDEX interactions_state ON interactions (state, created_at);
CREATE INDEX interactions_queue ON interactions (queue, created_at) WHERE queue IS NOT NULL;
CREATE INDEX interactions_contact ON interactions (contact_id, created_at) WHERE contact_id IS NOT NULL;
CREATE INDEX interactions_flow ON interactions (flow_id, created_at);
CREATE INDEX interactions_open ON interactions (conversation_id, created_at)
  WHERE state IN ('queued', 'offered', 'assigned');

CREATE TABLE messages (
  id                  TEXT PRIMARY KEY,
  direction           TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  channel             TEXT NOT NULL,
  account             TEXT NOT NULL,
  platform_message_id TEXT NOT NULL,
  contact_id          TEXT,
  conversation_id     TEXT,
  interaction_id      TEXT REFERENCES interactions(id),
  text                TEXT NOT NULL,
  message             TEXT NOT NULL,
  received_at         TEXT NOT NULL,
  UNIQUE (channel, account, platform_message_id)
);
CREATE INDEX messages_contact ON messages (contact_id, received_at) WHERE contact_id IS NOT NULL;
CREATE INDEX messages_conversation ON messages (conversation_id, received_at) WHERE conversation_id IS NOT NULL;
CREATE INDEX messages_interaction ON messages (interaction_id, received_at) WHERE interaction_id IS NOT NULL;
CREATE INDEX messages_received ON messages (received_at);

CREATE TABLE executions (
  id             TEXT PRIMARY KEY,
  flow_id        TEXT NOT NULL,
  flow_version   INTEGER NOT NULL,
  message_id     TEXT NOT NULL REFERENCES messages(id),
  interaction_id TEXT,
  status         TEXT NOT NULL CHECK (status IN ('running', 'waiting', 'completed', 'failed')),
  started_at     TEXT NOT NULL,
  finished_at    TEXT,
  wait_key       TEXT,
  error          TEXT,
  snapshot       TEXT
);
CREATE INDEX executions_started ON executions (started_at);
CREATE INDEX executions_flow ON executions (flow_id, started_at);
CREATE INDEX executions_status ON executions (status, started_at);
CREATE INDEX executions_message ON executions (message_id);
CREATE INDEX executions_interaction ON executions (interaction_id) WHERE interaction_id IS NOT NULL;
CREATE INDEX executions_waiting ON executions (wait_key, started_at) WHERE wait_key IS NOT NULL;

CREATE TABLE execution_steps (
  execution_id TEXT NOT NULL REFERENCES executions(id) ON DELETE CASCADE,
  seq          INTEGER NOT NULL,
  node_id      TEXT NOT NULL,
  block_type   TEXT NOT NULL,
  port         TEXT,
  reason       TEXT NOT NULL,
  started_at   TEXT NOT NULL,
  duration_ms  REAL NOT NULL,
  details      TEXT,
  PRIMARY KEY (execution_id, seq)
) WITHOUT ROWID;

CREATE TABLE outbox (
  id                 TEXT PRIMARY KEY,
  execution_id       TEXT REFERENCES executions(id),
  interaction_id     TEXT,
  action             TEXT NOT NULL,
  channel            TEXT NOT NULL,
  account            TEXT NOT NULL,
  visibility         TEXT,
  text               TEXT,
  target             TEXT NOT NULL,
  retry_for_seconds  INTEGER NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
  attempts           INTEGER NOT NULL,
  next_attempt_at    TEXT NOT NULL,
  deadline_at        TEXT NOT NULL,
  last_error         TEXT,
  platform_result_id TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_status ON outbox (status, created_at);
CREATE INDEX outbox_execution ON outbox (execution_id) WHERE execution_id IS NOT NULL;
CREATE INDEX outbox_interaction ON outbox (interaction_id, created_at) WHERE interaction_id IS NOT NULL;
`;
