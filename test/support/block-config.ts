import { schemaProblems } from '../../schemas/schema-check.ts';

/** The parts of a block definition a config check needs; `C` is the config type the schema infers. */
interface Definition<C> {
  type: string;
  configSchema: object;
  defaultConfig: C;
}

/**
 * A node config as a flow file holds it: checked against the block's schema
 * (so a test also proves the schema accepts it), defaults left unapplied.
 */
export function blockConfig<C>(definition: Definition<C>, config: unknown): C {
  const problems = schemaProblems(definition.configSchema, config);
  if (problems.length > 0) {
    const list = problems.map((problem) => `${problem.pointer || '/'} ${problem.message}`).join('; ');
    throw new Error(`invalid ${definition.type} config: ${list}`);
  }
  return config as C;
}

/** The schema problems of a config, as "pointer message" lines, for tests that a bad config is rejected. */
export function configProblems(definition: Definition<unknown>, config: unknown): string[] {
  return schemaProblems(definition.configSchema, config).map((problem) => `${problem.pointer} ${problem.message}`);
}
