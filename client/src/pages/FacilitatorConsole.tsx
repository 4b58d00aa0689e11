import { useState } from 'react';
import type { DecisionMode, Snapshot, TeamView } from '../../../server/net/protocol.ts';
import { loadSeat } from '../api.ts';
import { Clocks } from '../components/Clocks.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { reportLink, TeamDebrief } from '../components/Debrief.tsx';
import { EstateSummary } from '../components/Estate.tsx';
import { roleLabel } from '../components/format.ts';
import { Markdown } from '../components/Markdown.tsx';
import { QrCode } from '../components/QrCode.tsx';
import { routeUrl } from '../router.ts';
import { send } from '../socket.ts';
import { playerName, useStore } from '../store.ts';

/** Facilitator console (and the read-only observer board): lobby, live board, debrief. */
export function FacilitatorConsole({ snapshot }: { snapshot: Snapshot }) {
  const { exercise } = snapshot;
  const readOnly = snapshot.me.seat !== 'facilitator';
  return (
    <div className="console">
      <header className="topbar">
        <div className="topbar-title">
          <span className="brand">
            breach<span className="accent">drill</span>
          </span>
          <span className="topbar-scenario">{exercise.scenario.title}</span>
        </div>
        <div className="topbar-me">
          <span className={`status-pill status-${exercise.status}`}>{statusLabel(exercise.status)}</span>
          <span className="badge badge-neutral">code {exercise.code}</span>
          <span className="role-badge">{readOnly ? 'Observer' : 'Facilitator'}</span>
        </div>
      </header>
      {exercise.status === 'lobby' ? <Lobby snapshot={snapshot} readOnly={readOnly} /> : null}
      {exercise.status === 'running' || exercise.status === 'paused' ? <Board snapshot={snapshot} readOnly={readOnly} /> : null}
      {exercise.status === 'debrief' || exercise.status === 'ended' ? <FacilitatorDebrief snapshot={snapshot} /> : null}
    </div>
  );
}

function statusLabel(s: Snapshot['exercise']['status']): string {
  return { lobby: 'Lobby', running: 'Running', paused: 'Paused', debrief: 'Debrief', ended: 'Ended' }[s];
}

function Lobby({ snapshot, readOnly }: { snapshot: Snapshot; readOnly: boolean }) {
  const { exercise } = snapshot;
  const joinUrl = routeUrl(`/join/${exercise.code}`);
  const [newTeam, setNewTeam] = useState('');
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
          <section className="card" aria-labelledby="ctl-h">
            <h2 id="ctl-h">Set up</h2>
            <ModePicker mode={exercise.mode} />
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                if (newTeam.trim()) void send({ type: 'add-team', name: newTeam.trim() }).then((a) => a.ok && setNewTeam(''));
              }}
            >
              <div className="field grow">
                <label htmlFor="new-team">New team</label>
                <input id="new-team" value={newTeam} maxLength={40} onChange={(e) => setNewTeam(e.target.value)} />
              </div>
              <button type="submit" className="btn" disabled={!newTeam.trim()}>
                Add team
              </button>
            </form>
            <div className="row">
              <button type="button" className="btn btn-primary btn-large" onClick={() => void send({ type: 'start' })} disabled={snapshot.players.length === 0}>
                ▶ Start the exercise
              </button>
              <span className="small muted">
                {snapshot.players.length} player{snapshot.players.length === 1 ? '' : 's'} joined
              </span>
            </div>
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
          {snapshot.players.length === 0 ? <p className="muted">Nobody has joined yet. Players appear here as they arrive.</p> : null}
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

/** Players of one team (or the unassigned ones) with move and remove controls. */
function TeamRoster({ snapshot, team, readOnly }: { snapshot: Snapshot; team: TeamView | null; readOnly: boolean }) {
  const players = snapshot.players.filter((p) => (team ? p.teamId === team.id : !p.teamId));
  const presence = useStore((s) => s.presence);
  return (
    <div className="roster">
      <h3>{team ? team.name : 'Not in a team'}</h3>
      {players.length === 0 ? <p className="small muted">No players</p> : null}
      <ul className="plain-list">
        {players.map((p) => {
          const online = presence[p.id]?.online ?? p.online;
          return (
            <li key={p.id} className="roster-player">
              <span>
                <span className={`dot ${online ? 'dot-on' : 'dot-off'}`} role="img" aria-label={online ? 'online' : 'offline'} /> <strong className="pname">{p.name}</strong>
                <span className="small muted"> · {roleLabel(p.role)}</span>
              </span>
              {!readOnly ? <MovePlayer snapshot={snapshot} playerId={p.id} teamId={p.teamId} role={p.role} name={p.name} /> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function MovePlayer({ snapshot, playerId, teamId, role, name }: { snapshot: Snapshot; playerId: string; teamId: string | null; role: string | null; name: string }) {
  const roles = snapshot.exercise.scenario.roles;
  const move = (t: string, r: string) => void send({ type: 'move', playerId, teamId: t, role: r });
  const fallbackTeam = teamId ?? snapshot.teams[0]?.id ?? '';
  return (
    <span className="move">
      <select aria-label={`Team for ${name}`} value={teamId ?? ''} onChange={(e) => move(e.target.value, role ?? roles[0] ?? 'member')}>
        {!teamId ? <option value="">Choose team</option> : null}
        {snapshot.teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <select aria-label={`Role for ${name}`} value={role ?? ''} onChange={(e) => fallbackTeam && move(fallbackTeam, e.target.value)}>
        {!role ? <option value="">Choose role</option> : null}
        {roles.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn btn-small btn-danger"
        onClick={() => {
          if (window.confirm(`Remove ${name} from the exercise?`)) void send({ type: 'remove', playerId });
        }}
      >
        Remove<span className="sr-only"> {name}</span>
      </button>
    </span>
  );
}

function Board({ snapshot, readOnly }: { snapshot: Snapshot; readOnly: boolean }) {
  const { exercise } = snapshot;
  const paused = exercise.status === 'paused';
  return (
    <div className="board-page">
      <h1 className="sr-only">Live board</h1>
      {!readOnly ? (
        <div className="board-controls" role="toolbar" aria-label="Exercise controls">
          {paused ? (
            <button type="button" className="btn btn-primary" onClick={() => void send({ type: 'resume' })}>
              ▶ Resume
            </button>
          ) : (
            <button type="button" className="btn" onClick={() => void send({ type: 'pause' })}>
              Pause
            </button>
          )}
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => {
              if (window.confirm('End the exercise for everyone and open the debrief?')) void send({ type: 'end' });
            }}
          >
            End → debrief
          </button>
          <span className="small muted">Mode: {exercise.mode}</span>
        </div>
      ) : null}
      <div className="board">
        {snapshot.teams.map((t) => (
          <TeamCard key={t.id} snapshot={snapshot} team={t} readOnly={readOnly} />
        ))}
      </div>
      {!readOnly ? (
        <div className="grid-2">
          <AdHocInject snapshot={snapshot} />
          <section className="card" aria-labelledby="roster-h">
            <h2 id="roster-h">Players</h2>
            <div className="teams-grid">
              {snapshot.teams.map((t) => (
                <TeamRoster key={t.id} snapshot={snapshot} team={t} readOnly={readOnly} />
              ))}
              {snapshot.players.some((p) => !p.teamId) ? <TeamRoster snapshot={snapshot} team={null} readOnly={readOnly} /> : null}
            </div>
          </section>
        </div>
      ) : null}
    </div>
  );
}

function TeamCard({ snapshot, team, readOnly }: { snapshot: Snapshot; team: TeamView; readOnly: boolean }) {
  const p = team.progress;
  const inject = p.inject;
  const members = snapshot.players.filter((x) => x.teamId === team.id);
  const [record, setRecord] = useState('');
  return (
    <section className="team-card card" aria-labelledby={`team-${team.id}`}>
      <div className="team-card-head">
        <h2 id={`team-${team.id}`}>{team.name}</h2>
        <Countdown deadline={team.decision.deadline} remainingMs={team.decision.remainingMs} />
      </div>
      {inject ? (
        <>
          <p className="phase-chip">{inject.phase.title}</p>
          <h3 className="team-inject">{inject.title}</h3>
          {inject.notes ? (
            <details className="notes">
              <summary>Facilitator notes</summary>
              <Markdown text={inject.notes} />
            </details>
          ) : null}
          {inject.decision ? (
            <div className="tally">
              <p className="small">{inject.decision.prompt}</p>
              <ul className="plain-list">
                {inject.decision.options.map((o) => {
                  const voters = team.decision.votes.filter((v) => v.option === o.id);
                  return (
                    <li key={o.id} className="tally-row">
                      <span className="tally-count" aria-hidden="true">
                        {voters.length}
                      </span>
                      <span>
                        {o.label}
                        {voters.length ? (
                          <span className="small muted">
                            {' '}
                            — {voters.map((v) => playerName(snapshot, v.playerId)).join(', ')}
                          </span>
                        ) : null}
                        <span className="sr-only"> ({voters.length} votes)</span>
                      </span>
                    </li>
                  );
                })}
              </ul>
              <p className="small muted">
                {team.decision.votes.length} of {members.length} voted
              </p>
            </div>
          ) : (
            <p className="small muted">No decision: the team reads and continues.</p>
          )}
        </>
      ) : p.ending ? (
        <p>
          <strong>Ending reached:</strong> {p.ending.title}
        </p>
      ) : (
        <p className="muted">Waiting…</p>
      )}
      <Clocks simMinutes={p.simMinutes} clocks={p.clocks} compact />
      <EstateSummary estate={p.estate} />
      {p.score ? (
        <p className="small">
          Score: {Object.entries(p.score).map(([k, v]) => `${k} ${v}`).join(' · ')}
        </p>
      ) : null}
      {!readOnly && inject ? (
        <div className="team-controls">
          <button type="button" className="btn btn-small" onClick={() => void send({ type: 'advance', teamId: team.id, inject: inject.id })}>
            Advance<span className="sr-only"> {team.name}</span>
          </button>
          <button type="button" className="btn btn-small" onClick={() => void send({ type: 'skip', teamId: team.id, inject: inject.id })}>
            Skip<span className="sr-only"> the inject for {team.name}</span>
          </button>
          <button type="button" className="btn btn-small" onClick={() => void send({ type: 'extend', teamId: team.id, seconds: 60 })}>
            +1 min<span className="sr-only"> for {team.name}</span>
          </button>
          <button type="button" className="btn btn-small" onClick={() => void send({ type: 'extend', teamId: team.id, seconds: 300 })}>
            +5 min<span className="sr-only"> for {team.name}</span>
          </button>
          {snapshot.exercise.mode === 'facilitator' && inject.decision ? (
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                if (record) void send({ type: 'record', teamId: team.id, option: record, inject: inject.id });
              }}
            >
              <select aria-label={`Choice to record for ${team.name}`} value={record} onChange={(e) => setRecord(e.target.value)}>
                <option value="">Record the team’s choice…</option>
                {inject.decision.options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
              <button type="submit" className="btn btn-small btn-primary" disabled={!record}>
                Record
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function AdHocInject({ snapshot }: { snapshot: Snapshot }) {
  const [teamId, setTeamId] = useState('all');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="card stack"
      aria-labelledby="adhoc-h"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const ack = await send({ type: 'inject', teamId, title: title.trim(), body: body.trim() });
        setBusy(false);
        if (ack.ok) {
          setTitle('');
          setBody('');
          useStore.getState().notify('info', 'Inject sent.');
        }
      }}
    >
      <h2 id="adhoc-h">Ad-hoc inject</h2>
      <div className="field">
        <label htmlFor="adhoc-team">To</label>
        <select id="adhoc-team" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="all">All teams</option>
          {snapshot.teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="adhoc-title">Title</label>
        <input id="adhoc-title" value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="adhoc-body">Message (Markdown)</label>
        <textarea id="adhoc-body" rows={4} maxLength={4000} value={body} onChange={(e) => setBody(e.target.value)} required />
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy || !title.trim() || !body.trim()}>
        Send inject
      </button>
    </form>
  );
}

function FacilitatorDebrief({ snapshot }: { snapshot: Snapshot }) {
  const hasKey = loadSeat(snapshot.exercise.id)?.seat === 'facilitator';
  return (
    <div className="page wide">
      <h1>Debrief</h1>
      <p className="lead-text">The best path and each team’s choices, with feedback. Walk through them together.</p>
      <p className="row">
        <a className="btn btn-primary" href={reportLink(snapshot)}>
          Open the gap report
        </a>
        {hasKey ? <span className="small muted">Reports are opened with your facilitator key on this device.</span> : null}
      </p>
      <div className={snapshot.teams.length > 1 ? 'debrief-grid' : ''}>
        {snapshot.teams.map((t) => (
          <TeamDebrief key={t.id} team={t} />
        ))}
      </div>
    </div>
  );
}
