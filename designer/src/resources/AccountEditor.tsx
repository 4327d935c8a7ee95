import { CHANNELS } from '../../../schemas/message.ts';
import type { Account } from '../../../schemas/resources/index.ts';
import { Field, FieldErrors, NumberInput, TextField, useHasProblem, withOptional } from './fields.tsx';

type Channel = (typeof CHANNELS)[number];

/** What each platform calls the account's id, so the analyst knows which number to paste. */
const PLATFORM_ID_HINT: Record<Channel, string> = {
  twitter: 'the X user id of the handle (numbers)',
  facebook: 'the Facebook page id',
  messenger: 'the Facebook page id',
  whatsapp: 'the WhatsApp phone-number id (not the phone number)',
  line: 'the LINE channel destination (U…)',
};

function SecretRow({ name, env, index, onChange, onRemove }: { name: string; env: string; index: number; onChange(name: string, env: string): void; onRemove(): void }) {
  const at = `/secrets/${name}`;
  const envInvalid = useHasProblem(`${at}/env`);
  return (
    <li className="secret-row">
      <input className="input input--mono" aria-label={`Secret ${index + 1} name`} placeholder="accessToken" value={name} onChange={(event) => onChange(event.target.value, env)} />
      <span className="secret-row__from">from env</span>
      <input
        className="input input--mono"
        aria-label={`Secret ${index + 1} environment variable`}
        aria-invalid={envInvalid || undefined}
        data-pointer={`${at}/env`}
        placeholder="TWITTER_ACCESS_TOKEN"
        value={env}
        onChange={(event) => onChange(name, event.target.value.toUpperCase())}
      />
      <button type="button" className="icon-button" aria-label={`Remove secret ${name || index + 1}`} onClick={onRemove}>
        ×
      </button>
      <FieldErrors pointer={at} withChildren />
    </li>
  );
}

export function AccountEditor({ value, onChange }: { value: Account; onChange(next: Account): void }) {
  const secrets = Object.entries(value.secrets ?? {}).map(([name, ref]) => [name, ref.env] as const);
  const setSecrets = (entries: ReadonlyArray<readonly [string, string]>) => onChange({ ...value, secrets: Object.fromEntries(entries.map(([name, env]) => [name, { env }])) });
  return (
    <>
      <section className="editor__section editor__grid">
        <Field label="Channel" pointer="/channel">
          {(id, invalid) => (
            <select id={id} className="input" aria-invalid={invalid || undefined} data-pointer="/channel" value={value.channel} onChange={(event) => onChange({ ...value, channel: event.target.value as Channel })}>
              {CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {channel}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField label="Platform id" pointer="/platformId" mono value={value.platformId} hint={PLATFORM_ID_HINT[value.channel]} onChange={(platformId) => onChange({ ...value, platformId })} />
        <TextField label="Handle" pointer="/handle" value={value.handle} placeholder="AcmeCare" onChange={(handle) => onChange(withOptional(value, 'handle', handle))} />
        <TextField label="API base URL" pointer="/baseUrl" mono value={value.baseUrl} placeholder="the platform's own when empty" hint="Set it to a fake platform in tests." onChange={(baseUrl) => onChange(withOptional(value, 'baseUrl', baseUrl))} />
        <Field label="Retry sends for" pointer="/retryForSeconds" hint="seconds before an undeliverable reply gives up; empty for the default">
          {() => <NumberInput label="Retry sends for seconds" pointer="/retryForSeconds" min={0} max={604800} value={value.retryForSeconds} onChange={(retryForSeconds) => onChange(withOptional(value, 'retryForSeconds', retryForSeconds))} />}
        </Field>
      </section>
      <section className="editor__section">
        <h3 className="editor__section-title">Secrets</h3>
        <p className="field__hint">
          Secrets never live in Switchyard: each one names the <strong>environment variable</strong> the server reads it from. Set the value on the server itself.
        </p>
        {secrets.length === 0 && <p className="editor__empty">No secrets.</p>}
        <ul className="secret-rows">
          {secrets.map(([name, env], index) => (
            <SecretRow
              key={index}
              name={name}
              env={env}
              index={index}
              onChange={(nextName, nextEnv) => setSecrets(secrets.map((entry, at) => (at === index ? [nextName, nextEnv] : entry)))}
              onRemove={() => setSecrets(secrets.filter((_, at) => at !== index))}
            />
          ))}
        </ul>
        <button type="button" className="button button--small" onClick={() => setSecrets([...secrets, [`secret${secrets.length + 1}`, '']])}>
          + Secret
        </button>
        <FieldErrors pointer="/secrets" />
      </section>
    </>
  );
}
