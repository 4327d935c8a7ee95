import { Hono } from 'hono';
import { flagBodySchema } from '../../../schemas/api.ts';
import { blockDefinition } from '../../../schemas/blocks/index.ts';
import { isResourceKind, RESOURCE_KINDS, type Flag, type Resource, type ResourceKind } from '../../../schemas/resources/index.ts';
import { validateResource } from '../../../schemas/validate.ts';
import { readJson } from '../http/body.ts';
import { storeIndex, type AppDeps } from '../http/deps.ts';
import { ApiError } from '../http/errors.ts';

export function resourceRoutes(deps: AppDeps): Hono {
  const { store, engine } = deps;
  const app = new Hono();

  const kindOf = (raw: string): ResourceKind => {
    if (!isResourceKind(raw)) throw new ApiError(404, `unknown resource kind "${raw}" (known: ${RESOURCE_KINDS.join(', ')})`);
    return raw;
  };

  const check = async (kind: ResourceKind, body: Promise<unknown>, id?: string): Promise<Resource> => {
    const document = await body;
    const problems = validateResource(document, storeIndex(deps));
    if (problems.length > 0) throw ApiError.invalid(problems, kind);
    const resource = document as Resource;
    if (resource.kind !== kind) throw new ApiError(400, `kind "${resource.kind}" does not match the URL ("${kind}")`, { pointer: '/kind' });
    if (id !== undefined && resource.id !== id) throw new ApiError(400, `id "${resource.id}" does not match the URL ("${id}")`, { pointer: '/id' });
    return resource;
  };

  const save = (resource: Resource) => {
    const saved = store.resources.put(resource);
    engine.resources.invalidate();
    deps.acd?.resourceChanged(saved);
    return saved;
  };

  app.get('/', (c) => c.json({ resources: store.resources.list() }));

  app.get('/:kind', (c) => c.json({ resources: store.resources.list(kindOf(c.req.param('kind'))) }));

  app.get('/:kind/:id', (c) => {
    const kind = kindOf(c.req.param('kind'));
    const resource = store.resources.get(kind, c.req.param('id'));
    if (!resource) throw ApiError.notFound(`${kind} "${c.req.param('id')}"`);
    return c.json({ resource });
  });

  app.post('/:kind', async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const resource = await check(kind, readJson(c));
    if (store.resources.get(kind, resource.id)) throw new ApiError(409, `${kind} "${resource.id}" already exists`, { pointer: '/id' });
    return c.json({ resource: save(resource) }, 201);
  });

  app.put('/:kind/:id', async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const existed = store.resources.get(kind, c.req.param('id')) !== undefined;
    const resource = await check(kind, readJson(c), c.req.param('id'));
    return c.json({ resource: save(resource) }, existed ? 200 : 201);
  });

  app.delete('/:kind/:id', (c) => {
    const kind = kindOf(c.req.param('kind'));
    const id = c.req.param('id');
    const removed = store.resources.get(kind, id);
    if (!removed) throw ApiError.notFound(`${kind} "${id}"`);
    const users = publishedUsers(deps, kind, id);
    if (users.length > 0) {
      throw new ApiError(409, `${kind} "${id}" is used by published flow(s) ${users.join(', ')}: change them first`, { flows: users });
    }
    store.resources.delete(kind, id);
    engine.resources.invalidate();
    deps.acd?.resourceChanged(removed, true);
    return c.body(null, 204);
  });

  return app;
}

/** `PUT /api/flags/:id {active}`: the supervisor's emergency switch. */
export function flagRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.put('/:id', async (c) => {
    const body = (await readJson(c, flagBodySchema)) as { active: boolean; message?: string };
    const flag = deps.store.resources.get('flag', c.req.param('id')) as Flag | undefined;
    if (!flag) throw ApiError.notFound(`flag "${c.req.param('id')}"`);
    const updated: Flag = { ...flag, active: body.active, ...(body.message !== undefined && { message: body.message }) };
    deps.store.resources.put(updated);
    deps.engine.resources.invalidate();
    deps.log(`emergency flag "${flag.id}" turned ${body.active ? 'on' : 'off'}`);
    return c.json({ resource: updated });
  });
  return app;
}

/** Active published versions whose nodes reference the resource. */
function publishedUsers(deps: AppDeps, kind: ResourceKind, id: string): string[] {
  const users = new Set<string>();
  for (const version of deps.store.flows.active()) {
    if (kind === 'account' && version.document.trigger.accounts.includes(id)) users.add(version.flowId);
    for (const node of version.document.nodes) {
      const refs = blockDefinition(node.type)?.references?.(node.config) ?? [];
      if (refs.some((ref) => ref.kind === kind && ref.id === id)) users.add(version.flowId);
    }
  }
  return [...users];
}
