import { useState } from 'react';
import type { Engagement } from '../../../schemas/channel-capabilities.ts';
import type { Disposition, Queue } from '../../../schemas/resources/index.ts';

export const ENGAGEMENT_LABELS: Record<Engagement, { button: string; done: string }> = {
  like: { button: 'Like', done: 'Liked.' },
  retweet: { button: 'Retweet', done: 'Retweeted.' },
  favorite: { button: 'Favorite', done: 'Favorited.' },
};

export interface ConversationActionsProps {
  /** Only those the channel has for the post being answered: none on private messages. */
  engagements: readonly Engagement[];
  /** Shown only on a public conversation of a channel with a public side. */
  canMoveToPrivate: boolean;
  /** The queue the interaction is in: not offered as a transfer target; it may require a disposition to close. */
  queueId: string | undefined;
  queues: Queue[];
  dispositions: Disposition[];
  busy: boolean;
  onEngage(engagement: Engagement): void;
  onMoveToPrivate(): void;
  onTransfer(queueId: string): void;
  onClose(dispositionId: string | undefined): void;
}

/** What an agent does on the conversation besides replying: engage, move to private, transfer, close. */
export function ConversationActions(props: ConversationActionsProps) {
  const { engagements, canMoveToPrivate, queueId, queues, dispositions, busy } = props;
  const currentQueue = queues.find((q) => q.id === queueId);
  const [transferTo, setTransferTo] = useState('');
  const [disposition, setDisposition] = useState('');
  const dispositionRequired = currentQueue?.dispositionRequired === true;

  return (
    <div className="convo__toolbar" role="group" aria-label="Actions">
      {engagements.map((engagement) => (
        <button key={engagement} type="button" className="button button--small" disabled={busy} onClick={() => props.onEngage(engagement)}>
          {ENGAGEMENT_LABELS[engagement].button}
        </button>
      ))}
      {canMoveToPrivate && (
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          title="Invites the customer to a direct message (your text above, or the dm-invite response)"
          onClick={props.onMoveToPrivate}
        >
          Move to private
        </button>
      )}
      <span className="convo__group">
        <select className="field__input" aria-label="Transfer to queue" value={transferTo} onChange={(event) => setTransferTo(event.target.value)}>
          <option value="">Transfer to…</option>
          {queues
            .filter((q) => q.id !== queueId)
            .map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
        </select>
        <button type="button" className="button button--small" disabled={busy || transferTo === ''} onClick={() => props.onTransfer(transferTo)}>
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
          title={dispositionRequired && disposition === '' ? `Queue ${currentQueue?.name ?? ''} needs a disposition to close` : undefined}
          onClick={() => props.onClose(disposition || undefined)}
        >
          Close
        </button>
      </span>
    </div>
  );
}
