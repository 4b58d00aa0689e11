import type { DecisionMode, Snapshot } from '../../../../protocol/messages.ts';
import { ExerciseDocuments } from '../../components/ExerciseDocuments.tsx';
import { QrCode } from '../../components/QrCode.tsx';
import { keyFor } from '../../reportsApi.ts';
import { routeUrl } from '../../router.ts';
import { send } from '../../socket.ts';
import { NewTeamForm, TeamRoster } from './Roster.tsx';
import { plural } from '../../text/plural.ts';

/** Before the start: the join code and QR code for the room, setup controls and the players as they arrive. */
export function Lobby({ snapshot, readOnly }: { snapshot: Snapshot; readOnly: boolean }) {
  const { exercise } = snapshot;
  const joinUrl = routeUrl(`/join/${exercise.code}`);
  const unassigned = snapshot.players.filter((p) => !p.teamId);
  return (
    <div className="lobby">
      <section className="join-panel card" aria-labelledby="join-h">
        <h1 id="join-h" className="sr-only">
          Lobby
        </h1>
        <p className="join-hint">Join at {window.location.host} with the code</p>
        <p className="join-code" aria-label={`Join code ${exercise.code.split('').join(' ')}`}>
          {exercise.code}
        </p>
        <QrCode text={joinUrl} label={`QR code for the join link ${joinUrl}`} size={260} />
        <p className="small muted join-url">{joinUrl}</p>
      </section>
      <div className="lobby-side stack">
        {!readOnly ? (
          <section className="card stack lobby-setup" aria-labelledby="ctl-h">
            <h2 id="ctl-h">Set up</h2>
            <ModePicker mode={exercise.mode} />
            <NewTeamForm />
            <div className="row">
              <button type="button" className="btn btn-primary btn-large" onClick={() => void send({ type: 'start' })} disabled={snapshot.players.length === 0} aria-describedby="start-hint">
                ▶ Start the exercise
              </button>
              <span id="start-hint" className="small muted">
                {snapshot.players.length === 0 ? 'Start unlocks when the first player joins.' : `${plural(snapshot.players.length, 'player')} joined`}
              </span>
            </div>
            <LobbyWarnings snapshot={snapshot} />
            <ExerciseDocuments scenarioId={exercise.scenario.id} staffKey={keyFor(exercise.id)} whereStaff="This browser does not hold the facilitator key of this exercise." folded />
          </section>
        ) : null}
        <section className="card" aria-labelledby="players-h">
          <h2 id="players-h">Players</h2>
          <div className="teams-grid">
            {snapshot.teams.map((t) => (
              <TeamRoster key={t.id} snapshot={snapshot} team={t} readOnly={readOnly} />
            ))}
            {unassigned.length ? <TeamRoster snapshot={snapshot} team={null} readOnly={readOnly} /> : null}
          </div>
          {snapshot.players.length === 0 ? (
            <p className="empty-note" role="status">
              Nobody has joined yet. Players appear here as they arrive: show the code or the QR code to the room.
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
      <label htmlFor="mode">Decision mode</label>
      <select id="mode" value={mode} onChange={(e) => void send({ type: 'set-mode', mode: e.target.value as DecisionMode })}>
        <option value="vote">Team vote</option>
        <option value="lead">Lead decides</option>
        <option value="facilitator">Facilitator records</option>
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
        <li key={t.id}>{t.name} has no players yet; its decisions will time out unless you move someone in.</li>
      ))}
      {unassigned.length ? (
        <li>
          {plural(unassigned.length, 'player is', 'players are')} not in a team yet: choose a team below.
        </li>
      ) : null}
    </ul>
  );
}

