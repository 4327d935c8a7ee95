import type { Flag } from '../../../schemas/resources/index.ts';
import { Field, withOptional } from './fields.tsx';

/** An on/off switch. For a saved flag it acts at once (PUT /api/flags/:id); `busy` while that is on its way. */
export function FlagSwitch({ flag, onToggle, busy = false }: { flag: Flag; onToggle(active: boolean): void; busy?: boolean }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={flag.active}
      aria-label={`${flag.name || flag.id}: ${flag.active ? 'on' : 'off'}`}
      className={`switch${flag.active ? ' is-on' : ''}`}
      disabled={busy}
      data-flag={flag.id}
      onClick={(event) => {
        // The switch sits inside a list row that selects the flag; flipping it should not also open the editor.
        event.stopPropagation();
        onToggle(!flag.active);
      }}
    >
      <span className="switch__knob" />
      <span className="switch__text">{flag.active ? 'ON' : 'off'}</span>
    </button>
  );
}

export function FlagEditor({ value, onChange, onToggleNow, busy }: { value: Flag; onChange(next: Flag): void; onToggleNow?: (active: boolean) => void; busy: boolean }) {
  return (
    <>
      <Field label="Active" pointer="/active" hint={onToggleNow ? 'Takes effect immediately for the next message, without saving.' : 'Saved with the flag.'}>
        {() => <FlagSwitch flag={value} busy={busy} onToggle={(active) => (onToggleNow ? onToggleNow(active) : onChange({ ...value, active }))} />}
      </Field>
      <Field label="Message" pointer="/message" hint="What the emergency is, for replies to quote ({{ flow.… }} templates can read it).">
        {(id, invalid) => (
          <textarea id={id} className="input input--text" rows={3} aria-invalid={invalid || undefined} data-pointer="/message" value={value.message ?? ''} onChange={(event) => onChange(withOptional(value, 'message', event.target.value))} />
        )}
      </Field>
    </>
  );
}
