import { useState } from 'react';
import type { AnyBlockDefinition } from '../../../schemas/block.ts';
import { blocks } from '../../../schemas/blocks/index.ts';
import type { Resource } from '../../../schemas/resources/index.ts';
import { Dialog } from '../editor/Dialog.tsx';

const triggers: readonly AnyBlockDefinition[] = Object.values(blocks).filter((block: AnyBlockDefinition) => block.trigger !== undefined);
const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

interface NewFlowDialogProps {
  resources: readonly Resource[] | undefined;
  taken: ReadonlySet<string>;
  error: string | null;
  onCreate(id: string, name: string, trigger: AnyBlockDefinition, account: string): void;
  onClose(): void;
}

/** Names a new flow: its id (the file name and URL), its name, the trigger block and the account that starts it. */
export function NewFlowDialog({ resources, taken, error, onCreate, onClose }: NewFlowDialogProps) {
  const accounts = (resources ?? []).filter((resource) => resource.kind === 'account');
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [trigger, setTrigger] = useState(triggers[0].type);
  const [account, setAccount] = useState(accounts[0]?.id ?? '');
  const slug = idTouched ? id : name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  const idProblem = slug === '' ? 'an id is needed' : !ID_PATTERN.test(slug) ? 'lower-case letters, digits, dots, dashes and underscores' : taken.has(slug) ? 'a flow with this id exists' : null;
  const ready = name.trim() !== '' && idProblem === null && account.trim() !== '';
  const submit = () => {
    const definition = triggers.find((block) => block.type === trigger);
    if (ready && definition) onCreate(slug, name.trim(), definition, account.trim());
  };
  return (
    <Dialog
      kind="new-flow"
      title="New flow"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button is-primary" disabled={!ready} onClick={submit}>
            Create
          </button>
        </>
      }
    >
      <form className="form" onSubmit={(event) => (event.preventDefault(), submit())}>
        <label className="field">
          <span className="field__label">Name</span>
          <input className="field__input" name="name" value={name} maxLength={200} onChange={(event) => setName(event.target.value)} placeholder="Refund care" />
        </label>
        <label className="field">
          <span className="field__label">Id</span>
          <input
            className="field__input"
            name="id"
            value={slug}
            onChange={(event) => {
              setIdTouched(true);
              setId(event.target.value);
            }}
          />
          {idProblem && name !== '' && <span className="field__hint field__hint--error">{idProblem}</span>}
        </label>
        <label className="field">
          <span className="field__label">Trigger</span>
          <select className="field__input" name="trigger" value={trigger} onChange={(event) => setTrigger(event.target.value)}>
            {triggers.map((block) => (
              <option key={block.type} value={block.type}>
                {block.icon} {block.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Account that starts it</span>
          {accounts.length > 0 ? (
            <select className="field__input" name="account" value={account} onChange={(event) => setAccount(event.target.value)}>
              {accounts.map((resource) => (
                <option key={resource.id} value={resource.id}>
                  {resource.name} ({resource.id})
                </option>
              ))}
            </select>
          ) : (
            <input className="field__input" name="account" value={account} onChange={(event) => setAccount(event.target.value)} placeholder="account id" />
          )}
        </label>
        <button type="submit" hidden />
      </form>
      {error && (
        <p className="dialog__error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
