import { useState } from 'react';
import type { TeamView } from '../../../../protocol/messages.ts';
import { send } from '../../socket.ts';
import { messages } from '../../text/messages.ts';

type Pending = 'advance' | 'skip' | null;

const CONFIRM = messages.pacing;

/**
 * A team card's pacing controls: more time on one side, and apart from it the two that move
 * the team on for good (advance, skip), each asking for a confirmation first.
 */
export function TeamControls({ team, onDetails, readOnly }: { team: TeamView; onDetails: () => void; readOnly: boolean }) {
  const [pending, setPending] = useState<Pending>(null);
  const inject = team.progress.inject;
  const timed = team.decision.deadline !== null || team.decision.remainingMs !== null;
  const details = (
    <button type="button" className="btn btn-small tcard-details" aria-haspopup="dialog" onClick={onDetails}>
      Details<span className="sr-only"> for {team.name}</span>
    </button>
  );
  if (readOnly || !inject) return <div className="team-controls">{details}</div>;
  if (pending) {
    const c = CONFIRM[pending];
    return (
      <div className="team-controls team-confirm" role="group" aria-label={messages.pacing.confirmFor(team.name)}>
        <p className="small">
          <strong>
            {c.ask} {team.name}?
          </strong>{' '}
          {c.what}
        </p>
        <button
          type="button"
          className="btn btn-small btn-danger"
          onClick={() => {
            setPending(null);
            void send(pending === 'advance' ? { type: 'advance', teamId: team.id, inject: inject.id } : { type: 'skip', teamId: team.id, inject: inject.id });
          }}
        >
          {c.go}
          <span className="sr-only"> for {team.name}</span>
        </button>
        <button type="button" className="btn btn-small" onClick={() => setPending(null)}>
          {messages.pacing.cancel}
        </button>
      </div>
    );
  }
  return (
    <div className="team-controls">
      {timed ? (
        <span className="control-group" role="group" aria-label={messages.pacing.moreTime(team.name)}>
          <button type="button" className="btn btn-small" onClick={() => void send({ type: 'extend', teamId: team.id, seconds: 60 })}>
            +1 min<span className="sr-only"> for {team.name}</span>
          </button>
          <button type="button" className="btn btn-small" onClick={() => void send({ type: 'extend', teamId: team.id, seconds: 300 })}>
            +5 min<span className="sr-only"> for {team.name}</span>
          </button>
        </span>
      ) : null}
      {details}
      <span className="control-group control-group-end" role="group" aria-label={messages.pacing.moveOn(team.name)}>
        <button type="button" className="btn btn-small btn-quiet-danger" onClick={() => setPending('advance')}>
          Advance…<span className="sr-only"> {team.name}</span>
        </button>
        <button type="button" className="btn btn-small btn-quiet-danger" onClick={() => setPending('skip')}>
          Skip…<span className="sr-only"> the inject for {team.name}</span>
        </button>
      </span>
    </div>
  );
}
