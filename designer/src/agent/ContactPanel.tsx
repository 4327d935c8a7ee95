import type { ContactHistory } from './api.ts';
import { agentLabel, time, type AgentNames } from './format.ts';

export interface ContactPanelProps {
  interactionId: string;
  /** The interaction's contact, if one was identified. */
  contactId: string | undefined;
  history: ContactHistory | null;
  loadError: string | null;
  agentNames: AgentNames;
}

/** The customer beside the conversation: their card and every interaction they had with us. */
export function ContactPanel({ interactionId, contactId, history, loadError, agentNames }: ContactPanelProps) {
  return (
    <aside className="convo__contact" aria-label="Contact">
      <h3 className="desk__heading">Contact</h3>
      {history ? <ContactCard history={history} /> : <p className="desk__muted">{contactId ? 'Loading…' : 'No contact identified.'}</p>}
      {loadError && (
        <p className="banner banner--error" role="alert">
          {loadError}
        </p>
      )}
      {history && <ContactInteractions history={history} interactionId={interactionId} agentNames={agentNames} />}
    </aside>
  );
}

function ContactCard({ history }: { history: ContactHistory }) {
  const { contact } = history;
  return (
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
        {history.identities.map((identity) => (
          <div key={`${identity.channel}:${identity.platformId}`}>
            <span className="desk__tag">{identity.channel}</span> {identity.handle ? `@${identity.handle}` : identity.platformId}
          </div>
        ))}
      </dd>
      <dt>Customer since</dt>
      <dd>{time(contact.createdAt)}</dd>
    </dl>
  );
}

function ContactInteractions({ history, interactionId, agentNames }: { history: ContactHistory; interactionId: string; agentNames: AgentNames }) {
  return (
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
                {past.agentId && ` · ${agentLabel(past.agentId, agentNames)}`}
                {past.disposition && ` · ${past.disposition.name}`} · {count} message{count === 1 ? '' : 's'}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
