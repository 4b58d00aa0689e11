import type { InjectView, Snapshot, TeamView } from '../../../protocol/messages.ts';
import { send } from '../socket.ts';
import { Artifacts } from './Artifacts.tsx';
import { Decision } from './Decision.tsx';
import { phaseClass, phaseLabel } from '../text/labels.ts';
import { Markdown } from './Markdown.tsx';
import { messages } from '../text/messages.ts';

/** The current inject: phase, Markdown body, artifacts and the decision (or "continue"). */
export function InjectPanel({ snapshot, team, inject }: { snapshot: Snapshot; team: TeamView; inject: InjectView }) {
  const running = snapshot.exercise.status === 'running';
  return (
    <article className="inject" aria-labelledby="inject-title">
      <p className={`phase-chip ${phaseClass(inject.phase.nist)}`}>
        <span>{inject.phase.title}</span>
        <span className="muted"> · {messages.play.nistPhase(phaseLabel(inject.phase.nist))}</span>
      </p>
      <h2 id="inject-title" tabIndex={-1}>
        {inject.title}
      </h2>
      <Markdown text={inject.body} />
      <Artifacts artifacts={inject.artifacts} />
      {inject.notes ? (
        <aside className="notes" aria-label={messages.play.facilitatorNotes}>
          <h4>{messages.play.facilitatorNotes}</h4>
          <Markdown text={inject.notes} />
        </aside>
      ) : null}
      {inject.decision ? (
        // keyed by the decision: its choice and reason never carry over to the next one (A6a)
        <Decision
          key={`${inject.id}@${team.decision.openedAt ?? ''}`}
          snapshot={snapshot}
          team={team}
          decision={inject.decision}
          injectId={inject.id}
        />
      ) : snapshot.me.seat === 'player' ? (
        <div className="row">
          <button
            type="button"
            className="btn btn-primary"
            disabled={!running}
            onClick={() => void send({ type: 'continue', inject: inject.id })}
          >
            {messages.play.continue}
          </button>
        </div>
      ) : null}
    </article>
  );
}
