import type { Snapshot, TeamView } from '../../../../protocol/messages.ts';
import { ClockList } from '../../components/Clocks.tsx';
import { Countdown } from '../../components/Countdown.tsx';
import { EstateBrief } from '../../components/Estate.tsx';
import { timeLeft, URGENT_MS, useNow } from '../../components/useNow.ts';
import { playerName } from '../../store.ts';
import { DecisionTrail } from './DecisionTrail.tsx';
import { TeamControls } from './TeamControls.tsx';
import { InlineMarkdown } from '../../components/InlineMarkdown.tsx';
import { plural } from '../../text/plural.ts';
import { phaseClass } from '../../text/labels.ts';

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

/** One team on the board: status, current inject, live tally with voter names, clocks, estate and pacing controls. */
export function TeamCard({ snapshot, team, readOnly, onDetails }: { snapshot: Snapshot; team: TeamView; readOnly: boolean; onDetails: () => void }) {
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
        {inject ? <span className={`phase-chip ${phaseClass(inject.phase.nist)}`}>{inject.phase.title}</span> : null}
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
                        <span className="tally-label">
                          <InlineMarkdown text={o.label} />
                        </span>
                        {voters.length ? <span className="tally-voters"> — {voters.map((v) => playerName(snapshot, v.playerId)).join(', ')}</span> : null}
                        <span className="sr-only"> ({plural(voters.length, 'vote')})</span>
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
      <DecisionTrail log={p.log} teamName={team.name} />
      <ClockList simMinutes={p.simMinutes} clocks={p.clocks} />
      <EstateBrief estate={p.estate} />
      <TeamControls team={team} readOnly={readOnly} onDetails={onDetails} />
    </section>
  );
}

