
/**
 * What like, retweet and favorite share: a retry window, `done` first (the
 * engine resumes a waiting block by its first port on success) and `failed`.
 * Each block file keeps its own `defineBlock` so its type stays literal.
 */
export const engagementConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    retryForSeconds: { type: 'integer', minimum: 0, maximum: 86400, default: 300, description: 'keep retrying a failed attempt this long' },
  },
} as const;

export const engagementPorts = [
  { id: 'done', label: 'Done' },
  { id: 'failed', label: 'Failed' },
] as const;

export function engagementSummary(config: { retryForSeconds?: number }): string {
  return `retry for ${config.retryForSeconds ?? 300} s`;
}

