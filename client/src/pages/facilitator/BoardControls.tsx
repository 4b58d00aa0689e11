import type { DecisionMode, Snapshot } from '../../../../protocol/messages.ts';
import { send } from '../../socket.ts';
import type { BoardPanel } from './Board.tsx';

/** Pause/resume, ad-hoc inject, players, end: in the sticky header, so they are always reachable. */
export function BoardControls({ snapshot, readOnly, setPanel }: { snapshot: Snapshot; readOnly: boolean; setPanel: (p: BoardPanel) => void }) {
  const { exercise } = snapshot;
  const paused = exercise.status === 'paused';
  const unassigned = snapshot.players.filter((p) => !p.teamId).length;
  if (readOnly) return null;
  return (
    <div className="board-controls" role="toolbar" aria-label="Exercise controls">
      {paused ? (
        <button type="button" className="btn btn-primary" onClick={() => void send({ type: 'resume' })}>
          ▶ Resume
        </button>
      ) : (
        <button type="button" className="btn" onClick={() => void send({ type: 'pause' })}>
          <span className="icon-pause" aria-hidden="true" /> Pause
        </button>
      )}
      <button type="button" className="btn" aria-haspopup="dialog" onClick={() => setPanel({ kind: 'inject' })}>
        + Send an inject…
      </button>
      <button type="button" className={`btn ${unassigned ? 'btn-attention' : ''}`} aria-haspopup="dialog" onClick={() => setPanel({ kind: 'players' })}>
        Players ({snapshot.players.length}){unassigned ? ` · ${unassigned} without a team` : ''}
      </button>
      <span className="small muted board-mode">{modeLabel(exercise.mode)}</span>
      <button
        type="button"
        className="btn btn-danger board-end"
        onClick={() => {
          if (window.confirm('End the exercise for everyone and open the debrief?')) void send({ type: 'end' });
        }}
      >
        End → debrief
      </button>
    </div>
  );
}

function modeLabel(mode: DecisionMode): string {
  return { vote: 'Mode: team vote', lead: 'Mode: lead decides', facilitator: 'Mode: facilitator records' }[mode];
}

