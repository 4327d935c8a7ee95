import { useCallback, useEffect, useState } from 'react';
import { PRIVATE_ONLY_CHANNELS } from '../../../schemas/blocks/auto-reply.ts';
import { FAVORITE_CHANNELS } from '../../../schemas/blocks/favorite.ts';
import { LIKE_CHANNELS } from '../../../schemas/blocks/like.ts';
import { RETWEET_CHANNELS } from '../../../schemas/blocks/retweet.ts';
import type { Disposition, Queue, StandardResponse } from '../../../schemas/resources/index.ts';
import {
  closeInteraction,
  contactHistory,
  engage,
  chronological,
  errorText,
  getInteraction,
  moveToPrivate,
  reply,
  transfer,
  type ContactHistory,
  type InteractionDetail,
  type Message,
} from './api.ts';

export interface ConversationProps {
  interactionId: string;
  agentId: string;
  responses: StandardResponse[];
  dispositions: Disposition[];
  queues: Queue[];
  /** The interaction left the desk (closed or transferred). */
  onDone(interactionId: string): void;
}

const has = (list: readonly string[], channel: string) => list.includes(channel);

function time(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function authorOf(message: Message): string {
  if (message.direction === 'out') return message.agentId ? `Agent ${message.agentId}` : 'Us';
  const author = message.message.author;
  return author?.name ?? (author?.handle ? `@${author.handle}` : 'Customer');
}

/** One assigned interaction: the messages in and out, the reply box, the actions, and the contact with their history. */
export function Conversation({ interactionId, responses, dispositions, queues, onDone }: ConversationProps) {
  const [detail, setDetail] = useState<InteractionDetail | null>(null);
  const [history, setHistory] = useState<ContactHistory | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'private' | null>(null);
  const [transferTo, setTransferTo] = useState('');
  const [disposition, setDisposition] = useState('');
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    getInteraction(interactionId, controller.signal).then(
      (loaded) => {
        setDetail(loaded);
        setLoadError(null);
        const contactId = loaded.interaction.contactId;
        if (contactId) {
          contactHistory(contactId, controller.signal).then(setHistory, (cause: unknown) => {
            if (!controller.signal.aborted) setLoadError(`Cannot load the contact's history: ${errorText(cause)}`);
          });
        }
      },
      (cause: unknown) => {
        if (!controller.signal.aborted) setLoadError(`Cannot load the conversation: ${errorText(cause)}`);
      },
    );
    return () => controller.abort();
  }, [interactionId, generation]);

  if (!detail) {
    return loadError ? (
      <p className="banner banner--error" role="alert">
        {loadError}
      </p>
    ) : (
      <p className="desk__empty">Loading the conversation…</p>
    );
  }

  const { interaction } = detail;
  const channel = interaction.channel;
  const privateOnly = has(PRIVATE_ONLY_CHANNELS, channel);
  const sendAs = privateOnly ? 'private' : (visibility ?? interaction.visibility);
  const messages = chronological(detail.messages);
  const latestIn = [...messages].reverse().find((message) => message.direction === 'in');
  const publicPost = latestIn?.message.visibility !== 'private';
  const queue = queues.find((q) => q.id === interaction.queue);
  const dispositionRequired = queue?.dispositionRequired === true;
  const usable = responses.filter((response) => !response.channels || (response.channels as readonly string[]).includes(channel));
  const contact = history?.contact;

  const act = async (what: string, action: () => Promise<unknown>, after: 'reload' | 'done' = 'reload') => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
      setNotice(what);
      if (after === 'done') onDone(interactionId);
      else reload();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };

  const send = () =>
    act(`Reply sent (${sendAs}).`, async () => {
      await reply(interactionId, text, sendAs);
      setText('');
    });

  return (
    <div className="convo" data-interaction={interactionId}>
      <section className="convo__main">
        <header className="convo__head">
          <div>
            <h2 className="convo__title">{contact?.name ?? authorOf(latestIn ?? messages[0]!)}</h2>
            <p className="desk__muted">
              <span className="desk__tag">{channel}</span> <span className="desk__tag">{interaction.visibility}</span> queue <code>{interaction.queue ?? '—'}</code> · account <code>{interaction.account}</code> · since {time(interaction.createdAt)}
            </p>
          </div>
        </header>

        {interaction.flags && interaction.flags.length > 0 && (
          <ul className="convo__flags">
            {interaction.flags.map((flag, index) => (
              <li key={index}>
                ⚑ {flag.note} <span className="desk__muted">({flag.kind}, {time(flag.at)})</span>
              </li>
            ))}
          </ul>
        )}

        <ol className="convo__messages" aria-label="Messages">
          {messages.map((message) => (
            <li key={message.id} className={`msg msg--${message.direction} msg--${message.message.visibility ?? 'public'}`} data-direction={message.direction}>
              <div className="msg__meta">
                <strong>{authorOf(message)}</strong> · {message.message.visibility ?? ''} {message.message.kind ?? ''} · {time(message.receivedAt)}
                {message.editedAt && ' · edited'}
                {message.deletedAt && ' · deleted by the customer'}
              </div>
              <div className="msg__text">{message.text}</div>
            </li>
          ))}
        </ol>

        {error && (
          <p className="banner banner--error" role="alert">
            {error}
          </p>
        )}
        {notice && !error && (
          <p className="convo__notice" role="status">
            {notice}
          </p>
        )}

        <div className="convo__reply">
          <div className="convo__reply-bar">
            <div className="desk__status" role="radiogroup" aria-label="Reply visibility">
              {(['public', 'private'] as const).map((option) => (
                <button
                  key={option}
                  type="button"
                  role="radio"
                  aria-checked={sendAs === option}
                  className={`desk__status-button${sendAs === option ? ' is-current' : ''}`}
                  disabled={busy || (option === 'public' && privateOnly)}
                  onClick={() => setVisibility(option)}
                >
                  {option === 'public' ? 'Public' : 'Private'}
                </button>
              ))}
            </div>
            <select
              className="field__input convo__responses"
              aria-label="Standard response"
              value=""
              onChange={(event) => {
                const response = usable.find((r) => r.id === event.target.value);
                if (response) setText(response.text);
              }}
            >
              <option value="">Standard response…</option>
              {usable.map((response) => (
                <option key={response.id} value={response.id}>
                  {response.name}
                </option>
              ))}
            </select>
          </div>
          <textarea
            className="field__input convo__text"
            aria-label="Reply"
            rows={4}
            placeholder={sendAs === 'private' ? 'Write a private reply… ({{ contact.name }} and other variables work)' : 'Write a public reply…'}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <div className="desk__actions">
            <button type="button" className="button is-primary" disabled={busy || text.trim() === ''} onClick={() => void send()}>
              Send {sendAs}
            </button>
          </div>
        </div>

        <div className="convo__toolbar" aria-label="Actions">
          <button type="button" className="button button--small" disabled={busy || !has(LIKE_CHANNELS, channel) || !publicPost} onClick={() => void act('Liked.', () => engage(interactionId, 'like'))}>
            Like
          </button>
          <button type="button" className="button button--small" disabled={busy || !has(RETWEET_CHANNELS, channel) || !publicPost} onClick={() => void act('Retweeted.', () => engage(interactionId, 'retweet'))}>
            Retweet
          </button>
          <button type="button" className="button button--small" disabled={busy || !has(FAVORITE_CHANNELS, channel) || !publicPost} onClick={() => void act('Favorited.', () => engage(interactionId, 'favorite'))}>
            Favorite
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={busy || privateOnly || interaction.visibility === 'private'}
            title="Invites the customer to a direct message (your text above, or the dm-invite response)"
            onClick={() =>
              void act('Moved to private: the invitation was posted publicly.', async () => {
                await moveToPrivate(interactionId, text.trim() || undefined);
                setText('');
                setVisibility(null);
              })
            }
          >
            Move to private
          </button>
          <span className="convo__group">
            <select className="field__input" aria-label="Transfer to queue" value={transferTo} onChange={(event) => setTransferTo(event.target.value)}>
              <option value="">Transfer to…</option>
              {queues
                .filter((q) => q.id !== interaction.queue)
                .map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.name}
                  </option>
                ))}
            </select>
            <button type="button" className="button button--small" disabled={busy || transferTo === ''} onClick={() => void act(`Transferred to ${transferTo}.`, () => transfer(interactionId, transferTo), 'done')}>
              Transfer
            </button>
          </span>
          <span className="convo__group convo__close">
            <select className="field__input" aria-label="Disposition" value={disposition} onChange={(event) => setDisposition(event.target.value)}>
              <option value="">{dispositionRequired ? 'Disposition (required)…' : 'Disposition…'}</option>
              {dispositions.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--small is-danger"
              disabled={busy || (dispositionRequired && disposition === '')}
              title={dispositionRequired && disposition === '' ? `Queue ${queue?.name ?? ''} needs a disposition to close` : undefined}
              onClick={() => void act('Closed.', () => closeInteraction(interactionId, disposition || undefined), 'done')}
            >
              Close
            </button>
          </span>
        </div>
      </section>

      <aside className="convo__contact" aria-label="Contact">
        <h3 className="desk__heading">Contact</h3>
        {contact ? (
          <dl className="convo__card">
            <dt>Name</dt>
            <dd>{contact.name ?? '—'}</dd>
            {contact.email && (
              <>
                <dt>Email</dt>
                <dd>{contact.email}</dd>
              </>
            )}
            {contact.phone && (
              <>
                <dt>Phone</dt>
                <dd>{contact.phone}</dd>
              </>
            )}
            {contact.segment && (
              <>
                <dt>Segment</dt>
                <dd>{contact.segment}</dd>
              </>
            )}
            <dt>Identities</dt>
            <dd>
              {history!.identities.map((identity) => (
                <div key={`${identity.channel}:${identity.platformId}`}>
                  <span className="desk__tag">{identity.channel}</span> {identity.handle ? `@${identity.handle}` : identity.platformId}
                </div>
              ))}
            </dd>
            <dt>Customer since</dt>
            <dd>{time(contact.createdAt)}</dd>
          </dl>
        ) : (
          <p className="desk__muted">{interaction.contactId ? 'Loading…' : 'No contact identified.'}</p>
        )}
        {loadError && (
          <p className="banner banner--error" role="alert">
            {loadError}
          </p>
        )}
        {history && (
          <>
            <h3 className="desk__heading">History</h3>
            <ul className="convo__history" aria-label="History">
              {history.interactions.map((past) => {
                const count = history.messages.filter((message) => message.interactionId === past.id).length;
                return (
                  <li key={past.id} className={past.id === interactionId ? 'is-current' : ''}>
                    <div>
                      <span className="desk__tag">{past.channel}</span> {time(past.createdAt)} {past.id === interactionId && <em>(this one)</em>}
                    </div>
                    <div className="desk__muted">
                      {past.state}
                      {past.queue && ` · ${past.queue}`}
                      {past.agentId && ` · ${past.agentId}`}
                      {past.disposition && ` · ${past.disposition.name}`} · {count} message{count === 1 ? '' : 's'}
                    </div>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </aside>
    </div>
  );
}
