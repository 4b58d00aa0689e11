import type { Snapshot } from '../../../../protocol/messages.ts';
import { loadSeat } from '../../api.ts';
import { reportLink, TeamDebrief } from '../../components/Debrief.tsx';
import { send } from '../../socket.ts';
import { HotwashProgress } from './HotwashProgress.tsx';
import { PinnedWhatIfs } from '../../components/WhatIfPins.tsx';
import { messages } from '../../text/messages.ts';

/** After play: every team's path with feedback, the gap report link and closing the exercise. */
export function FacilitatorDebrief({ snapshot }: { snapshot: Snapshot }) {
  const hasKey = loadSeat(snapshot.exercise.id)?.seat === 'facilitator';
  const ended = snapshot.exercise.status === 'ended';
  const canClose = !ended && snapshot.me.seat === 'facilitator';
  return (
    <div className="page wide">
      <h1>{messages.board.debrief}</h1>
      {ended ? (
        <p className="ended-note" role="status">
          {messages.board.closedNote}
        </p>
      ) : (
        <p className="lead-text">{messages.board.debriefLead}</p>
      )}
      <p className="row">
        <a className="btn btn-primary" href={reportLink(snapshot)}>
          {messages.board.openTheGapReport}
        </a>
        {canClose ? (
          <button
            type="button"
            className="btn"
            onClick={() => {
              if (window.confirm(messages.board.confirmClose)) void send({ type: 'end' });
            }}
          >
            {messages.board.closeTheExercise}
          </button>
        ) : null}
        {hasKey ? <span className="small muted">{messages.board.facilitatorKeyNote}</span> : null}
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
