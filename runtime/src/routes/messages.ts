import { Hono } from 'hono';
import { messageSchema, type InboundMessage } from '../../../schemas/message.ts';
import { readJson } from '../http/body.ts';
import type { AppDeps } from '../http/deps.ts';
import { ApiError } from '../http/errors.ts';

/**
 * `POST /api/messages`: the channel-independent way in. One normalized
 * message is stored, then the published flow of its account runs on it.
 */
export function messageRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    const message = (await readJson(c, messageSchema)) as InboundMessage;
    if (!deps.engine.resources.get('account', message.account)) {
      throw new ApiError(400, `invalid message: /account: unknown account "${message.account}"`, { pointer: '/account' });
    }
    const outcome = await deps.engine.receive(message);
    if (outcome.status === 'duplicate') {
      return c.json({ status: 'duplicate', message: 'this platform message id was received before; the flow ran once' }, 200);
    }
    return c.json(outcome, outcome.status === 'no-flow' ? 202 : 200);
  });
  return app;
}
