import { useState } from 'react';
import type { Snapshot } from '../../../../protocol/messages.ts';
import { TopbarTitle } from '../../components/TopbarTitle.tsx';
import { Board, type BoardPanel } from './Board.tsx';
import { BoardControls } from './BoardControls.tsx';
import { FacilitatorDebrief } from './Debrief.tsx';
import { Lobby } from './Lobby.tsx';
import { useProjectorMode } from './useProjectorMode.ts';
import { messages } from '../../text/messages.ts';

/** Facilitator console (and the read-only observer board): lobby, live board, debrief. */
export function FacilitatorConsole({ snapshot }: { snapshot: Snapshot }) {
  const { exercise } = snapshot;
  const readOnly = snapshot.me.seat !== 'facilitator';
  const live = exercise.status === 'running' || exercise.status === 'paused';
  const [panel, setPanel] = useState<BoardPanel>(null);
  const [projector, setProjector] = useProjectorMode();
  return (
    <div className={`console ${live ? 'console-live' : ''} ${live && projector ? 'projector' : ''}`}>
      <header className="topbar">
        <TopbarTitle scenario={exercise.scenario.title} />
        {live ? <BoardControls snapshot={snapshot} readOnly={readOnly} setPanel={setPanel} /> : null}
        <div className="topbar-me">
          {live ? (
            <button
              type="button"
              className="btn btn-small"
              aria-pressed={projector}
              onClick={() => setProjector(!projector)}
            >
              {messages.board.projector}
            </button>
          ) : null}
          <span className={`status-pill status-${exercise.status}`}>{statusLabel(exercise.status)}</span>
          <span className="badge badge-neutral">{messages.common.code(exercise.code)}</span>
          <span className="role-badge">{readOnly ? messages.board.observer : messages.board.facilitator}</span>
        </div>
      </header>
      {exercise.status === 'lobby' ? <Lobby snapshot={snapshot} readOnly={readOnly} /> : null}
      {live ? <Board snapshot={snapshot} readOnly={readOnly} panel={panel} setPanel={setPanel} /> : null}
      {exercise.status === 'debrief' || exercise.status === 'ended' ? <FacilitatorDebrief snapshot={snapshot} /> : null}
    </div>
  );
}

function statusLabel(s: Snapshot['exercise']['status']): string {
  return messages.common.exerciseStatus[s];
}
