import { useState } from 'react';
import { documentUrl, downloadDocument } from '../sharesApi.ts';
import { messages } from '../text/messages.ts';

const STAFF_FILES = [
  { file: 'msel.html', label: messages.shares.documents.mselHtml },
  { file: 'msel.csv', label: messages.shares.documents.mselCsv },
  { file: 'eeg.html', label: messages.shares.documents.eeg },
] as const;

/**
 * The HSEEP documents of a scenario: the Situation Manual and the feedback form open in a new tab
 * for anyone; the events list and the evaluation guide, which give the story away, download with
 * a staff key (the manager key, or the facilitator key of an exercise of this scenario).
 * `folded` shows them behind a disclosure. With `exerciseId` (a lobby) they are that exercise's
 * version of the drill.
 */
export function ExerciseDocuments({
  scenarioId,
  exerciseId,
  staffKey,
  whereStaff,
  folded = false,
}: {
  scenarioId: string;
  exerciseId?: string;
  staffKey: string | null;
  whereStaff: string;
  folded?: boolean;
}) {
  const [status, setStatus] = useState('');
  const body = (
    <>
      <p className="small muted">{messages.shares.printableOnA4For}</p>
      <div className="row">
        <a
          className="btn btn-small"
          href={documentUrl(scenarioId, 'sitman', exerciseId)}
          target="_blank"
          rel="noopener noreferrer"
        >
          {messages.shares.situationManual}
        </a>
        <a
          className="btn btn-small"
          href={documentUrl(scenarioId, 'feedback-form', exerciseId)}
          target="_blank"
          rel="noopener noreferrer"
        >
          {messages.shares.feedbackForm}
        </a>
      </div>
      <p className="small muted">{messages.shares.forStaff}</p>
      {staffKey ? (
        <div className="row">
          {STAFF_FILES.map((f) => (
            <button
              key={f.file}
              type="button"
              className="btn btn-small"
              onClick={() => {
                setStatus(messages.shares.documents.preparing(f.label));
                downloadDocument(scenarioId, staffKey, f.file, exerciseId).then(
                  (name) => setStatus(messages.shares.documents.downloaded(name)),
                  (e: Error) => setStatus(messages.shares.documents.failed(e.message)),
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
      <summary>{messages.shares.exerciseDocumentsToPrint}</summary>
      {body}
    </details>
  ) : (
    <section className="exercise-docs" aria-labelledby={`docs-${scenarioId}`}>
      <h4 id={`docs-${scenarioId}`}>{messages.shares.exerciseDocuments}</h4>
      {body}
    </section>
  );
}
