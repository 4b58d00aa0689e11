import type { Snapshot } from '../../../../protocol/messages.ts';
import { Modal } from '../../components/Modal.tsx';
import { AdHocInject } from './AdHocInject.tsx';
import { PlayersPanel } from './Roster.tsx';
import { TeamCard } from './TeamCard.tsx';
import { TeamDetails } from './TeamDetails.tsx';
import { messages } from '../../text/messages.ts';

/** Which side panel or dialog of the board is open. */
export type BoardPanel = { kind: 'team'; teamId: string } | { kind: 'inject' } | { kind: 'players' } | null;

/** The live board: every team at once (one column each on a projector), global controls in the header. */
export function Board({
  snapshot,
  readOnly,
  panel,
  setPanel,
}: {
  snapshot: Snapshot;
  readOnly: boolean;
  panel: BoardPanel;
  setPanel: (p: BoardPanel) => void;
}) {
  const paused = snapshot.exercise.status === 'paused';
  const cols = Math.min(Math.max(snapshot.teams.length, 1), 4);
  const detailTeam = panel?.kind === 'team' ? (snapshot.teams.find((t) => t.id === panel.teamId) ?? null) : null;
  return (
    <div className={`board-page ${paused ? 'board-paused' : ''}`}>
      <h1 className="sr-only">{messages.board.liveBoard}</h1>
      {paused ? (
        <p className="board-paused-note" role="status">
          <span className="icon-pause" aria-hidden="true" /> {messages.board.pausedNote}
        </p>
      ) : null}
      {snapshot.teams.length === 0 ? <p className="muted">{messages.board.noTeams}</p> : null}
      <div className="board" style={{ ['--cols' as string]: cols }}>
        {snapshot.teams.map((t) => (
          <TeamCard
            key={t.id}
            snapshot={snapshot}
            team={t}
            readOnly={readOnly}
            onDetails={() => setPanel({ kind: 'team', teamId: t.id })}
          />
        ))}
      </div>
      <Modal
        id="team-details"
        side
        open={detailTeam !== null}
        onClose={() => setPanel(null)}
        title={detailTeam ? messages.board.details(detailTeam.name) : ''}
      >
        {detailTeam ? <TeamDetails snapshot={snapshot} team={detailTeam} readOnly={readOnly} /> : null}
      </Modal>
      {!readOnly ? (
        <>
          <Modal
            id="adhoc"
            open={panel?.kind === 'inject'}
            onClose={() => setPanel(null)}
            title={messages.board.sendAnAdHoc}
          >
            <AdHocInject snapshot={snapshot} onSent={() => setPanel(null)} />
          </Modal>
          <Modal
            id="players"
            side
            open={panel?.kind === 'players'}
            onClose={() => setPanel(null)}
            title={messages.board.playersAndTeams}
          >
            <PlayersPanel snapshot={snapshot} />
          </Modal>
        </>
      ) : null}
    </div>
  );
}
