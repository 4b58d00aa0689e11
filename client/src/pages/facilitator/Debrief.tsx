import type { Snapshot } from '../../../../protocol/messages.ts';
import { loadSeat } from '../../api.ts';
import { reportLink, TeamDebrief } from '../../components/Debrief.tsx';
import { send } from '../../socket.ts';
import { HotwashProgress } from './HotwashProgress.tsx';
import { PinnedWhatIfs } from '../../components/WhatIfPins.tsx';

/** After play: every team's path with feedback, the gap report link and closing the exercise. */
export function FacilitatorDebrief({ snapshot }: { snapshot: Snapshot }) {
  const hasKey = loadSeat(snapshot.exercise.id)?.seat === 'facilitator';
  const ended = snapshot.exercise.status === 'ended';
  const canClose = !ended && snapshot.me.seat === 'facilitator';
  return (
    <div className="page wide">
      <h1>Debrief</h1>
      {ended ? (
        <p className="ended-note" role="status">
          The exercise is closed: players can no longer change their hot-wash answers. The debrief and the gap report stay available.
        </p>
      ) : (
        <p className="lead-text">The best path and each team’s choices, with feedback. Walk through them together; players answer the hot-wash on their devices.</p>
      )}
      <p className="row">
        <a className="btn btn-primary" href={reportLink(snapshot)}>
          Open the gap report
        </a>
        {canClose ? (
          <button
            type="button"
            className="btn"
            onClick={() => {
              if (window.confirm('Close the exercise? Hot-wash answers are final after this.')) void send({ type: 'end' });
            }}
          >
            Close the exercise
          </button>
        ) : null}
        {hasKey ? <span className="small muted">Reports are opened with your facilitator key on this device.</span> : null}
      </p>
      {snapshot.hotwash ? <HotwashProgress snapshot={snapshot} /> : null}
      {snapshot.me.seat === 'facilitator' ? <PinnedWhatIfs exerciseId={snapshot.exercise.id} /> : null}
      <div className={snapshot.teams.length > 1 ? 'debrief-grid' : ''}>
        {snapshot.teams.map((t) => (
          <TeamDebrief key={t.id} team={t} />
        ))}
      </div>
    </div>
  );
}
