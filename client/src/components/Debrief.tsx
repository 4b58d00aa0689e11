import type { LogEntryView, Snapshot, TeamView } from '../../../protocol/messages.ts';
import { Clocks } from './Clocks.tsx';
import { duration, simTime } from '../text/units.ts';
import { Markdown } from './Markdown.tsx';
import { InlineMarkdown } from './InlineMarkdown.tsx';
import { useCanFork, WhatIfButton } from './WhatIf.tsx';
import { messages } from '../text/messages.ts';

/** One decision as the log records it, with the best option and why when known. */
export function LogEntry({
  entry,
  reveal,
  whatIfFor,
  action,
}: {
  entry: LogEntryView;
  reveal: boolean;
  whatIfFor?: TeamView | undefined;
  action?: React.ReactNode;
}) {
  const best = entry.best ?? null;
  const wasBest = best ? best.option === entry.option : null;
  const total = entry.score ? Object.values(entry.score).reduce((a, b) => a + b, 0) : null;
  return (
    <li className={`log-entry ${wasBest === true ? 'log-best' : wasBest === false ? 'log-miss' : ''}`}>
      <div className="log-entry-head">
        <strong>{entry.injectTitle}</strong>
        <span className="small muted">{simTime(entry.at)}</span>
      </div>
      <p>
        {entry.kind === 'chosen' ? (
          <>
            {messages.debrief.chose}{' '}
            <strong>
              <InlineMarkdown text={entry.optionLabel ?? entry.option ?? ''} />
            </strong>
          </>
        ) : entry.kind === 'no-decision' ? (
          <strong className="bad-text">{messages.debrief.noDecisionInTime}</strong>
        ) : entry.kind === 'skipped' ? (
          <span className="muted">{messages.debrief.skipped}</span>
        ) : (
          <span className="muted">{messages.debrief.readAndContinued}</span>
        )}
        {total !== null && entry.kind !== 'continued' ? (
          <span className={`badge ${total > 0 ? 'badge-good' : total < 0 ? 'badge-bad' : 'badge-neutral'}`}>
            {messages.common.points(total)}
          </span>
        ) : null}
      </p>
      {reveal && best && wasBest === false ? (
        <p>
          {messages.debrief.bestOption}{' '}
          <strong>
            <InlineMarkdown text={best.label} />
          </strong>
        </p>
      ) : null}
      {reveal && wasBest === true ? <p className="good-text">{messages.debrief.wasBest}</p> : null}
      {entry.feedback ? <Markdown className="feedback" text={entry.feedback} /> : null}
      {whatIfFor && (entry.kind === 'chosen' || entry.kind === 'no-decision') ? (
        <WhatIfButton team={whatIfFor} entry={entry} />
      ) : null}
      {action}
      {reveal && best?.feedback && wasBest === false ? (
        <div className="why">
          <span className="small muted">{messages.debrief.whyBest}</span>
          <Markdown text={best.feedback} />
        </div>
      ) : null}
    </li>
  );
}

export function Scores({ score }: { score: Record<string, number> | undefined }) {
  if (!score || Object.keys(score).length === 0) return null;
  return (
    <dl className="scores">
      {Object.entries(score).map(([k, v]) => (
        <div key={k} className="score">
          <dt>{k}</dt>
          <dd className={v > 0 ? 'good-text' : v < 0 ? 'bad-text' : ''}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Debrief for one team: ending, scores, each decision against the best, expectations.
 * `decisionAction` adds a control to each decision (n counts from 1, as the server numbers them).
 */
export function TeamDebrief({
  team,
  headingLevel = 2,
  decisionAction,
}: {
  team: TeamView;
  headingLevel?: 2 | 3;
  decisionAction?: (entry: LogEntryView, n: number) => React.ReactNode;
}) {
  const p = team.progress;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const decisions = p.log.filter((e) => e.kind !== 'continued');
  const canFork = useCanFork(team);
  return (
    <section className="debrief card" aria-label={messages.debrief.debriefFor(team.name)}>
      <H>{team.name}</H>
      {p.ending ? (
        <div className={`ending ending-${p.ending.kind}`}>
          <h4>{messages.common.ending(p.ending.title)}</h4>
          <Markdown text={p.ending.body} />
        </div>
      ) : null}
      <Scores score={p.score} />
      <Clocks simMinutes={p.simMinutes} clocks={p.clocks} compact />
      <h4>{messages.debrief.decisions}</h4>
      {decisions.length === 0 ? <p className="muted">{messages.debrief.noDecisionsRecorded}</p> : null}
      <ol className="log">
        {decisions.map((e, i) => (
          <LogEntry
            key={`${e.inject}-${i}`}
            entry={e}
            reveal
            whatIfFor={canFork ? team : undefined}
            action={decisionAction?.(e, i + 1)}
          />
        ))}
      </ol>
      {p.expectations ? (
        <>
          <h4>{messages.debrief.expectations}</h4>
          <ul className="expectations">
            {p.expectations.map((x) => (
              <li key={x.id} className={x.met ? 'exp-met' : 'exp-missed'}>
                <span className={`badge ${x.met ? 'badge-good' : 'badge-bad'}`}>
                  {x.met ? messages.debrief.met : messages.debrief.missed}
                </span>{' '}
                {x.text}
                {x.capability ? <span className="small muted"> · {x.capability}</span> : null}
                {x.met && typeof x.at === 'number' ? (
                  <span className="small muted"> · {messages.debrief.at(duration(x.at))}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function reportLink(snapshot: Snapshot): string {
  return `#/reports/${encodeURIComponent(snapshot.exercise.id)}`;
}
