/**
 * Sign-in: users with a scrypt password hash (salt and parameters stored in
 * the hash string), their roles (a JSON array) and, for agents, the agent
 * resource they act as; sessions keep only the sha256 of each bearer token.
 */
export const sql = `
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  roles         TEXT NOT NULL,
  agent_id      TEXT,
  created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
`;
