import type { Resource, ResourceKind } from '../../../../schemas/resources/index.ts';

/** How a resource kind reads in a sentence. */
export const RESOURCE_KIND_LABELS: Readonly<Record<ResourceKind, string>> = {
  queue: 'queue',
  skill: 'skill',
  schedule: 'schedule',
  calendar: 'calendar',
  flag: 'emergency flag',
  response: 'standard response',
  disposition: 'disposition code',
  account: 'channel account',
  agent: 'agent',
};

interface ResourcePickerProps {
  id: string;
  kind: ResourceKind;
  value: unknown;
  resources: readonly Resource[];
  describedBy?: string;
  invalid: boolean;
  /** Inside a list row the picker has no visible label. */
  ariaLabel?: string;
  required?: boolean;
  onChange(id: string | undefined): void;
}

/** A select of the resources of one kind, "name (id)"; an id that names no resource stays visible and is marked. */
export function ResourcePicker({ id, kind, value, resources, describedBy, invalid, ariaLabel, required, onChange }: ResourcePickerProps) {
  const current = typeof value === 'string' ? value : '';
  const options = resources.filter((resource) => resource.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
  const unknown = current !== '' && !options.some((resource) => resource.id === current);
  const kindLabel = RESOURCE_KIND_LABELS[kind];
  return (
    <>
      <select
        id={id}
        className={['field__control', unknown ? 'is-unknown' : ''].filter(Boolean).join(' ')}
        value={current}
        aria-label={ariaLabel}
        aria-describedby={describedBy}
        aria-invalid={invalid || unknown || undefined}
        aria-required={required || undefined}
        data-resource-kind={kind}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        <option value="">— choose a {kindLabel} —</option>
        {unknown && <option value={current}>{current} (unknown {kindLabel})</option>}
        {options.map((resource) => (
          <option key={resource.id} value={resource.id}>
            {resource.name} ({resource.id})
          </option>
        ))}
      </select>
      {unknown && (
        <p className="field__warning">
          No {kindLabel} has the id “{current}”: pick one, or create it under Resources.
        </p>
      )}
    </>
  );
}
