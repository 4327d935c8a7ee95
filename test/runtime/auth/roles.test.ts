import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../runtime/src/server.ts';
import { tweet } from '../engine/fixtures.ts';
import { call } from '../routes/api.ts';
import { as, authRuntime, PASSWORD, type Tokens } from './support.ts';

type Who = keyof Tokens;

interface Group {
  name: string;
  request: () => [method: string, path: string, body?: unknown];
  allowed: Who[];
  denied: Who[];
  /** The success status. */
  ok?: number;
}

let counter = 0;
const GROUPS: Group[] = [
  { name: 'flow reads', request: () => ['GET', '/api/flows'], allowed: ['root', 'ana', 'sue', 'alice'], denied: [] },
  { name: 'flow writes (validate)', request: () => ['POST', '/api/flows/social-care/validate'], allowed: ['root', 'ana'], denied: ['sue', 'alice'] },
  {
    name: 'flow writes (publish)',
    request: () => ['POST', '/api/flows/social-care/publish', { comment: `again ${counter++}` }],
    allowed: ['ana'],
    denied: ['sue', 'alice'],
    ok: 201,
  },
  { name: 'resource reads', request: () => ['GET', '/api/resources/queue'], allowed: ['root', 'ana', 'sue', 'alice'], denied: [] },
  {
    name: 'resource writes',
    request: () => ['PUT', '/api/resources/skill/billing', { kind: 'skill', id: 'billing', name: 'Billing' }],
    allowed: ['root', 'ana'],
    denied: ['sue', 'alice'],
  },
  { name: 'flags', request: () => ['PUT', '/api/flags/service-outage', { active: false }], allowed: ['root', 'ana', 'sue'], denied: ['alice'] },
  { name: 'messages', request: () => ['POST', '/api/messages', tweet('hello', `m-${counter++}`)], allowed: ['root', 'ana'], denied: ['sue', 'alice'] },
  { name: 'interaction reads', request: () => ['GET', '/api/interactions'], allowed: ['root', 'ana', 'sue', 'alice'], denied: [] },
  { name: 'execution reads', request: () => ['GET', '/api/executions'], allowed: ['root', 'ana', 'sue', 'alice'], denied: [] },
  { name: 'outbox reads', request: () => ['GET', '/api/outbox'], allowed: ['root', 'ana', 'sue', 'alice'], denied: [] },
  { name: 'blocks', request: () => ['GET', '/api/blocks'], allowed: ['ana', 'alice'], denied: [] },
  { name: 'agents', request: () => ['GET', '/api/agents'], allowed: ['root', 'sue', 'alice'], denied: ['ana'] },
  { name: 'agent status', request: () => ['POST', '/api/agents/alice/status', { status: 'not-ready', reason: 'break' }], allowed: ['root', 'sue', 'alice'], denied: ['ana'] },
  { name: 'offers', request: () => ['POST', '/api/offers/no-such-offer/accept'], allowed: [], denied: ['ana'] },
  { name: 'work', request: () => ['POST', '/api/interactions/no-such/close'], allowed: [], denied: ['ana'] },
  { name: 'users', request: () => ['GET', '/api/users'], allowed: ['root'], denied: ['ana', 'sue', 'alice'] },
  {
    name: 'user creation',
    request: () => ['POST', '/api/users', { username: `user-${counter++}`, password: 'long enough', roles: ['analyst'] }],
    allowed: ['root'],
    denied: ['ana', 'sue', 'alice'],
    ok: 201,
  },
  { name: 'me', request: () => ['GET', '/api/auth/me'], allowed: ['root', 'ana', 'sue', 'alice'], denied: [] },
];

describe('roles on every route group (sign-in on)', () => {
  let runtime: Runtime;
  let clock: { now: number };
  let tokens: Tokens;
  beforeEach(async () => {
    ({ runtime, clock, tokens } = await authRuntime());
  });
  afterEach(() => runtime.close());

  for (const group of GROUPS) {
    it(`${group.name}: 401 without, with a bad or an expired token; 403 for a wrong role; 2xx for the right one`, async () => {
      const [method, path, body] = group.request();
      const none = await as(runtime, undefined, method, path, body);
      expect(none.status).toBe(401);
      expect((await as(runtime, 'not-a-token', method, path, body)).status).toBe(401);
      expect((await call(runtime, method, path, body, { authorization: `Basic ${tokens.root}` })).status).toBe(401);

      const fresh = (await call(runtime, 'POST', '/api/auth/login', { username: 'root', password: PASSWORD })).json.token as string;
      const start = clock.now;
      clock.now += 2 * 60 * 60 * 1000;
      expect((await as(runtime, fresh, method, path, body)).status).toBe(401);
      clock.now = start;

      for (const who of group.denied) {
        const [m, p, b] = group.request();
        const denied = await as(runtime, tokens[who], m, p, b);
        expect(denied.status, `${who} on ${m} ${p}`).toBe(403);
      }
      for (const who of group.allowed) {
        const [m, p, b] = group.request();
        const allowed = await as(runtime, tokens[who], m, p, b);
        expect(allowed.status, `${who} on ${m} ${p}: ${JSON.stringify(allowed.json)}`).toBe(group.ok ?? 200);
      }
    });
  }

  it('the route map lets the desk roles reach offers and work (404 for an unknown id, not 401/403)', async () => {
    for (const who of ['root', 'sue'] as const) {
      expect((await as(runtime, tokens[who], 'POST', '/api/offers/nope/accept')).status).toBe(404);
      expect((await as(runtime, tokens[who], 'POST', '/api/interactions/nope/close')).status).toBe(404);
    }
  });

  it('refuses a denied write without changing anything', async () => {
    const before = runtime.store.flows.get('social-care');
    expect((await as(runtime, tokens.sue, 'POST', '/api/flows/social-care/publish', { comment: 'nope' })).status).toBe(403);
    expect((await as(runtime, tokens.alice, 'DELETE', '/api/resources/agent/bob')).status).toBe(403);
    expect(runtime.store.flows.get('social-care')).toEqual(before);
    expect(runtime.store.resources.get('agent', 'bob')).toBeDefined();
  });

  it('deletes a user (admin only) and their tokens stop working', async () => {
    const ana = runtime.store.users.byUsername('ana')!;
    expect((await as(runtime, tokens.sue, 'DELETE', `/api/users/${ana.id}`)).status).toBe(403);
    expect((await as(runtime, tokens.root, 'DELETE', `/api/users/${ana.id}`)).status).toBe(200);
    expect((await as(runtime, tokens.ana, 'GET', '/api/flows')).status).toBe(401);
    expect((await as(runtime, tokens.root, 'DELETE', `/api/users/${ana.id}`)).status).toBe(404);
  });

  it('health and unknown-to-auth static paths need no token', async () => {
    expect((await runtime.app.request('/health')).status).toBe(200);
  });
});
