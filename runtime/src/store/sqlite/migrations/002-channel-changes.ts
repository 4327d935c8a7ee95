/**
 * What channels tell us after a message arrived: edits and removals of the
 * customer's message (the agent must see them), and the delivery status of
 * what we sent (WhatsApp statuses).
 */
export const sql = `
ALTER TABLE messages ADD COLUMN edited_at TEXT;
ALTER TABLE messages ADD COLUMN deleted_at TEXT;
ALTER TABLE messages ADD COLUMN original_text TEXT;

ALTER TABLE interactions ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';

ALTER TABLE outbox ADD COLUMN delivery_status TEXT;
ALTER TABLE outbox ADD COLUMN delivery_error TEXT;
CREATE INDEX outbox_platform_result ON outbox (channel, platform_result_id) WHERE platform_result_id IS NOT NULL;
`;
