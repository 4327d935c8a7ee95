/**
 * What agents do on an interaction: the disposition code and close time it
 * ends with, and the messages agents send (outbound rows in `messages`,
 * linked to the outbox item that carries them and the agent who wrote them).
 */
export const sql = `
ALTER TABLE interactions ADD COLUMN disposition TEXT;
ALTER TABLE interactions ADD COLUMN closed_at TEXT;

ALTER TABLE messages ADD COLUMN outbox_id TEXT;
ALTER TABLE messages ADD COLUMN agent_id TEXT;
`;
