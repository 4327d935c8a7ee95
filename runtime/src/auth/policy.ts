import type { Role } from '../store/types.ts';

/** Any signed-in user. */
export const SIGNED_IN = 'signed-in' as const;
/** No token needed. */
export const PUBLIC = 'public' as const;

export type Access = readonly Role[] | typeof SIGNED_IN | typeof PUBLIC;

interface Rule {
  methods: readonly string[] | '*';
  path: RegExp;
  access: Access;
}

const READ = ['GET', 'HEAD'] as const;
const WRITE = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
const DESK: readonly Role[] = ['agent', 'supervisor', 'admin'];

/**
 * The one place that says who may call which /api route; the first matching
 * rule wins, and a route without a rule is admin-only. /health, /webhooks/*
 * (platform signatures) and the web app are outside /api and need no token.
 */
export const ROUTE_RULES: readonly Rule[] = [
  { methods: ['POST'], path: /^\/api\/auth\/login$/, access: PUBLIC },
  { methods: '*', path: /^\/api\/auth\/(me|logout|password)$/, access: SIGNED_IN },
  { methods: '*', path: /^\/api\/users(\/[^/]+(\/password)?)?$/, access: ['admin'] },

  { methods: WRITE, path: /^\/api\/flows(\/.*)?$/, access: ['admin', 'analyst'] },
  { methods: WRITE, path: /^\/api\/resources(\/.*)?$/, access: ['admin', 'analyst'] },
  { methods: ['PUT'], path: /^\/api\/flags\/[^/]+$/, access: ['admin', 'supervisor', 'analyst'] },
  { methods: ['POST'], path: /^\/api\/messages$/, access: ['admin', 'analyst'] },

  { methods: READ, path: /^\/api\/acd\/events$/, access: ['supervisor', 'admin'] },

  // The desk: agents (only their own work, checked in the routes), supervisors, admins.
  { methods: '*', path: /^\/api\/agents(\/.*)?$/, access: DESK },
  { methods: '*', path: /^\/api\/offers\/.*$/, access: DESK },
  { methods: WRITE, path: /^\/api\/interactions\/[^/]+\/[^/]+$/, access: DESK },
  { methods: READ, path: /^\/api\/contacts\/[^/]+\/history$/, access: DESK },

  { methods: READ, path: /^\/api\/(flows|resources|flags|interactions|executions|outbox|blocks)(\/.*)?$/, access: SIGNED_IN },
];

const ADMIN_ONLY: Access = ['admin'];

export function accessFor(method: string, path: string): Access {
  for (const rule of ROUTE_RULES) {
    if ((rule.methods === '*' || rule.methods.includes(method)) && rule.path.test(path)) return rule.access;
  }
  return ADMIN_ONLY;
}
