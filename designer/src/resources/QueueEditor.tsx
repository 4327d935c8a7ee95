import type { Queue, SkillRequirement } from '../../../schemas/resources/index.ts';
import { Field, FieldErrors, NumberInput, TextField, useHasProblem, withOptional } from './fields.tsx';

interface Option {
  id: string;
  name: string;
}

/** A picker over known resources that still shows an id nobody defines (so a broken reference is visible, not dropped). */
function ResourceSelect({ value, options, onChange, label, pointer, empty }: { value: string; options: readonly Option[]; onChange(id: string): void; label: string; pointer: string; empty: string }) {
  const invalid = useHasProblem(pointer);
  const known = options.some((option) => option.id === value);
  return (
    <select className="input" aria-label={label} aria-invalid={invalid || undefined} data-pointer={pointer} value={value} onChange={(event) => onChange(event.target.value)}>
      {value === '' && <option value="">{empty}</option>}
      {!known && value !== '' && <option value={value}>{value} (unknown)</option>}
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.name} ({option.id})
        </option>
      ))}
    </select>
  );
}

export function QueueEditor({ value, onChange, skills, queues }: { value: Queue; onChange(next: Queue): void; skills: readonly Option[]; queues: readonly Option[] }) {
  const requirements = value.skills ?? [];
  const setSkills = (next: SkillRequirement[]) => onChange({ ...value, skills: next });
  const otherQueues = queues.filter((queue) => queue.id !== value.id);
  return (
    <>
      <section className="editor__section">
        <h3 className="editor__section-title">Required skills</h3>
        <p className="field__hint">Every agent taking from this queue needs each skill at least at this level (1 beginner – 5 expert).</p>
        {requirements.length === 0 && <p className="editor__empty">Any agent may take from this queue.</p>}
        <ul className="skill-rows">
          {requirements.map((requirement, index) => (
            <li key={index} className="skill-row">
              <ResourceSelect
                value={requirement.skill}
                options={skills}
                label={`Skill ${index + 1}`}
                pointer={`/skills/${index}/skill`}
                empty="pick a skill"
                onChange={(skill) => setSkills(requirements.map((entry, at) => (at === index ? { ...entry, skill } : entry)))}
              />
              <span className="skill-row__levels" role="radiogroup" aria-label={`Level of skill ${index + 1}`}>
                {[1, 2, 3, 4, 5].map((level) => (
                  <button
                    key={level}
                    type="button"
                    role="radio"
                    aria-checked={requirement.level === level}
                    className={`level${requirement.level >= level ? ' is-on' : ''}`}
                    onClick={() => setSkills(requirements.map((entry, at) => (at === index ? { ...entry, level } : entry)))}
                  >
                    {level}
                  </button>
                ))}
              </span>
              <button type="button" className="icon-button" aria-label={`Remove skill ${requirement.skill || index + 1}`} onClick={() => setSkills(requirements.filter((_, at) => at !== index))}>
                ×
              </button>
              <FieldErrors pointer={`/skills/${index}`} withChildren />
            </li>
          ))}
        </ul>
        <button type="button" className="button button--small" onClick={() => setSkills([...requirements, { skill: skills[0]?.id ?? '', level: 1 }])}>
          + Skill
        </button>
      </section>

      <section className="editor__section editor__grid">
        <Field label="Service level" pointer="/serviceLevel" hint="Share of interactions answered within the time; leave empty for none.">
          {() => (
            <span className="inline-inputs">
              <NumberInput
                label="Service level percent"
                pointer="/serviceLevel/percent"
                min={0}
                max={100}
                value={value.serviceLevel?.percent}
                onChange={(percent) => onChange(withOptional(value, 'serviceLevel', percent === undefined ? undefined : { seconds: value.serviceLevel?.seconds ?? 60, percent }))}
              />
              % within
              <NumberInput
                label="Service level seconds"
                pointer="/serviceLevel/seconds"
                min={1}
                value={value.serviceLevel?.seconds}
                onChange={(seconds) => onChange(withOptional(value, 'serviceLevel', seconds === undefined ? undefined : { percent: value.serviceLevel?.percent ?? 80, seconds }))}
              />
              s
            </span>
          )}
        </Field>
        <FieldErrors pointer="/serviceLevel" withChildren />

        <Field label="Overflow" pointer="/overflow" hint="Move waiting interactions to another queue after a while.">
          {() => (
            <span className="inline-inputs">
              <label className="check">
                <input
                  type="checkbox"
                  checked={value.overflow !== undefined}
                  onChange={(event) => onChange(withOptional(value, 'overflow', event.target.checked ? { queue: otherQueues[0]?.id ?? '', afterSeconds: 900 } : undefined))}
                />
                overflow to
              </label>
              {value.overflow && (
                <>
                  <ResourceSelect
                    value={value.overflow.queue}
                    options={otherQueues}
                    label="Overflow queue"
                    pointer="/overflow/queue"
                    empty="pick a queue"
                    onChange={(queue) => onChange({ ...value, overflow: { afterSeconds: value.overflow?.afterSeconds ?? 900, queue } })}
                  />
                  after
                  <NumberInput
                    label="Overflow after seconds"
                    pointer="/overflow/afterSeconds"
                    min={1}
                    value={value.overflow.afterSeconds}
                    onChange={(afterSeconds) => onChange({ ...value, overflow: { queue: value.overflow?.queue ?? '', afterSeconds: afterSeconds ?? 0 } })}
                  />
                  s
                </>
              )}
            </span>
          )}
        </Field>
        <FieldErrors pointer="/overflow" withChildren />

        <TextField label="Agent group" pointer="/agentGroup" value={value.agentGroup} placeholder="e.g. dm-team" hint="Only agents of this group take from it; empty for any." onChange={(agentGroup) => onChange(withOptional(value, 'agentGroup', agentGroup))} />
        <label className="check check--field">
          <input type="checkbox" checked={value.dispositionRequired === true} onChange={(event) => onChange({ ...value, dispositionRequired: event.target.checked })} />
          Agents must pick a disposition code to close an interaction
        </label>
      </section>
    </>
  );
}
