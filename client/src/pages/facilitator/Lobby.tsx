import type { DecisionMode, Snapshot } from '../../../../protocol/messages.ts';
import { ExerciseDocuments } from '../../components/ExerciseDocuments.tsx';
import { QrCode } from '../../components/QrCode.tsx';
import { keyFor } from '../../reportsApi.ts';
import { routeUrl } from '../../router.ts';
import { send } from '../../socket.ts';
import { NewTeamForm, TeamRoster } from './Roster.tsx';
import { messages } from '../../text/messages.ts';

/** Before the start: the join code and QR code for the room, setup controls and the players as they arrive. */
export function Lobby({ snapshot, readOnly }: { snapshot: Snapshot; readOnly: boolean }) {
  const { exercise } = snapshot;
  const joinUrl = routeUrl(`/join/${exercise.code}`);
  const unassigned = snapshot.players.filter((p) => !p.teamId);
  return (
    <div className="lobby">
      <section className="join-panel card" aria-labelledby="join-h">
        <h1 id="join-h" className="sr-only">
          {messages.lobby.lobby}
        </h1>
        <p className="join-hint">{messages.lobby.joinAt(window.location.host)}</p>
        <p className="join-code" aria-label={messages.lobby.joinCode(exercise.code.split('').join(' '))}>
          {exercise.code}
        </p>
        <QrCode text={joinUrl} label={messages.lobby.qrCode(joinUrl)} size={260} />
        <p className="small muted join-url">{joinUrl}</p>
      </section>
      <div className="lobby-side stack">
        {!readOnly ? (
          <section className="card stack lobby-setup" aria-labelledby="ctl-h">
            <h2 id="ctl-h">{messages.lobby.setUp}</h2>
            <ModePicker mode={exercise.mode} />
            <NewTeamForm />
            <div className="row">
              <button
                type="button"
                className="btn btn-primary btn-large"
                onClick={() => void send({ type: 'start' })}
                disabled={snapshot.players.length === 0}
                aria-describedby="start-hint"
              >
                {messages.lobby.startTheExercise}
              </button>
              <span id="start-hint" className="small muted">
                {snapshot.players.length === 0
                  ? messages.lobby.startUnlocks
                  : messages.lobby.joined(snapshot.players.length)}
              </span>
            </div>
            <LobbyWarnings snapshot={snapshot} />
            <ExerciseDocuments
              scenarioId={exercise.scenario.id}
              exerciseId={exercise.id}
              staffKey={keyFor(exercise.id)}
              whereStaff={messages.lobby.staffDocuments}
              folded
            />
          </section>
        ) : null}
        <section className="card" aria-labelledby="players-h">
          <h2 id="players-h">{messages.lobby.players}</h2>
          <div className="teams-grid">
            {snapshot.teams.map((t) => (
              <TeamRoster key={t.id} snapshot={snapshot} team={t} readOnly={readOnly} />
            ))}
            {unassigned.length ? <TeamRoster snapshot={snapshot} team={null} readOnly={readOnly} /> : null}
          </div>
          {snapshot.players.length === 0 ? (
            <p className="empty-note" role="status">
              {messages.lobby.nobodyHasJoinedYet}
            </p>
          ) : null}
        </section>
      </div>
    </div>
  );
}

function ModePicker({ mode }: { mode: DecisionMode }) {
  return (
    <div className="field">
      <label htmlFor="mode">{messages.lobby.decisionMode}</label>
      <select
        id="mode"
        value={mode}
        onChange={(e) => void send({ type: 'set-mode', mode: e.target.value as DecisionMode })}
      >
        <option value="vote">{messages.common.mode.vote}</option>
        <option value="lead">{messages.common.mode.lead}</option>
        <option value="facilitator">{messages.common.mode.facilitator}</option>
      </select>
    </div>
  );
}

/** Things to sort out before starting: empty teams, players without a team. */
function LobbyWarnings({ snapshot }: { snapshot: Snapshot }) {
  if (snapshot.players.length === 0) return null;
  const empty = snapshot.teams.filter((t) => !snapshot.players.some((p) => p.teamId === t.id));
  const unassigned = snapshot.players.filter((p) => !p.teamId);
  if (empty.length === 0 && unassigned.length === 0) return null;
  return (
    <ul className="warn-list">
      {empty.map((t) => (
        <li key={t.id}>{messages.lobby.emptyTeam(t.name)}</li>
      ))}
      {unassigned.length ? <li>{messages.lobby.unassigned(unassigned.length)}</li> : null}
    </ul>
  );
}
