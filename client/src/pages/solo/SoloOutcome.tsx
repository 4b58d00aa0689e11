import { useEffect, useRef } from 'react';
import type { LogEntryView, TeamProgressView } from '../../../../protocol/messages.ts';
import { LogEntry } from '../../components/Debrief.tsx';
import { decisionChanges } from './estateChanges.ts';
import { messages } from '../../text/messages.ts';

/**
 * Solo: the outcome of the decision just made, shown where the trainee is looking (in place of
 * the next inject, scrolled to and focused) until they choose to continue: the option taken
 * and its feedback, the best option and why, and what it changed in the estate and the clocks.
 */
export function SoloOutcome({
  entry,
  before,
  after,
  finished,
  onContinue,
}: {
  entry: LogEntryView;
  before: TeamProgressView | null;
  after: TeamProgressView;
  finished: boolean;
  onContinue: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [entry.inject]);
  const changes = before ? decisionChanges(before, after) : [];
  const m = messages.solo;
  const next = finished ? m.summary : after.inject ? m.next(after.inject.title) : after.ending ? m.ending : m.continue;
  return (
    <section className="card solo-outcome" aria-labelledby="outcome-h">
      <h2 id="outcome-h" ref={heading} tabIndex={-1}>
        {m.outcomeTitle}
      </h2>
      <ol className="log">
        <LogEntry entry={entry} reveal />
      </ol>
      {changes.length ? (
        <>
          <h3>{m.changed}</h3>
          <ul className="changes">
            {changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      ) : null}
      <button type="button" className="btn btn-primary btn-large" onClick={onContinue}>
        {next}
      </button>
    </section>
  );
}
