/** The optional keyword filter every trigger block has. */
export const keywordFilterField = {
  type: 'array',
  maxItems: 200,
  items: { type: 'string', minLength: 1, maxLength: 100 },
  description: 'only messages containing one of these words, phrases or #hashtags start the flow (same matching as the keyword router)',
} as const;

/** A non-empty set of choices (events, channels); all of them when left out. */
export function choiceSet<const T extends readonly string[]>(choices: T, description: string) {
  return { type: 'array', minItems: 1, uniqueItems: true, items: { enum: choices }, description } as const;
}
