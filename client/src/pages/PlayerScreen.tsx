import type { Snapshot, TeamView } from '../../../protocol/messages.ts';
import { clockReading, Clocks } from '../components/Clocks.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { LogEntry, reportLink, Scores, TeamDebrief } from '../components/Debrief.tsx';
import { Estate } from '../components/Estate.tsx';
import { seconds, simTime } from '../text/units.ts';
import { roleLabel } from '../text/labels.ts';
import { Hotwash } from '../components/Hotwash.tsx';
import { InjectPanel } from '../components/InjectPanel.tsx';
import { Markdown } from '../components/Markdown.tsx';
import { SeatLink } from '../components/SeatLink.tsx';
import { myTeam, useStore } from '../store.ts';
import { TopbarTitle } from '../components/TopbarTitle.tsx';
import { HotwashPointer } from './player/HotwashPointer.tsx';
import { NewsToast } from './player/NewsToast.tsx';
import { SoloOutcome } from './solo/SoloOutcome.tsx';
import { SoloSummary } from './solo/SoloSummary.tsx';
import { rewoundWords } from './solo/rewind.ts';
import { loadSeat } from '../api.ts';
import { useSoloOutcome } from './solo/useSoloOutcome.ts';
import { InlineMarkdown } from '../components/InlineMarkdown.tsx';
import { endSentence } from '../text/sentence.ts';
import { messages } from '../text/messages.ts';

/** The player's (and solo trainee's) screen: role, inject, decision, estate, clocks, waiting states. */
export function PlayerScreen({ snapshot }: { snapshot: Snapshot }) {
  const { exercise, me } = snapshot;
  const team = myTeam(snapshot);
  const status = exercise.status;
  const solo = exercise.solo;
  const self = snapshot.players.find((p) => p.id === me.playerId);
  const presence = useStore((s) => s.presence);
  const live = status === 'running' || status === 'paused';
  const finished = status === 'debrief' || status === 'ended';
  // solo: the last decision's outcome is read before the summary, even when it ended the run
  const outcome = useSoloOutcome(team?.progress ?? null);
  const playing = team !== null && (live || (solo && outcome.pending !== null));
  const teammates = snapshot.players
    .filter((p) => team && p.teamId === team.id && p.id !== me.playerId)
    .map((p) => ({ ...p, online: presence[p.id]?.online ?? p.online }));

  return (
    <div className={`player ${live ? 'player-live' : ''}`}>
      <header className="topbar">
        <TopbarTitle scenario={exercise.scenario.title} />
        <div className="topbar-me" aria-label={messages.phone.yourSeat}>
          {self ? <span className="me-name">{self.name}</span> : null}
          {team && !solo ? <span className="badge badge-neutral">{team.name}</span> : null}
          <span className="role-badge">
            {solo ? messages.phone.allRoles : roleLabel(me.role, snapshot.exercise.scenario.roleLabels)}
          </span>
        </div>
        {live && team ? <Hud team={team} decisionShown={outcome.pending === null} /> : null}
      </header>

      {status === 'lobby' ? (
        <div className="page narrow waiting">
          <h1>{messages.phone.youAreIn}</h1>
          <p className="lead-text">{messages.phone.waitingStart(!!team)}</p>
          <dl className="facts">
            <div>
              <dt>{messages.phone.team}</dt>
              <dd>{team?.name ?? messages.phone.notAssignedYet}</dd>
            </div>
            <div>
              <dt>{messages.phone.role}</dt>
              <dd>{roleLabel(me.role, snapshot.exercise.scenario.roleLabels)}</dd>
            </div>
          </dl>
          {teammates.length ? (
            <p>
              {messages.phone.withYou(
                teammates.map((p) =>
                  messages.common.nameWithRole(p.name, roleLabel(p.role, snapshot.exercise.scenario.roleLabels)),
                ),
              )}
            </p>
          ) : null}
          <p className="small muted">{exercise.scenario.summary}</p>
          {self ? <SeatLink exerciseId={exercise.id} name={self.name} /> : null}
        </div>
      ) : null}

      {status === 'paused' ? <PausedBanner team={team} /> : null}

      {playing && team ? (
        <div className="play-grid">
          <div className="play-main">
            {!solo ? <NewsToast team={team} /> : null}
            {solo ? <RewoundNote exerciseId={exercise.id} /> : null}
            {solo ? (
              <SoloPlay snapshot={snapshot} team={team} outcome={outcome} />
            ) : (
              <TeamPlay snapshot={snapshot} team={team} />
            )}
          </div>
          <div className="play-clocks">
            <Clocks simMinutes={team.progress.simMinutes} clocks={team.progress.clocks} />
          </div>
          <aside className="play-side" aria-label={messages.phone.situation}>
            <Estate estate={team.progress.estate} />
            {!solo && teammates.length ? (
              <section className="team-list" aria-label={messages.phone.yourTeam}>
                <h3>{messages.phone.team}</h3>
                <ul className="plain-list">
                  {teammates.map((p) => (
                    <li key={p.id}>
                      <span
                        className={`dot ${p.online ? 'dot-on' : 'dot-off'}`}
                        aria-label={p.online ? messages.phone.online : messages.phone.offline}
                        role="img"
                      />{' '}
                      {p.name}{' '}
                      <span className="small muted">{roleLabel(p.role, snapshot.exercise.scenario.roleLabels)}</span>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {!solo && self ? <SeatLink exerciseId={exercise.id} name={self.name} /> : null}
          </aside>
        </div>
      ) : null}

      {(status === 'running' || status === 'paused') && !team ? (
        <div className="page narrow waiting">
          <h1>{messages.phone.waitingForATeam}</h1>
          <p className="lead-text">{messages.phone.theExerciseHasStarted}</p>
          <p className="small muted">{exercise.scenario.summary}</p>
        </div>
      ) : null}

      {finished && solo && team && !playing ? <SoloSummary snapshot={snapshot} team={team} /> : null}
      {finished && !(solo && team) ? (
        <div className="page">
          <h1>{solo ? messages.phone.practiceSummary : messages.phone.debrief}</h1>
          {status === 'ended' && !solo ? (
            <p className="ended-note" role="status">
              {messages.phone.theExerciseHasEnded}
            </p>
          ) : null}
          {team && !solo ? (
            <HotwashPointer snapshot={snapshot} questions={2 + Object.keys(team.progress.score ?? {}).length} />
          ) : null}
          {team ? <TeamDebrief team={team} /> : <p>{messages.phone.youWereNotIn}</p>}
          {team && !solo ? <Hotwash snapshot={snapshot} capabilities={Object.keys(team.progress.score ?? {})} /> : null}
          <p>
            <a href={reportLink(snapshot)}>{messages.phone.openTheGapReport}</a>
          </p>
          <p>
            <a href="#/">{messages.phone.backToTheStart}</a>
          </p>
        </div>
      ) : null}
    </div>
  );
}

/**
 * The phone's sticky status line: sim time, the SLA, the discussion countdown and a jump to
 * the decision (the inject above it can be long).
 */
/** " left" after a clock's time: the HUD shows the time alone and says the rest to screen readers. */
const LEFT = messages.play.clock.left('');

function Hud({ team, decisionShown }: { team: TeamView; decisionShown: boolean }) {
  const sla = team.progress.clocks.find((c) => c.kind === 'sla');
  const decision = decisionShown ? team.progress.inject?.decision : undefined;
  const reading = sla ? clockReading(sla) : null;
  return (
    <div className="hud" role="group" aria-label={messages.phone.status}>
      <span className="hud-item">
        <span className="sr-only">{messages.phone.simTime}</span>
        {simTime(team.progress.simMinutes)}
      </span>
      {sla && reading ? (
        <span className={`hud-item hud-${reading.tone}`}>
          <span className="hud-k">{messages.phone.sla}</span>{' '}
          {reading.short.endsWith(LEFT) ? reading.short.slice(0, -LEFT.length) : reading.short}
          {reading.short.endsWith(LEFT) ? <span className="sr-only">{LEFT}</span> : null}
        </span>
      ) : null}
      {decision ? (
        <>
          {team.decision.deadline !== null || team.decision.remainingMs !== null ? (
            <span className="hud-item hud-timer">
              <span className="hud-k" aria-hidden="true">
                {messages.phone.vote}
              </span>{' '}
              <Countdown deadline={team.decision.deadline} remainingMs={team.decision.remainingMs} />
            </span>
          ) : null}
          <button
            type="button"
            className="btn btn-small btn-primary hud-go"
            onClick={() => {
              const target = document.getElementById('decision');
              const calm = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
              target?.scrollIntoView({ block: 'start', behavior: calm ? 'auto' : 'smooth' });
              target?.querySelector<HTMLElement>('h3')?.focus({ preventScroll: true });
            }}
          >
            {messages.phone.decisionButton}
            <span className="sr-only">{messages.phone.jumpToIt}</span>
            <span aria-hidden="true"> ↓</span>
          </button>
        </>
      ) : null}
    </div>
  );
}

/** The full-width paused state, with the discussion clock as it was frozen. */
function PausedBanner({ team }: { team: TeamView | null }) {
  const frozen = team?.decision.remainingMs ?? null;
  return (
    <div className="paused-banner" role="status">
      <strong className="paused-title">
        <span className="icon-pause" aria-hidden="true" /> {messages.phone.pausedBy}
      </strong>
      <span>
        {frozen !== null ? (
          <>
            {messages.phone.frozenAt} <strong className="countdown">{seconds(frozen)}</strong>.{' '}
          </>
        ) : (
          `${messages.phone.clocksFrozen} `
        )}
        {messages.phone.keepTalking}
      </span>
    </div>
  );
}

/** Team play: what happened at the previous decision (a choice, or none when time ran out). */
function LastOutcome({ team }: { team: TeamView }) {
  const last = team.progress.log.filter((e) => e.kind !== 'continued').at(-1);
  if (!last) return null;
  if (last.kind === 'no-decision' && last.lapsed === 'advanced') {
    return (
      <p className="outcome outcome-none">
        <strong>{messages.phone.outcome.advanced}</strong> {messages.phone.outcome.advancedRest(last.injectTitle)}
      </p>
    );
  }
  if (last.kind === 'no-decision') {
    return (
      <p className="outcome outcome-none">
        <strong>{messages.phone.noDecisionWasMade}</strong> {messages.phone.outcome.lapsedRest(last.injectTitle)}
      </p>
    );
  }
  if (last.kind === 'skipped') {
    return <p className="outcome">{messages.phone.outcome.skipped(last.injectTitle)}</p>;
  }
  return (
    <p className="outcome">
      {messages.phone.outcome.chose(last.injectTitle)}{' '}
      <strong>
        <InlineMarkdown text={last.optionLabel ?? last.option ?? ''} />
      </strong>
      {endSentence(last.optionLabel ?? '')}
    </p>
  );
}

/** Solo (or a team that reached its ending before the debrief). */
function Ending({ snapshot }: { snapshot: Snapshot }) {
  const team = myTeam(snapshot);
  const ending = team?.progress.ending;
  if (!team || !ending) return null;
  return (
    <section className="card ending" aria-labelledby="ending-h">
      <h2 id="ending-h">{messages.common.ending(ending.title)}</h2>
      <Markdown text={ending.body} />
      <Scores score={team.progress.score} />
      <h3>{messages.phone.yourDecisions}</h3>
      <ol className="log">
        {team.progress.log
          .filter((e) => e.kind !== 'continued')
          .map((e, i) => (
            <LogEntry key={i} entry={e} reveal={snapshot.exercise.solo} />
          ))}
      </ol>
    </section>
  );
}

/** Team play: messages from the facilitator, the outcome of the last decision, the inject. */
function TeamPlay({ snapshot, team }: { snapshot: Snapshot; team: TeamView }) {
  return (
    <>
      <LastOutcome team={team} />
      <FacilitatorMessages team={team} />
      <InjectOrEnding snapshot={snapshot} team={team} />
    </>
  );
}

/** A rewound run (H18) says where it branched from, as the runs list does. */
function RewoundNote({ exerciseId }: { exerciseId: string }) {
  const from = loadSeat(exerciseId)?.solo?.rewoundFrom;
  if (!from) return null;
  return <p className="small muted rewound-note">{messages.solo.rewoundNote(rewoundWords(from))}</p>;
}

/** Solo play: after each decision its outcome, in place of the next inject until it is read. */
function SoloPlay({
  snapshot,
  team,
  outcome,
}: {
  snapshot: Snapshot;
  team: TeamView;
  outcome: ReturnType<typeof useSoloOutcome>;
}) {
  const { pending, before, acknowledge } = outcome;
  if (pending)
    return (
      <SoloOutcome
        entry={pending}
        before={before}
        after={team.progress}
        finished={snapshot.exercise.status !== 'running'}
        onContinue={acknowledge}
      />
    );
  return <InjectOrEnding snapshot={snapshot} team={team} />;
}

function FacilitatorMessages({ team }: { team: TeamView }) {
  if (!team.progress.adHoc.length) return null;
  return (
    <section className="adhoc" aria-label={messages.phone.messagesFromTheFacilitator}>
      {[...team.progress.adHoc].reverse().map((m) => (
        <article key={m.id} id={`msg-${m.id}`} className="adhoc-item" tabIndex={-1}>
          <h3>
            <span className="adhoc-tag">{messages.phone.message}</span> {m.title}
          </h3>
          <Markdown text={m.body} />
        </article>
      ))}
    </section>
  );
}

function InjectOrEnding({ snapshot, team }: { snapshot: Snapshot; team: TeamView }) {
  if (team.progress.inject) return <InjectPanel snapshot={snapshot} team={team} inject={team.progress.inject} />;
  if (team.progress.ending) return <Ending snapshot={snapshot} />;
  return <p className="muted">{messages.phone.waitingForTheNext}</p>;
}
