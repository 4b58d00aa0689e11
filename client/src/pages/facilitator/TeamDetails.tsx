import { useState } from 'react';
import type { Snapshot, TeamView } from '../../../../protocol/messages.ts';
import { Artifacts } from '../../components/Artifacts.tsx';
import { Clocks } from '../../components/Clocks.tsx';
import { Countdown } from '../../components/Countdown.tsx';
import { LogEntry, Scores } from '../../components/Debrief.tsx';
import { Estate } from '../../components/Estate.tsx';
import { phaseClass, phaseLabel, roleLabel } from '../../text/labels.ts';
import { Markdown } from '../../components/Markdown.tsx';
import { send } from '../../socket.ts';
import { playerName } from '../../store.ts';
import { InlineMarkdown, plainText } from '../../components/InlineMarkdown.tsx';
import { messages } from '../../text/messages.ts';

/** Everything else about one team: the inject body and artifacts, notes, votes with reasons, clocks, full estate, log. */
export function TeamDetails({ snapshot, team, readOnly }: { snapshot: Snapshot; team: TeamView; readOnly: boolean }) {
  const p = team.progress;
  const inject = p.inject;
  const [record, setRecord] = useState('');
  const members = snapshot.players.filter((x) => x.teamId === team.id);
  const decided = p.log.filter((e) => e.kind !== 'continued');
  return (
    <div className="details stack">
      <p className="row">
        <span className="small muted">
          {members.length
            ? messages.board.playersList(
                members.map((m) =>
                  messages.common.nameWithRole(m.name, roleLabel(m.role, snapshot.exercise.scenario.roleLabels)),
                ),
              )
            : messages.board.noPlayers}
        </span>
        <Countdown
          deadline={team.decision.deadline}
          remainingMs={team.decision.remainingMs}
          large
          label={messages.board.timeLeft(team.name)}
        />
      </p>
      {inject ? (
        <article className="inject details-inject" aria-labelledby="details-inject-h">
          <p className={`phase-chip ${phaseClass(inject.phase.nist)}`}>
            {inject.phase.title}{' '}
            <span className="muted">· {messages.play.nistPhase(phaseLabel(inject.phase.nist))}</span>
          </p>
          <h3 id="details-inject-h">{inject.title}</h3>
          {inject.notes ? (
            <aside className="notes" aria-label={messages.board.facilitatorNotes}>
              <h4>{messages.board.facilitatorNotes}</h4>
              <Markdown text={inject.notes} />
            </aside>
          ) : null}
          <Markdown text={inject.body} />
          <Artifacts artifacts={inject.artifacts} />
          {inject.decision ? (
            <section className="details-decision" aria-label={messages.board.decision}>
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
                        <InlineMarkdown text={plainText(o.label)} />
                        {o.best ? <span className="badge badge-good">{messages.board.best}</span> : null}
                        {voters.map((v) => (
                          <span key={v.playerId} className="small muted">
                            {' '}
                            — {playerName(snapshot, v.playerId)}
                            {v.reason ? `: “${v.reason}”` : ''}
                          </span>
                        ))}
                        <span className="sr-only"> ({messages.board.votes(voters.length)})</span>
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
                  <select
                    aria-label={messages.board.recordFor(team.name)}
                    value={record}
                    onChange={(e) => setRecord(e.target.value)}
                  >
                    <option value="">{messages.board.recordChoice}</option>
                    {inject.decision.options.map((o) => (
                      <option key={o.id} value={o.id}>
                        {plainText(o.label)}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="btn btn-small btn-primary" disabled={!record}>
                    {messages.board.record}
                  </button>
                </form>
              ) : null}
            </section>
          ) : null}
        </article>
      ) : p.ending ? (
        <section className="card">
          <h3>{messages.common.ending(p.ending.title)}</h3>
          <Markdown text={p.ending.body} />
        </section>
      ) : null}
      <Clocks simMinutes={p.simMinutes} clocks={p.clocks} compact />
      <Estate estate={p.estate} />
      {p.score ? <Scores score={p.score} /> : null}
      {p.adHoc.length ? (
        <section aria-label={messages.board.adHocSent}>
          <h4>{messages.board.adHocSent}</h4>
          <ul className="plain-list">
            {p.adHoc.map((m) => (
              <li key={m.id}>
                <strong>{m.title}</strong>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-label={messages.board.decisionsSoFar}>
        <h4>{messages.board.decisionsSoFar}</h4>
        {decided.length === 0 ? <p className="small muted">{messages.board.noneYet}</p> : null}
        <ol className="log">
          {decided.map((e, i) => (
            <LogEntry key={`${e.inject}-${i}`} entry={e} reveal />
          ))}
        </ol>
      </section>
    </div>
  );
}
