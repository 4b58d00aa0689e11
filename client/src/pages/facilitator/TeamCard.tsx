import type { Snapshot, TeamView } from '../../../../protocol/messages.ts';
import { ClockList } from '../../components/Clocks.tsx';
import { Countdown } from '../../components/Countdown.tsx';
import { EstateBrief } from '../../components/Estate.tsx';
import { timeLeft, URGENT_MS, useNow } from '../../components/useNow.ts';
import { playerName } from '../../store.ts';
import { DecisionTrail } from './DecisionTrail.tsx';
import { TeamControls } from './TeamControls.tsx';
import { InlineMarkdown } from '../../components/InlineMarkdown.tsx';
import { phaseClass } from '../../text/labels.ts';
import { messages } from '../../text/messages.ts';

type TeamStatusKey =
  'deciding' | 'voted' | 'tied' | 'reading' | 'urgent' | 'overdue' | 'ended' | 'empty' | 'paused' | 'idle';

/** How the board colours a team (display only: the server owns the rules). */
function teamStatus(
  snapshot: Snapshot,
  team: TeamView,
  members: number,
  left: number | null,
): { key: TeamStatusKey; label: string } {
  const inject = team.progress.inject;
  const say = messages.board.status;
  if (!inject) return team.progress.ending ? { key: 'ended', label: say.ended } : { key: 'idle', label: say.idle };
  if (members === 0) return { key: 'empty', label: say.empty };
  if (snapshot.exercise.status === 'paused') return { key: 'paused', label: say.paused };
  if (!inject.decision) return { key: 'reading', label: say.reading };
  if (left !== null && left <= 0) return { key: 'overdue', label: say.overdue };
  if (left !== null && left < URGENT_MS) return { key: 'urgent', label: say.urgent };
  if (team.decision.tied) return { key: 'tied', label: say.tied };
  if (team.decision.votes.length >= members)
    return { key: 'voted', label: snapshot.exercise.mode === 'facilitator' ? say.votedRecord : say.voted };
  return { key: 'deciding', label: say.deciding };
}

/** One team on the board: status, current inject, live tally with voter names, clocks, estate and pacing controls. */
export function TeamCard({
  snapshot,
  team,
  readOnly,
  onDetails,
}: {
  snapshot: Snapshot;
  team: TeamView;
  readOnly: boolean;
  onDetails: () => void;
}) {
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
        <Countdown
          deadline={team.decision.deadline}
          remainingMs={team.decision.remainingMs}
          large
          label={messages.board.timeLeft(team.name)}
        />
      </div>
      <p className="tcard-meta">
        <span className="tstatus">{status.label}</span>
        {inject ? <span className={`phase-chip ${phaseClass(inject.phase.nist)}`}>{inject.phase.title}</span> : null}
      </p>
      {inject ? (
        <>
          <h3 className="team-inject tcard-inject">{inject.title}</h3>
          {inject.decision ? (
            <div className="tally">
              <p className="tally-sum">
                <strong>{messages.board.votedCount(votes.length, members.length)}</strong> {messages.board.voted}
              </p>
              <ul className="plain-list">
                {inject.decision.options.map((o) => {
                  const voters = votes.filter((v) => v.option === o.id);
                  const tied = team.decision.tied?.includes(o.id) ?? false;
                  return (
                    <li
                      key={o.id}
                      className={`tally-row ${voters.length ? 'tally-has' : ''} ${tied ? 'tally-tied' : ''}`}
                    >
                      <span className="tally-count" aria-hidden="true">
                        {voters.length}
                      </span>
                      <span className="tally-body">
                        <span className="tally-label">
                          <InlineMarkdown text={o.label} />
                        </span>
                        {voters.length ? (
                          <span className="tally-voters">
                            {' '}
                            — {voters.map((v) => playerName(snapshot, v.playerId)).join(', ')}
                          </span>
                        ) : null}
                        <span className="sr-only"> ({messages.board.votes(voters.length)})</span>
                      </span>
                    </li>
                  );
                })}
              </ul>
              {team.decision.tied ? <p className="tie-notice small">{messages.board.tiedHint}</p> : null}
            </div>
          ) : (
            <p className="small muted">{messages.board.noDecisionHere}</p>
          )}
        </>
      ) : p.ending ? (
        <p className="tcard-ending">
          <strong>{messages.board.ending}</strong> {p.ending.title}
        </p>
      ) : (
        <p className="muted">{messages.board.waitingNext}</p>
      )}
      {members.length === 0 ? <p className="tcard-warn">{messages.board.emptyTeam}</p> : null}
      <DecisionTrail log={p.log} teamName={team.name} />
      <ClockList simMinutes={p.simMinutes} clocks={p.clocks} />
      <EstateBrief estate={p.estate} />
      <TeamControls team={team} readOnly={readOnly} onDetails={onDetails} />
    </section>
  );
}
