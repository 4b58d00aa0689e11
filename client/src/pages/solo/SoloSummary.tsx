import { useEffect, useState } from 'react';
import type { LogEntryView, Snapshot, TeamView } from '../../../../protocol/messages.ts';
import { loadSeat } from '../../api.ts';
import { reportLink, TeamDebrief } from '../../components/Debrief.tsx';
import { RatingBadge } from '../../components/RatingBadge.tsx';
import { getReport, type GapReport } from '../../reportsApi.ts';
import { startPractice } from './startPractice.ts';
import { rewindTo } from './rewind.ts';
import { messages } from '../../text/messages.ts';

type TeamReport = GapReport['teams'][number];

/**
 * The end of a solo run: the total score and the HSEEP rating per capability (from the run's
 * own gap report, opened with the trainee's token), every decision against the best with
 * "Rewind to decision N" (a new run from there, H18), a replay and the trainee's other runs.
 */
export function SoloSummary({ snapshot, team }: { snapshot: Snapshot; team: TeamView }) {
  const exerciseId = snapshot.exercise.id;
  const [result, setResult] = useState<TeamReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rewinding, setRewinding] = useState<{ busy: boolean; problem: string | null }>({ busy: false, problem: null });
  const mine = Boolean(loadSeat(exerciseId)?.solo);
  const rewind = (entry: LogEntryView) => {
    setRewinding({ busy: true, problem: null });
    rewindTo(exerciseId, entry.inject).catch((e: Error) => setRewinding({ busy: false, problem: e.message }));
  };
  useEffect(() => {
    const seat = loadSeat(exerciseId);
    if (!seat) return;
    getReport(exerciseId, seat.token).then(
      (r) => setResult(r.teams[0] ?? null),
      (e: Error) => setError(e.message),
    );
  }, [exerciseId]);
  return (
    <div className="page">
      <h1>{messages.solo.practiceSummary}</h1>
      <section className="card solo-result" aria-labelledby="result-h">
        <h2 id="result-h">{messages.solo.yourResult}</h2>
        {result ? (
          <>
            <p className="solo-total">
              <strong>{result.total.score}</strong> {messages.solo.ofPoints(result.total.max)}
            </p>
            <table className="solo-caps">
              <caption className="sr-only">{messages.solo.scoreAndRatingPer}</caption>
              <thead>
                <tr>
                  <th scope="col">{messages.solo.capability}</th>
                  <th scope="col">{messages.solo.points}</th>
                  <th scope="col">{messages.solo.rating}</th>
                </tr>
              </thead>
              <tbody>
                {result.capabilities.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.label}</th>
                    <td>{messages.common.scoreOf(c.score, c.max)}</td>
                    <td>
                      <RatingBadge rating={c.rating} />{' '}
                      <span className="small muted rating-words">{c.ratingLabel}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : error ? (
          <p className="bad-text">{messages.solo.scoreFailed(error)}</p>
        ) : (
          <p className="muted" role="status">
            {messages.solo.scoringYourRun}
          </p>
        )}
        <p className="row">
          <button type="button" className="btn btn-primary" onClick={() => void replay(snapshot)}>
            {messages.solo.practiseThisDrillAgain}
          </button>
          <a className="btn" href={reportLink(snapshot)}>
            {messages.solo.openTheGapReport}
          </a>
          <a className="btn" href="#/solo">
            {messages.solo.allYourPracticeRuns}
          </a>
        </p>
      </section>
      {mine ? (
        <p className="muted rewind-lead">
          {messages.solo.rewindLead.before} <strong>{messages.solo.rewindTo}</strong> {messages.solo.rewindLead.after}
        </p>
      ) : null}
      {rewinding.problem ? (
        <p role="alert" className="bad-text">
          {rewinding.problem}
        </p>
      ) : null}
      <TeamDebrief
        team={team}
        decisionAction={
          mine
            ? (entry, n) => (
                <button type="button" className="btn btn-small" disabled={rewinding.busy} onClick={() => rewind(entry)}>
                  {messages.solo.rewindToDecision(n)}
                  <span className="sr-only">: “{entry.injectTitle}”</span>
                </button>
              )
            : undefined
        }
      />
    </div>
  );
}

function replay(snapshot: Snapshot): Promise<void> {
  const seat = loadSeat(snapshot.exercise.id);
  const name = seat?.solo?.name ?? snapshot.players[0]?.name ?? messages.solo.trainee;
  return startPractice(snapshot.exercise.scenario.id, name);
}
