import type { SimulationResult } from '../../api/client.ts';
import type { Flow } from '../../../../schemas/flow.ts';
import { readOutbox, readRoute, stepNames } from './run-view.ts';

/** One simulated run: its status, the steps with the reason at each, the replies it would send and the queue it would reach. */
export function RunResult({ result, flow }: { result: SimulationResult; flow: Flow }) {
  const outbox = readOutbox(result.outbox);
  const route = readRoute(result.route);
  const error = typeof result.error === 'string' ? result.error : null;
  return (
    <div className="run-result" aria-label="Test result">
      <p className={`run-result__status run-result__status--${result.status}`} role="status">
        Status: <strong>{result.status}</strong>
        {error && <span className="run-result__error"> · {error}</span>}
      </p>

      <h3 className="panel__subtitle">Path</h3>
      {result.steps.length === 0 ? (
        <p className="panel__note">No block ran: no trigger took this message.</p>
      ) : (
        <ol className="run-steps">
          {result.steps.map((step) => {
            const names = stepNames(flow, step.nodeId, step.port);
            return (
              <li key={step.seq} className="run-steps__step" data-node-id={step.nodeId}>
                <span className="run-steps__node">{names.node}</span>
                <span className="run-steps__port">{names.port === null ? 'stopped here' : `→ ${names.port}`}</span>
                {step.reason && <span className="run-steps__reason">{step.reason}</span>}
              </li>
            );
          })}
        </ol>
      )}

      <h3 className="panel__subtitle">Would send</h3>
      {outbox.length === 0 ? (
        <p className="panel__note">Nothing.</p>
      ) : (
        <ul className="run-outbox">
          {outbox.map((item, index) => (
            <li key={index} className="run-outbox__item">
              <span className="badge badge--draft">
                {item.action}
                {item.visibility ? ` · ${item.visibility}` : ''}
              </span>
              {item.text && <q className="run-outbox__text">{item.text}</q>}
            </li>
          ))}
        </ul>
      )}

      <h3 className="panel__subtitle">Would reach</h3>
      {route ? (
        <dl className="run-route">
          <dt>Queue</dt>
          <dd>
            <code>{route.queue}</code>
          </dd>
          <dt>Skills</dt>
          <dd>{route.skills.length ? route.skills.map(({ skill, level }) => `${skill} ≥ ${level}`).join(', ') : 'none'}</dd>
          {route.priority !== undefined && (
            <>
              <dt>Priority</dt>
              <dd>{route.priority}</dd>
            </>
          )}
          {route.greeting && (
            <>
              <dt>Greeting</dt>
              <dd>{route.greeting}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="panel__note">No queue.</p>
      )}
    </div>
  );
}
