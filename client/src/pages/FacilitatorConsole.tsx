import { useState } from 'react';
import type { DecisionMode, Snapshot, TeamView } from '../../../protocol/messages.ts';
import { loadSeat } from '../api.ts';
import { Artifacts } from '../components/Artifacts.tsx';
import { ClockList, Clocks } from '../components/Clocks.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { LogEntry, reportLink, Scores, TeamDebrief } from '../components/Debrief.tsx';
import { Estate, EstateBrief } from '../components/Estate.tsx';
import { phaseLabel, roleLabel } from '../components/format.ts';
import { Markdown } from '../components/Markdown.tsx';
import { Modal } from '../components/Modal.tsx';
import { QrCode } from '../components/QrCode.tsx';
import { timeLeft, URGENT_MS, useNow } from '../components/useNow.ts';
import { routeUrl } from '../router.ts';
import { send } from '../socket.ts';
import { playerName, useStore } from '../store.ts';
import { TopbarTitle } from '../components/TopbarTitle.tsx';

/** Facilitator console (and the read-only observer board): lobby, live board, debrief. */
export function FacilitatorConsole({ snapshot }: { snapshot: Snapshot }) {
  const { exercise } = snapshot;
  const readOnly = snapshot.me.seat !== 'facilitator';
  const live = exercise.status === 'running' || exercise.status === 'paused';
  const [panel, setPanel] = useState<BoardPanel>(null);
  return (
    <div className={`console ${live ? 'console-live' : ''}`}>
      <header className="topbar">
        <TopbarTitle scenario={exercise.scenario.title} />
        {live ? <BoardControls snapshot={snapshot} readOnly={readOnly} setPanel={setPanel} /> : null}
        <div className="topbar-me">
          <span className={`status-pill status-${exercise.status}`}>{statusLabel(exercise.status)}</span>
          <span className="badge badge-neutral">code {exercise.code}</span>
          <span className="role-badge">{readOnly ? 'Observer' : 'Facilitator'}</span>
        </div>
      </header>
      {exercise.status === 'lobby' ? <Lobby snapshot={snapshot} readOnly={readOnly} /> : null}
      {live ? <Board snapshot={snapshot} readOnly={readOnly} panel={panel} setPanel={setPanel} /> : null}
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
            <NewTeamForm />
            <div className="row">
              <button type="button" className="btn btn-primary btn-large" onClick={() => void send({ type: 'start' })} disabled={snapshot.players.length === 0} aria-describedby="start-hint">
                ▶ Start the exercise
              </button>
              <span id="start-hint" className="small muted">
                {snapshot.players.length === 0 ? 'Start unlocks when the first player joins.' : `${snapshot.players.length} player${snapshot.players.length === 1 ? '' : 's'} joined`}
              </span>
            </div>
            <LobbyWarnings snapshot={snapshot} />
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

function NewTeamForm() {
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
        <label htmlFor="new-team">New team</label>
        <input id="new-team" value={newTeam} maxLength={40} onChange={(e) => setNewTeam(e.target.value)} />
      </div>
      <button type="submit" className="btn" disabled={!newTeam.trim()}>
        Add team
      </button>
    </form>
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
          {unassigned.length} player{unassigned.length === 1 ? ' is' : 's are'} not in a team yet: choose a team below.
        </li>
      ) : null}
    </ul>
  );
}

/** Players of one team (or the unassigned ones) with move and remove controls. */
function TeamRoster({ snapshot, team, readOnly }: { snapshot: Snapshot; team: TeamView | null; readOnly: boolean }) {
  const players = snapshot.players.filter((p) => (team ? p.teamId === team.id : !p.teamId));
  const presence = useStore((s) => s.presence);
  return (
    <div className={`roster ${team ? '' : 'roster-unassigned'}`}>
      <h3>
        {team ? team.name : 'Not in a team yet'} <span className="small muted">({players.length})</span>
      </h3>
      {players.length === 0 ? <p className="small muted">No players yet</p> : null}
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

type BoardPanel = { kind: 'team'; teamId: string } | { kind: 'inject' } | { kind: 'players' } | null;

/** The live board: every team at once (one column each on a projector), global controls in the header. */
function Board({ snapshot, readOnly, panel, setPanel }: { snapshot: Snapshot; readOnly: boolean; panel: BoardPanel; setPanel: (p: BoardPanel) => void }) {
  const paused = snapshot.exercise.status === 'paused';
  const cols = Math.min(Math.max(snapshot.teams.length, 1), 4);
  const detailTeam = panel?.kind === 'team' ? snapshot.teams.find((t) => t.id === panel.teamId) ?? null : null;
  return (
    <div className={`board-page ${paused ? 'board-paused' : ''}`}>
      <h1 className="sr-only">Live board</h1>
      {paused ? (
        <p className="board-paused-note" role="status">
          <span className="icon-pause" aria-hidden="true" /> Paused: every team’s discussion clock is frozen. Resume when the room is ready.
        </p>
      ) : null}
      {snapshot.teams.length === 0 ? <p className="muted">No teams. Add one from Players &amp; teams.</p> : null}
      <div className="board" style={{ ['--cols' as string]: cols }}>
        {snapshot.teams.map((t) => (
          <TeamCard key={t.id} snapshot={snapshot} team={t} readOnly={readOnly} onDetails={() => setPanel({ kind: 'team', teamId: t.id })} />
        ))}
      </div>
      <Modal id="team-details" side open={detailTeam !== null} onClose={() => setPanel(null)} title={detailTeam ? `${detailTeam.name}: details` : ''}>
        {detailTeam ? <TeamDetails snapshot={snapshot} team={detailTeam} readOnly={readOnly} /> : null}
      </Modal>
      {!readOnly ? (
        <>
          <Modal id="adhoc" open={panel?.kind === 'inject'} onClose={() => setPanel(null)} title="Send an ad-hoc inject">
            <AdHocInject snapshot={snapshot} onSent={() => setPanel(null)} />
          </Modal>
          <Modal id="players" side open={panel?.kind === 'players'} onClose={() => setPanel(null)} title="Players and teams">
            <PlayersPanel snapshot={snapshot} />
          </Modal>
        </>
      ) : null}
    </div>
  );
}

/** Pause/resume, ad-hoc inject, players, end: in the sticky header, so they are always reachable. */
function BoardControls({ snapshot, readOnly, setPanel }: { snapshot: Snapshot; readOnly: boolean; setPanel: (p: BoardPanel) => void }) {
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

type TeamStatusKey = 'deciding' | 'voted' | 'tied' | 'reading' | 'urgent' | 'overdue' | 'ended' | 'empty' | 'paused' | 'idle';

/** How the board colours a team (display only: the server owns the rules). */
function teamStatus(snapshot: Snapshot, team: TeamView, members: number, left: number | null): { key: TeamStatusKey; label: string } {
  const inject = team.progress.inject;
  if (!inject) return team.progress.ending ? { key: 'ended', label: 'Ending reached' } : { key: 'idle', label: 'Waiting' };
  if (members === 0) return { key: 'empty', label: 'No players' };
  if (snapshot.exercise.status === 'paused') return { key: 'paused', label: 'Paused' };
  if (!inject.decision) return { key: 'reading', label: 'Reading' };
  if (left !== null && left <= 0) return { key: 'overdue', label: 'Time’s up' };
  if (left !== null && left < URGENT_MS) return { key: 'urgent', label: 'Deadline close' };
  if (team.decision.tied) return { key: 'tied', label: 'Tied vote' };
  if (team.decision.votes.length >= members) return { key: 'voted', label: snapshot.exercise.mode === 'facilitator' ? 'All voted: record it' : 'All voted' };
  return { key: 'deciding', label: 'Deciding' };
}

function TeamCard({ snapshot, team, readOnly, onDetails }: { snapshot: Snapshot; team: TeamView; readOnly: boolean; onDetails: () => void }) {
  const p = team.progress;
  const inject = p.inject;
  const members = snapshot.players.filter((x) => x.teamId === team.id);
  const now = useNow(team.decision.deadline !== null);
  const left = timeLeft(team.decision.deadline, team.decision.remainingMs, now);
  const status = teamStatus(snapshot, team, members.length, left);
  const votes = team.decision.votes;
  return (
    <section className={`team-card tcard tcard-${status.key}`} aria-labelledby={`team-${team.id}`}>
      <div className="tcard-head">
        <h2 id={`team-${team.id}`}>{team.name}</h2>
        <Countdown deadline={team.decision.deadline} remainingMs={team.decision.remainingMs} large label={`Time left for ${team.name}: `} />
      </div>
      <p className="tcard-meta">
        <span className="tstatus">{status.label}</span>
        {inject ? <span className="phase-chip">{inject.phase.title}</span> : null}
      </p>
      {inject ? (
        <>
          <h3 className="team-inject tcard-inject">{inject.title}</h3>
          {inject.decision ? (
            <div className="tally">
              <p className="tally-sum">
                <strong>
                  {votes.length} of {members.length}
                </strong>{' '}
                voted
              </p>
              <ul className="plain-list">
                {inject.decision.options.map((o) => {
                  const voters = votes.filter((v) => v.option === o.id);
                  const tied = team.decision.tied?.includes(o.id) ?? false;
                  return (
                    <li key={o.id} className={`tally-row ${voters.length ? 'tally-has' : ''} ${tied ? 'tally-tied' : ''}`}>
                      <span className="tally-count" aria-hidden="true">
                        {voters.length}
                      </span>
                      <span className="tally-body">
                        <span className="tally-label">{o.label}</span>
                        {voters.length ? <span className="tally-voters"> — {voters.map((v) => playerName(snapshot, v.playerId)).join(', ')}</span> : null}
                        <span className="sr-only"> ({voters.length} votes)</span>
                      </span>
                    </li>
                  );
                })}
              </ul>
              {team.decision.tied ? <p className="tie-notice small">Tied: the team can change votes. Advance, or the deadline, records no decision.</p> : null}
            </div>
          ) : (
            <p className="small muted">No decision here: the team reads and continues.</p>
          )}
        </>
      ) : p.ending ? (
        <p className="tcard-ending">
          <strong>Ending:</strong> {p.ending.title}
        </p>
      ) : (
        <p className="muted">Waiting for the next inject…</p>
      )}
      {members.length === 0 ? <p className="tcard-warn">Nobody is in this team. Move a player here from Players, or skip its injects.</p> : null}
      <ClockList simMinutes={p.simMinutes} clocks={p.clocks} />
      <EstateBrief estate={p.estate} />
      <div className="team-controls">
        {!readOnly && inject ? (
          <>
            <button type="button" className="btn btn-small" onClick={() => void send({ type: 'advance', teamId: team.id, inject: inject.id })}>
              Advance<span className="sr-only"> {team.name}</span>
            </button>
            <button type="button" className="btn btn-small" onClick={() => void send({ type: 'skip', teamId: team.id, inject: inject.id })}>
              Skip<span className="sr-only"> the inject for {team.name}</span>
            </button>
            {left !== null ? (
              <>
                <button type="button" className="btn btn-small" onClick={() => void send({ type: 'extend', teamId: team.id, seconds: 60 })}>
                  +1 min<span className="sr-only"> for {team.name}</span>
                </button>
                <button type="button" className="btn btn-small" onClick={() => void send({ type: 'extend', teamId: team.id, seconds: 300 })}>
                  +5 min<span className="sr-only"> for {team.name}</span>
                </button>
              </>
            ) : null}
          </>
        ) : null}
        <button type="button" className="btn btn-small tcard-details" aria-haspopup="dialog" onClick={onDetails}>
          Details<span className="sr-only"> for {team.name}</span>
        </button>
      </div>
    </section>
  );
}

/** Everything else about one team: the inject body and artifacts, notes, votes with reasons, clocks, full estate, log. */
function TeamDetails({ snapshot, team, readOnly }: { snapshot: Snapshot; team: TeamView; readOnly: boolean }) {
  const p = team.progress;
  const inject = p.inject;
  const [record, setRecord] = useState('');
  const members = snapshot.players.filter((x) => x.teamId === team.id);
  const decided = p.log.filter((e) => e.kind !== 'continued');
  return (
    <div className="details stack">
      <p className="row">
        <span className="small muted">
          {members.length ? `Players: ${members.map((m) => `${m.name} (${roleLabel(m.role)})`).join(', ')}` : 'No players in this team.'}
        </span>
        <Countdown deadline={team.decision.deadline} remainingMs={team.decision.remainingMs} large label={`Time left for ${team.name}: `} />
      </p>
      {inject ? (
        <article className="inject details-inject" aria-labelledby="details-inject-h">
          <p className="phase-chip">
            {inject.phase.title} <span className="muted">· NIST: {phaseLabel(inject.phase.nist)}</span>
          </p>
          <h3 id="details-inject-h">{inject.title}</h3>
          {inject.notes ? (
            <aside className="notes" aria-label="Facilitator notes">
              <h4>Facilitator notes</h4>
              <Markdown text={inject.notes} />
            </aside>
          ) : null}
          <Markdown text={inject.body} />
          <Artifacts artifacts={inject.artifacts} />
          {inject.decision ? (
            <section className="details-decision" aria-label="Decision">
              <h4>{inject.decision.prompt}</h4>
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
                        {o.best ? <span className="badge badge-good"> best</span> : null}
                        {voters.map((v) => (
                          <span key={v.playerId} className="small muted">
                            {' '}
                            — {playerName(snapshot, v.playerId)}
                            {v.reason ? `: “${v.reason}”` : ''}
                          </span>
                        ))}
                        <span className="sr-only"> ({voters.length} votes)</span>
                      </span>
                    </li>
                  );
                })}
              </ul>
              {!readOnly && snapshot.exercise.mode === 'facilitator' ? (
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
            </section>
          ) : null}
        </article>
      ) : p.ending ? (
        <section className="card">
          <h3>Ending: {p.ending.title}</h3>
          <Markdown text={p.ending.body} />
        </section>
      ) : null}
      <Clocks simMinutes={p.simMinutes} clocks={p.clocks} compact />
      <Estate estate={p.estate} />
      {p.score ? <Scores score={p.score} /> : null}
      {p.adHoc.length ? (
        <section aria-label="Ad-hoc injects sent">
          <h4>Ad-hoc injects sent</h4>
          <ul className="plain-list">
            {p.adHoc.map((m) => (
              <li key={m.id}>
                <strong>{m.title}</strong>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-label="Decisions so far">
        <h4>Decisions so far</h4>
        {decided.length === 0 ? <p className="small muted">None yet.</p> : null}
        <ol className="log">
          {decided.map((e, i) => (
            <LogEntry key={`${e.inject}-${i}`} entry={e} reveal />
          ))}
        </ol>
      </section>
    </div>
  );
}

/** Rosters with move/remove, plus adding a team, during play. */
function PlayersPanel({ snapshot }: { snapshot: Snapshot }) {
  return (
    <div className="stack">
      <NewTeamForm />
      <div className="teams-grid">
        {snapshot.players.some((p) => !p.teamId) ? <TeamRoster snapshot={snapshot} team={null} readOnly={false} /> : null}
        {snapshot.teams.map((t) => (
          <TeamRoster key={t.id} snapshot={snapshot} team={t} readOnly={false} />
        ))}
      </div>
    </div>
  );
}

function AdHocInject({ snapshot, onSent }: { snapshot: Snapshot; onSent?: () => void }) {
  const [teamId, setTeamId] = useState('all');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="stack"
      aria-label="Ad-hoc inject"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const ack = await send({ type: 'inject', teamId, title: title.trim(), body: body.trim() });
        setBusy(false);
        if (ack.ok) {
          setTitle('');
          setBody('');
          useStore.getState().notify('info', 'Inject sent.');
          onSent?.();
        }
      }}
    >
      <p className="small muted">Appears at the top of the chosen teams’ screens as a message from the facilitator.</p>
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
  const ended = snapshot.exercise.status === 'ended';
  const canClose = !ended && snapshot.me.seat === 'facilitator';
  return (
    <div className="page wide">
      <h1>Debrief</h1>
      {ended ? (
        <p className="ended-note" role="status">
          The exercise is closed: players can no longer change their hot-wash answers. The debrief and the gap report stay available.
        </p>
      ) : (
        <p className="lead-text">The best path and each team’s choices, with feedback. Walk through them together; players answer the hot-wash on their devices.</p>
      )}
      <p className="row">
        <a className="btn btn-primary" href={reportLink(snapshot)}>
          Open the gap report
        </a>
        {canClose ? (
          <button
            type="button"
            className="btn"
            onClick={() => {
              if (window.confirm('Close the exercise? Hot-wash answers are final after this.')) void send({ type: 'end' });
            }}
          >
            Close the exercise
          </button>
        ) : null}
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
