import { describe, expect, it } from 'vitest';
import { simulateBodySchema } from '../../schemas/api.ts';
import { messageSchema } from '../../schemas/message.ts';
import { schemaProblems } from '../../schemas/schema-check.ts';

describe('schemaProblems', () => {
  it('checks a schema that another one already registered by its $id (message inside the simulate body)', () => {
    expect(schemaProblems(simulateBodySchema, { message: {} })[0]?.pointer).toBe('/message/channel');
    expect(schemaProblems(messageSchema, {})[0]?.pointer).toBe('/channel');
  });
});
