import { useState } from 'react';
import type { Snapshot, TeamView } from '../../../../protocol/messages.ts';
import { roleLabel } from '../../text/labels.ts';
import { send } from '../../socket.ts';
import { useStore } from '../../store.ts';
import { SeatHandOver } from './SeatHandOver.tsx';
import { messages } from '../../text/messages.ts';

/** Adds a team (lobby and during play). */
export function NewTeamForm() {
  const [newTeam, setNewTeam] = useState('');
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        if (newTeam.trim()) void send({ type: 'add-team', name: newTeam.trim() }).then((a) => a.ok && setNewTeam(''));
      }}
    >
      <div className="field grow">
        <label htmlFor="new-team">{messages.lobby.newTeam}</label>
        <input id="new-team" value={newTeam} maxLength={40} onChange={(e) => setNewTeam(e.target.value)} />
      </div>
      <button type="submit" className="btn" disabled={!newTeam.trim()}>
        {messages.lobby.addTeam}
      </button>
    </form>
  );
}

/** Players of one team (or the unassigned ones) with move and remove controls. */
export function TeamRoster({
  snapshot,
  team,
  readOnly,
}: {
  snapshot: Snapshot;
  team: TeamView | null;
  readOnly: boolean;
}) {
  const players = snapshot.players.filter((p) => (team ? p.teamId === team.id : !p.teamId));
  const presence = useStore((s) => s.presence);
  // the same name on two seats usually means one person joined again from another device (H12)
  const seatsNamed = (name: string) =>
    snapshot.players.filter((p) => p.name.trim().toLowerCase() === name.trim().toLowerCase()).length;
  return (
    <div className={`roster ${team ? '' : 'roster-unassigned'}`}>
      <h3>
        {team ? team.name : messages.lobby.notInATeam} <span className="small muted">({players.length})</span>
      </h3>
      {players.length === 0 ? <p className="small muted">{messages.lobby.noPlayersYet}</p> : null}
      <ul className="plain-list">
        {players.map((p) => {
          const online = presence[p.id]?.online ?? p.online;
          return (
            <li key={p.id} className="roster-player">
              <span>
                <span
                  className={`dot ${online ? 'dot-on' : 'dot-off'}`}
                  role="img"
                  aria-label={online ? messages.lobby.online : messages.lobby.offline}
                />{' '}
                <strong className="pname">{p.name}</strong>
                <span className="small muted"> · {roleLabel(p.role, snapshot.exercise.scenario.roleLabels)}</span>
                {seatsNamed(p.name) > 1 ? (
                  <span className="badge badge-warn">{messages.lobby.sameName(seatsNamed(p.name))}</span>
                ) : null}
              </span>
              {!readOnly ? (
                <MovePlayer snapshot={snapshot} playerId={p.id} teamId={p.teamId} role={p.role} name={p.name} />
              ) : null}
              {!readOnly ? <SeatHandOver exerciseId={snapshot.exercise.id} playerId={p.id} name={p.name} /> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function MovePlayer({
  snapshot,
  playerId,
  teamId,
  role,
  name,
}: {
  snapshot: Snapshot;
  playerId: string;
  teamId: string | null;
  role: string | null;
  name: string;
}) {
  const roles = snapshot.exercise.scenario.roles;
  const move = (t: string, r: string) => void send({ type: 'move', playerId, teamId: t, role: r });
  const fallbackTeam = teamId ?? snapshot.teams[0]?.id ?? '';
  return (
    <span className="move">
      <select
        aria-label={messages.lobby.teamFor(name)}
        value={teamId ?? ''}
        onChange={(e) => move(e.target.value, role ?? roles[0] ?? 'member')}
      >
        {!teamId ? <option value="">{messages.lobby.chooseTeam}</option> : null}
        {snapshot.teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <select
        aria-label={messages.lobby.roleFor(name)}
        value={role ?? ''}
        onChange={(e) => fallbackTeam && move(fallbackTeam, e.target.value)}
      >
        {!role ? <option value="">{messages.lobby.chooseRole}</option> : null}
        {roles.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r, snapshot.exercise.scenario.roleLabels)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn btn-small btn-danger"
        onClick={() => {
          if (window.confirm(messages.lobby.confirmRemove(name))) void send({ type: 'remove', playerId });
        }}
      >
        {messages.lobby.remove}
        <span className="sr-only"> {name}</span>
      </button>
    </span>
  );
}

/** Rosters with move/remove, plus adding a team, during play. */
export function PlayersPanel({ snapshot }: { snapshot: Snapshot }) {
  return (
    <div className="stack">
      <NewTeamForm />
      <div className="teams-grid">
        {snapshot.players.some((p) => !p.teamId) ? (
          <TeamRoster snapshot={snapshot} team={null} readOnly={false} />
        ) : null}
        {snapshot.teams.map((t) => (
          <TeamRoster key={t.id} snapshot={snapshot} team={t} readOnly={false} />
        ))}
      </div>
    </div>
  );
}
