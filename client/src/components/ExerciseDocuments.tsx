import { useState } from 'react';
import { documentUrl, downloadDocument } from '../sharesApi.ts';

const STAFF_FILES = [
  { file: 'msel.html', label: 'Events list (MSEL)' },
  { file: 'msel.csv', label: 'Events list as CSV' },
  { file: 'eeg.html', label: 'Evaluation guide (EEG)' },
] as const;

/**
 * The HSEEP documents of a scenario: the Situation Manual and the feedback form open in a new tab
 * for anyone; the events list and the evaluation guide, which give the story away, download with
 * a staff key (the manager key, or the facilitator key of an exercise of this scenario).
 * `folded` shows them behind a disclosure.
 */
export function ExerciseDocuments({ scenarioId, staffKey, whereStaff, folded = false }: { scenarioId: string; staffKey: string | null; whereStaff: string; folded?: boolean }) {
  const [status, setStatus] = useState('');
  const body = (
    <>
      <p className="small muted">Printable on A4. For players, before play and after it:</p>
      <div className="row">
        <a className="btn btn-small" href={documentUrl(scenarioId, 'sitman')} target="_blank" rel="noopener noreferrer">
          Situation Manual
        </a>
        <a className="btn btn-small" href={documentUrl(scenarioId, 'feedback-form')} target="_blank" rel="noopener noreferrer">
          Feedback form
        </a>
      </div>
      <p className="small muted">For controllers and evaluators only (they reveal the story):</p>
      {staffKey ? (
        <div className="row">
          {STAFF_FILES.map((f) => (
            <button
              key={f.file}
              type="button"
              className="btn btn-small"
              onClick={() => {
                setStatus(`Preparing the ${f.label}…`);
                downloadDocument(scenarioId, staffKey, f.file).then(
                  (name) => setStatus(`Downloaded ${name}`),
                  (e: Error) => setStatus(`Download failed: ${e.message}`),
                );
              }}
            >
              {f.label}
            </button>
          ))}
        </div>
      ) : (
        <p className="small">{whereStaff}</p>
      )}
      <p role="status" className="small muted">
        {status}
      </p>
    </>
  );
  // folded where space is scarce (the lobby on a projector); open under the scenario details
  return folded ? (
    <details className="exercise-docs">
      <summary>Exercise documents to print</summary>
      {body}
    </details>
  ) : (
    <section className="exercise-docs" aria-labelledby={`docs-${scenarioId}`}>
      <h4 id={`docs-${scenarioId}`}>Exercise documents</h4>
      {body}
    </section>
  );
}
