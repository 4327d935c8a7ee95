import type { StandardResponse } from '../../../schemas/resources/index.ts';

export type Visibility = 'public' | 'private';

export interface ReplyBoxProps {
  text: string;
  onText(text: string): void;
  /** How the reply goes out now. */
  sendAs: Visibility;
  /** Null on channels with no public side: there is nothing to choose. */
  onVisibility: ((visibility: Visibility) => void) | null;
  /** Standard responses meant for this channel. */
  responses: StandardResponse[];
  busy: boolean;
  onSend(): void;
}

/** The reply: public or private where the channel has both, a standard response to start from, the text. */
export function ReplyBox({ text, onText, sendAs, onVisibility, responses, busy, onSend }: ReplyBoxProps) {
  return (
    <div className="convo__reply">
      <div className="convo__reply-bar">
        {onVisibility ? (
          <div className="desk__status" role="radiogroup" aria-label="Reply visibility">
            {(['public', 'private'] as const).map((option) => (
              <button
                key={option}
                type="button"
                role="radio"
                aria-checked={sendAs === option}
                className={`desk__status-button${sendAs === option ? ' is-current' : ''}`}
                disabled={busy}
                onClick={() => onVisibility(option)}
              >
                {option === 'public' ? 'Public' : 'Private'}
              </button>
            ))}
          </div>
        ) : (
          <span className="desk__muted">Private conversation</span>
        )}
        <select
          className="field__input convo__responses"
          aria-label="Standard response"
          value=""
          onChange={(event) => {
            const response = responses.find((r) => r.id === event.target.value);
            if (response) onText(response.text);
          }}
        >
          <option value="">Standard response…</option>
          {responses.map((response) => (
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
        onChange={(event) => onText(event.target.value)}
      />
      <div className="desk__actions">
        <button type="button" className="button is-primary" disabled={busy || text.trim() === ''} onClick={onSend}>
          Send {sendAs}
        </button>
      </div>
    </div>
  );
}
