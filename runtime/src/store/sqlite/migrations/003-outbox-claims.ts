/**
 * Outbox claims: a dispatcher claims the items it is about to send (a lease,
 * by moving next_attempt_at forward) so neither its next drain nor another
 * dispatcher on the same database sends them again meanwhile. The claim id
 * lets the claimant, and only it, record the attempt's failure; sending_since
 * shows an attempt in flight.
 */
export const sql = `
ALTER TABLE outbox ADD COLUMN claim_id TEXT;
ALTER TABLE outbox ADD COLUMN sending_since TEXT;
`;
