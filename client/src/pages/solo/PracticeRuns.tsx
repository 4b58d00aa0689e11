import { listSoloRuns } from '../../api.ts';
import { rewoundWords } from './rewind.ts';
import { messages } from '../../text/messages.ts';

/** The trainee's practice runs started on this device, each with its summary and its report; a rewound run says which run and decision it branched from. */
export function PracticeRuns() {
  const runs = listSoloRuns();
  if (runs.length === 0) return null;
  return (
    <section className="card" aria-labelledby="runs-h">
      <h2 id="runs-h">{messages.solo.yourPracticeRuns}</h2>
      <ul className="plain-list runs">
        {runs.map((r) => (
          <li key={r.exerciseId} className="run-row">
            <span>
              <strong>{r.solo.scenarioTitle}</strong>{' '}
              <span className="small muted">
                {new Date(r.savedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })} ·{' '}
                {r.solo.name}
              </span>
              {r.solo.rewoundFrom ? (
                <span className="small run-branch">↳ {rewoundWords(r.solo.rewoundFrom)}</span>
              ) : null}
            </span>
            <span className="row">
              <a className="btn btn-small" href={`#/x/${encodeURIComponent(r.exerciseId)}`}>
                {messages.solo.openTheRun}
                <span className="sr-only">: {r.solo.scenarioTitle}</span>
              </a>
              <a className="btn btn-small" href={`#/reports/${encodeURIComponent(r.exerciseId)}`}>
                {messages.solo.gapReport}
                <span className="sr-only">: {r.solo.scenarioTitle}</span>
              </a>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
