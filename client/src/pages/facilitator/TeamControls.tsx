import { useState } from 'react';
import type { TeamView } from '../../../../protocol/messages.ts';
import { send } from '../../socket.ts';
import { messages } from '../../text/messages.ts';

type Pending = 'advance' | 'skip' | null;

const CONFIRM = messages.board.pacing;

/**
 * A team card's pacing controls: more time on one side, and apart from it the two that move
 * the team on for good (advance, skip), each asking for a confirmation first.
 */
export function TeamControls({
  team,
  onDetails,
  readOnly,
}: {
  team: TeamView;
  onDetails: () => void;
  readOnly: boolean;
}) {
  const [pending, setPending] = useState<Pending>(null);
  const inject = team.progress.inject;
  const timed = team.decision.deadline !== null || team.decision.remainingMs !== null;
  const details = (
    <button type="button" className="btn btn-small tcard-details" aria-haspopup="dialog" onClick={onDetails}>
      {messages.board.detailsButton}
      <span className="sr-only"> {messages.board.forTeam(team.name)}</span>
    </button>
  );
  if (readOnly || !inject) return <div className="team-controls">{details}</div>;
  if (pending) {
    const c = CONFIRM[pending];
    return (
      <div className="team-controls team-confirm" role="group" aria-label={messages.board.pacing.confirmFor(team.name)}>
        <p className="small">
          <strong>{c.ask(team.name)}</strong> {c.what}
        </p>
        <button
          type="button"
          className="btn btn-small btn-danger"
          onClick={() => {
            setPending(null);
            void send(
              pending === 'advance'
                ? { type: 'advance', teamId: team.id, inject: inject.id }
                : { type: 'skip', teamId: team.id, inject: inject.id },
            );
          }}
        >
          {c.go}
          <span className="sr-only"> {messages.board.forTeam(team.name)}</span>
        </button>
        <button type="button" className="btn btn-small" onClick={() => setPending(null)}>
          {messages.board.pacing.cancel}
        </button>
      </div>
    );
  }
  return (
    <div className="team-controls">
      {timed ? (
        <span className="control-group" role="group" aria-label={messages.board.pacing.moreTime(team.name)}>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void send({ type: 'extend', teamId: team.id, seconds: 60 })}
          >
            {messages.board.plusOneMinute}
            <span className="sr-only"> {messages.board.forTeam(team.name)}</span>
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void send({ type: 'extend', teamId: team.id, seconds: 300 })}
          >
            {messages.board.plusFiveMinutes}
            <span className="sr-only"> {messages.board.forTeam(team.name)}</span>
          </button>
        </span>
      ) : null}
      {details}
      <span
        className="control-group control-group-end"
        role="group"
        aria-label={messages.board.pacing.moveOn(team.name)}
      >
        <button type="button" className="btn btn-small btn-quiet-danger" onClick={() => setPending('advance')}>
          {messages.board.advanceButton}
          <span className="sr-only"> {team.name}</span>
        </button>
        <button type="button" className="btn btn-small btn-quiet-danger" onClick={() => setPending('skip')}>
          {messages.board.skipButton}
          <span className="sr-only"> {messages.board.skipFor(team.name)}</span>
        </button>
      </span>
    </div>
  );
}
