import { createContext, useContext, useId, type ReactNode } from 'react';
import type { Problem } from '../../../schemas/problems.ts';

/** The problems of the document being edited (the browser's own check, then the server's), found by JSON pointer. */
export const ProblemsContext = createContext<readonly Problem[]>([]);

export function problemsAt(problems: readonly Problem[], pointer: string, withChildren = false): Problem[] {
  return problems.filter((problem) => problem.pointer === pointer || (withChildren && problem.pointer.startsWith(`${pointer}/`)));
}

/** The messages for one pointer, shown right under the control they belong to. */
export function FieldErrors({ pointer, withChildren = false }: { pointer: string; withChildren?: boolean }) {
  const problems = problemsAt(useContext(ProblemsContext), pointer, withChildren);
  if (problems.length === 0) return null;
  return (
    <ul className="field__errors" role="alert" data-pointer={pointer}>
      {problems.map((problem, index) => (
        <li key={index}>{problem.message}</li>
      ))}
    </ul>
  );
}

export function useHasProblem(pointer: string): boolean {
  return problemsAt(useContext(ProblemsContext), pointer).length > 0;
}

interface FieldProps {
  label: string;
  pointer: string;
  hint?: ReactNode;
  children(id: string, invalid: boolean): ReactNode;
}

/** A labelled control with its hint and the problems at its pointer. */
export function Field({ label, pointer, hint, children }: FieldProps) {
  const id = useId();
  const invalid = useHasProblem(pointer);
  return (
    <div className={`field${invalid ? ' is-invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children(id, invalid)}
      {hint && <p className="field__hint">{hint}</p>}
      <FieldErrors pointer={pointer} />
    </div>
  );
}

interface TextFieldProps {
  label: string;
  pointer: string;
  value: string | undefined;
  onChange(value: string): void;
  hint?: ReactNode;
  placeholder?: string;
  readOnly?: boolean;
  mono?: boolean;
}

export function TextField({ label, pointer, value, onChange, hint, placeholder, readOnly, mono }: TextFieldProps) {
  return (
    <Field label={label} pointer={pointer} hint={hint}>
      {(id, invalid) => (
        <input
          id={id}
          className={`input${mono ? ' input--mono' : ''}`}
          value={value ?? ''}
          placeholder={placeholder}
          readOnly={readOnly}
          aria-invalid={invalid || undefined}
          data-pointer={pointer}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/** A number input that reports `undefined` while empty, so an optional field can be left out. */
export function NumberInput({ value, onChange, min, max, pointer, label }: { value: number | undefined; onChange(value: number | undefined): void; min?: number; max?: number; pointer: string; label: string }) {
  const invalid = useHasProblem(pointer);
  return (
    <input
      type="number"
      className="input input--number"
      aria-label={label}
      aria-invalid={invalid || undefined}
      data-pointer={pointer}
      value={value ?? ''}
      min={min}
      max={max}
      onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
    />
  );
}

/** Sets an optional property, leaving it out altogether when empty (the schemas refuse empty strings in many places). */
export function withOptional<T extends object, K extends keyof T>(object: T, key: K, value: T[K] | undefined | ''): T {
  const next = { ...object };
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  return next;
}
