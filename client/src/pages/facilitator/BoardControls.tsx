import type { DecisionMode, Snapshot } from '../../../../protocol/messages.ts';
import { send } from '../../socket.ts';
import type { BoardPanel } from './Board.tsx';
import { messages } from '../../text/messages.ts';

/** Pause/resume, ad-hoc inject, players, end: in the sticky header, so they are always reachable. */
export function BoardControls({
  snapshot,
  readOnly,
  setPanel,
}: {
  snapshot: Snapshot;
  readOnly: boolean;
  setPanel: (p: BoardPanel) => void;
}) {
  const { exercise } = snapshot;
  const paused = exercise.status === 'paused';
  const unassigned = snapshot.players.filter((p) => !p.teamId).length;
  if (readOnly) return null;
  return (
    <div className="board-controls" role="toolbar" aria-label={messages.board.exerciseControls}>
      {paused ? (
        <button type="button" className="btn btn-primary" onClick={() => void send({ type: 'resume' })}>
          {messages.board.resume}
        </button>
      ) : (
        <button type="button" className="btn" onClick={() => void send({ type: 'pause' })}>
          <span className="icon-pause" aria-hidden="true" /> {messages.board.pause}
        </button>
      )}
      <button type="button" className="btn" aria-haspopup="dialog" onClick={() => setPanel({ kind: 'inject' })}>
        {messages.board.sendAnInject}
      </button>
      <button
        type="button"
        className={`btn ${unassigned ? 'btn-attention' : ''}`}
        aria-haspopup="dialog"
        onClick={() => setPanel({ kind: 'players' })}
      >
        {messages.board.playersButton(snapshot.players.length, unassigned)}
      </button>
      <span className="small muted board-mode">{modeLabel(exercise.mode)}</span>
      <button
        type="button"
        className="btn btn-danger board-end"
        onClick={() => {
          if (window.confirm(messages.board.confirmEnd)) void send({ type: 'end' });
        }}
      >
        {messages.board.endDebrief}
      </button>
    </div>
  );
}

function modeLabel(mode: DecisionMode): string {
  return messages.board.mode[mode];
}
