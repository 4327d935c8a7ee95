import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Problem } from './problems.ts';
import { escapePointer } from './problems.ts';

/** One ajv for the product, compiled schemas cached by object identity. */
const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: false });
addFormats(ajv);

const compiled = new WeakMap<object, ValidateFunction>();

export function compileSchema(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    // A schema with an $id may already be registered as part of another (the message inside the simulate body).
    const id = (schema as { $id?: unknown }).$id;
    validate = (typeof id === 'string' ? ajv.getSchema(id) : undefined) ?? ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Schema-check `value`; problems carry pointers prefixed with `base`. */
export function schemaProblems(schema: object, value: unknown, base = ''): Problem[] {
  const validate = compileSchema(schema);
  if (validate(value)) return [];
  return dedupe((validate.errors ?? []).map((error) => toProblem(error, base)));
}

function toProblem(error: ErrorObject, base: string): Problem {
  const at = base + error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { pointer: `${at}/${escapePointer(String(params.missingProperty))}`, message: 'is required', severity: 'error' };
    case 'additionalProperties':
      return {
        pointer: `${at}/${escapePointer(String(params.additionalProperty))}`,
        message: 'is not a known field here',
        severity: 'error',
      };
    case 'enum':
      return {
        pointer: at,
        message: `must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`,
        severity: 'error',
      };
    case 'const':
      return { pointer: at, message: `must be ${JSON.stringify(params.allowedValue)}`, severity: 'error' };
    case 'type':
      return { pointer: at, message: `must be ${String(params.type)}`, severity: 'error' };
    case 'pattern':
      return { pointer: at, message: `has a form that is not allowed (must match ${String(params.pattern)})`, severity: 'error' };
    default:
      return { pointer: at, message: error.message ?? 'is invalid', severity: 'error' };
  }
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.pointer}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
