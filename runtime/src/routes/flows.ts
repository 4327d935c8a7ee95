import { Hono, type Context } from 'hono';
import { publishBodySchema, rollbackBodySchema, simulateBodySchema } from '../../../schemas/api.ts';
import type { Flow } from '../../../schemas/flow.ts';
import type { InboundMessage } from '../../../schemas/message.ts';
import { hasErrors, validateFlow, type Problem } from '../../../schemas/validate.ts';
import { readJson } from '../http/body.ts';
import { storeIndex, type AppDeps } from '../http/deps.ts';
import { ApiError } from '../http/errors.ts';
import { ConflictError, type FlowRecord } from '../store/types.ts';

/** Saving keeps work in progress, but never an unknown block type or version (those could not be opened again). */
const SAVE_BLOCKER = /^\/nodes\/\d+\/(type|version)$/;

/** Who saved or published: the signed-in user (none when sign-in is off — never a header a client could claim). */
function editor(c: Context): string | undefined {
  return c.get('user')?.username;
}

function summary(record: FlowRecord) {
  return {
    id: record.id,
    name: record.name,
    description: record.draft.description,
    revision: record.revision,
    activeVersion: record.activeVersion ?? null,
    status: record.activeVersion ? 'published' : 'draft',
    updatedAt: record.updatedAt,
    updatedBy: record.updatedBy ?? null,
  };
}

/** The summary with the draft, carrying the revision a save must send back. */
function withDraft(record: FlowRecord) {
  return { ...summary(record), draft: { ...record.draft, revision: record.revision } };
}

export function flowRoutes(deps: AppDeps): Hono {
  const { store, engine } = deps;
  const app = new Hono();

  /** Checks a draft for saving: shape errors reject it; graph and config problems are reported, not blocking. */
  const checkDraft = (document: unknown): { flow: Flow; problems: Problem[] } => {
    const { flow, problems } = validateFlow(document, storeIndex(deps));
    if (!flow) throw ApiError.invalid(problems, 'flow');
    const blockers = problems.filter((problem) => SAVE_BLOCKER.test(problem.pointer));
    if (blockers.length > 0) throw ApiError.invalid(blockers, 'flow');
    return { flow, problems };
  };

  const mustGet = (id: string) => store.flows.get(id) ?? (() => { throw ApiError.notFound(`flow "${id}"`); })();

  app.get('/', (c) => c.json({ flows: store.flows.list().map(summary) }));

  app.post('/', async (c) => {
    const { flow, problems } = checkDraft(await readJson(c));
    if (store.flows.get(flow.id)) throw new ApiError(409, `flow "${flow.id}" already exists`, { pointer: '/id' });
    const { revision: _ignored, ...draft } = flow;
    const record = store.flows.create(draft, editor(c));
    return c.json({ flow: { ...summary(record), draft: record.draft }, problems }, 201);
  });

  app.get('/:id', (c) => {
    const record = mustGet(c.req.param('id'));
    return c.json({ flow: withDraft(record) });
  });

  app.put('/:id', async (c) => {
    const id = c.req.param('id');
    mustGet(id);
    const { flow, problems } = checkDraft(await readJson(c));
    if (flow.id !== id) throw new ApiError(400, `flow id "${flow.id}" does not match the URL ("${id}")`, { pointer: '/id' });
    if (flow.revision === undefined) {
      throw new ApiError(400, 'revision is required: send the revision you loaded, so a newer save is not overwritten', { pointer: '/revision' });
    }
    const { revision, ...draft } = flow;
    try {
      const record = store.flows.save(draft, revision, editor(c));
      return c.json({ flow: withDraft(record), problems });
    } catch (error) {
      if (error instanceof ConflictError) {
        throw new ApiError(409, `flow "${id}" was saved by someone else (revision ${error.currentRevision}, yours ${revision}): reload or overwrite`, {
          pointer: '/revision',
          currentRevision: error.currentRevision,
        });
      }
      throw error;
    }
  });

  app.delete('/:id', (c) => {
    if (!store.flows.delete(c.req.param('id'))) throw ApiError.notFound(`flow "${c.req.param('id')}"`);
    engine.reloadFlows();
    return c.body(null, 204);
  });

  app.post('/:id/validate', (c) => {
    const record = mustGet(c.req.param('id'));
    const { problems } = validateFlow(record.draft, storeIndex(deps));
    return c.json({ valid: !hasErrors(problems), problems });
  });

  const publish = (flowId: string, document: Flow, comment: string, by: string | undefined, rolledBackFrom?: number) => {
    const { flow, problems } = validateFlow(document, storeIndex(deps));
    const clashes: Problem[] = [];
    flow?.trigger.accounts.forEach((account, index) => {
      const owner = engine.flowForAccount(account);
      if (owner && owner.flowId !== flowId) {
        clashes.push({ pointer: `/trigger/accounts/${index}`, message: `account "${account}" already starts published flow "${owner.flowId}"`, severity: 'error' });
      }
    });
    const errors = [...problems, ...clashes].filter((problem) => problem.severity === 'error');
    if (!flow || errors.length > 0) throw ApiError.invalid(errors, 'flow: it cannot be published until these are fixed');
    const version = store.flows.publish(flowId, flow, comment, by, rolledBackFrom);
    engine.reloadFlows();
    return version;
  };

  app.post('/:id/publish', async (c) => {
    const body = (await readJson(c, publishBodySchema)) as { comment: string };
    const record = mustGet(c.req.param('id'));
    const version = publish(record.id, record.draft, body.comment, editor(c));
    return c.json({ version: versionSummary(version) }, 201);
  });

  app.get('/:id/versions', (c) => {
    const record = mustGet(c.req.param('id'));
    return c.json({ activeVersion: record.activeVersion ?? null, versions: store.flows.versions(record.id).map(versionSummary) });
  });

  app.get('/:id/versions/:version', (c) => {
    const record = mustGet(c.req.param('id'));
    const number = Number(c.req.param('version'));
    const version = Number.isInteger(number) ? store.flows.version(record.id, number) : undefined;
    if (!version) throw ApiError.notFound(`version ${c.req.param('version')} of flow "${record.id}"`);
    return c.json({ version: { ...versionSummary(version), document: version.document } });
  });

  app.post('/:id/rollback', async (c) => {
    const body = (await readJson(c, rollbackBodySchema)) as { version: number; comment?: string };
    const record = mustGet(c.req.param('id'));
    const old = store.flows.version(record.id, body.version);
    if (!old) throw new ApiError(404, `version ${body.version} of flow "${record.id}" not found`, { pointer: '/version' });
    const version = publish(record.id, old.document, body.comment ?? `rollback to version ${body.version}`, editor(c), body.version);
    return c.json({ version: versionSummary(version) }, 201);
  });

  app.post('/:id/simulate', async (c) => {
    const body = (await readJson(c, simulateBodySchema)) as { message: InboundMessage; at?: string; version?: number };
    const record = mustGet(c.req.param('id'));
    let document: Flow = record.draft;
    if (body.version !== undefined) {
      const version = store.flows.version(record.id, body.version);
      if (!version) throw new ApiError(404, `version ${body.version} of flow "${record.id}" not found`, { pointer: '/version' });
      document = version.document;
    }
    const { flow, problems } = validateFlow(document, storeIndex(deps));
    if (!flow || hasErrors(problems)) throw ApiError.invalid(problems.filter((problem) => problem.severity === 'error'), 'flow: fix it before simulating');
    const outcome = await engine.simulate(flow, body.message, { at: body.at ? new Date(body.at) : undefined, version: body.version });
    return c.json({
      status: outcome.status,
      steps: outcome.steps,
      outbox: outcome.actions,
      route: outcome.route ?? null,
      context: { contact: outcome.context.contact ?? null, routing: outcome.context.routing, vars: outcome.context.vars, sentiment: outcome.context.sentiment ?? null },
      error: outcome.error ?? null,
    });
  });

  return app;
}

function versionSummary(version: { flowId: string; version: number; comment: string; publishedAt: string; publishedBy?: string; rolledBackFrom?: number }) {
  return {
    flowId: version.flowId,
    version: version.version,
    comment: version.comment,
    publishedAt: version.publishedAt,
    publishedBy: version.publishedBy ?? null,
    rolledBackFrom: version.rolledBackFrom ?? null,
  };
}
