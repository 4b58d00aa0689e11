import { useEffect, useRef, useState } from 'react';
import './whatif.css';
import type { LogEntryView, TeamView } from '../../../protocol/messages.ts';
import type { WhatIfAnswer, WhatIfPolicy, WhatIfTimelineView, WhatIfView } from '../../../protocol/whatif.ts';
import { whatIf } from '../socket.ts';
import { useStore } from '../store.ts';
import { duration, money } from '../text/units.ts';
import { InlineMarkdown } from './InlineMarkdown.tsx';
import { Modal } from './Modal.tsx';
import { PinToReport } from './WhatIfPins.tsx';
import { RatingBadge } from './RatingBadge.tsx';
import { messages } from '../text/messages.ts';

const POLICY_WORDS: Record<WhatIfPolicy, string> = messages.debrief.policy;

/** Refusals in plain words (W1, W2, W4). */
function refusalWords(answer: Extract<WhatIfAnswer, { ok: false }>): string {
  const refusal = messages.debrief.refusal;
  switch (answer.code) {
    case 'NOT_NOW':
      return answer.message === 'not connected' ? refusal.offline : refusal.notNow;
    case 'FORBIDDEN':
      return refusal.forbidden;
    case 'INVALID':
      return refusal.invalid;
    case 'RATE_LIMITED':
      return refusal.rateLimited;
    default:
      return refusal.other;
  }
}

/** Whether this seat may fork this team (W2): staff and observers any team, players their own. */
export function useCanFork(team: TeamView): boolean {
  const me = useStore((s) => s.snapshot?.me);
  return !!me && (me.seat !== 'player' || me.teamId === team.id);
}

/**
 * "What if…" on a decision of the debrief: another option there, the rest by a policy, the two
 * timelines side by side. The facilitator can show it full screen for the room.
 */
export function WhatIfButton({ team, entry }: { team: TeamView; entry: LogEntryView }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)} aria-haspopup="dialog">
        {messages.debrief.whatIfButton}
        <span className="sr-only"> {messages.debrief.atInject(entry.injectTitle)}</span>
      </button>
      {open ? <WhatIfDialog team={team} entry={entry} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function firstOption(entry: LogEntryView): string {
  // the best option is the question a debrief asks first; when the team took it, any other
  return entry.best && entry.best.option !== entry.option
    ? entry.best.option
    : (entry.option ?? entry.best?.option ?? '');
}

function WhatIfDialog({ team, entry, onClose }: { team: TeamView; entry: LogEntryView; onClose: () => void }) {
  const staff = useStore((s) => s.snapshot?.me.seat === 'facilitator');
  const exerciseId = useStore((s) => s.snapshot?.exercise.id);
  const [option, setOption] = useState(firstOption(entry));
  const [policy, setPolicy] = useState<WhatIfPolicy>('same');
  const [view, setView] = useState<WhatIfView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(true);
  const [projected, setProjected] = useState(false);
  const asked = useRef(false);

  const request = (nextOption: string, nextPolicy: WhatIfPolicy): Promise<void> =>
    whatIf({ teamId: team.id, inject: entry.inject, option: nextOption, policy: nextPolicy }).then((answer) => {
      setBusy(false);
      if (!answer.ok) return setProblem(refusalWords(answer));
      const { fork } = answer.whatIf;
      const other = fork.choices.find((c) => c.id !== fork.played?.id);
      // The team took the option asked about (their best): ask about another one instead.
      if (!asked.current && fork.option.id === fork.played?.id && other) {
        asked.current = true;
        setOption(other.id);
        setBusy(true);
        return void request(other.id, nextPolicy);
      }
      asked.current = true;
      setView(answer.whatIf);
      setProblem(null);
    });
  const ask = (nextOption: string, nextPolicy: WhatIfPolicy) => {
    setBusy(true);
    void request(nextOption, nextPolicy);
  };
  // The first question is asked as the dialog opens: the best option there, the team's own choices after.
  useEffect(() => {
    void request(option, policy);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, with the choice the dialog opened with
  }, []);

  const title = messages.debrief.dialogTitle(team.name, entry.injectTitle);
  return (
    <Modal open onClose={onClose} title={title} id={`whatif-${team.id}-${entry.inject}`}>
      <form
        className="whatif-form"
        onSubmit={(e) => {
          e.preventDefault();
          ask(option, policy);
        }}
      >
        <label>
          {messages.debrief.insteadChoose}
          <select value={option} onChange={(e) => setOption(e.target.value)}>
            {(
              view?.fork.choices ?? [
                { id: option, label: entry.best?.option === option ? entry.best.label : (entry.optionLabel ?? option) },
              ]
            ).map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
                {c.id === entry.option ? messages.debrief.whatTheTeamChose : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {messages.debrief.thenPolicy}
          <select value={policy} onChange={(e) => setPolicy(e.target.value as WhatIfPolicy)}>
            <option value="same">{messages.debrief.theTeamsOwnLater}</option>
            <option value="best">{messages.debrief.theBestOptionAt}</option>
            <option value="worst">{messages.debrief.theWorstOptionAt}</option>
          </select>
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? messages.debrief.workingItOut : messages.debrief.showThisTimeline}
        </button>
      </form>
      {problem ? (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      ) : null}
      {view ? (
        <>
          <Comparison view={view} />
          {staff ? (
            <p className="row">
              <button type="button" className="btn" onClick={() => setProjected(true)}>
                {messages.debrief.showToTheRoom}
              </button>
            </p>
          ) : null}
          {staff && exerciseId ? (
            <PinToReport key={`${view.fork.option.id}-${view.fork.policy}`} exerciseId={exerciseId} view={view} />
          ) : null}
          {projected ? (
            <Modal open onClose={() => setProjected(false)} title={title} id={`whatif-room-${team.id}`}>
              <div className="whatif-projected">
                <Comparison view={view} />
              </div>
            </Modal>
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}

function clockWords(clock: WhatIfTimelineView['clocks'][number] | undefined): string {
  if (!clock) return '—';
  const say = messages.debrief.clock;
  if (clock.status === 'not-started') return say.notStarted;
  if (clock.status === 'running') return say.running;
  return say.ended(
    clock.status === 'met',
    clock.elapsedMinutes === null ? null : duration(clock.elapsedMinutes),
    duration(clock.limitMinutes),
  );
}

/** The played timeline and the what-if side by side (also each pinned what-if of the web report). */
export function Comparison({ view, headingLevel = 3 }: { view: WhatIfView; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  const { real, alternative: alt } = view;
  const ending = (t: WhatIfTimelineView) => (t.ending ? `${t.ending.title}` : messages.debrief.notReached);
  return (
    <div className="whatif">
      <dl className="whatif-question">
        <dt>{messages.debrief.played}</dt>
        <dd>{view.fork.played ? <InlineMarkdown text={view.fork.played.label} /> : messages.debrief.noDecision}</dd>
        <dt>{messages.debrief.whatIf}</dt>
        <dd>
          <strong>
            <InlineMarkdown text={view.fork.option.label} />
          </strong>{' '}
          <span className="muted">({POLICY_WORDS[view.fork.policy]})</span>
        </dd>
      </dl>
      <table className="whatif-table">
        <thead>
          <tr>
            <th scope="col"></th>
            <th scope="col">{messages.debrief.whatWasPlayed}</th>
            <th scope="col">{messages.debrief.whatIf}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{messages.debrief.ending}</th>
            <td className={`ending-text ending-${real.ending?.kind ?? 'none'}`}>{ending(real)}</td>
            <td className={`ending-text ending-${alt.ending?.kind ?? 'none'}`}>{ending(alt)}</td>
          </tr>
          <tr>
            <th scope="row">{messages.debrief.score}</th>
            <td>{messages.common.scoreOf(real.total.score, real.total.max)}</td>
            <td>{messages.common.scoreOf(alt.total.score, alt.total.max)}</td>
          </tr>
          {real.capabilities.map((c, i) => (
            <tr key={c.id}>
              <th scope="row">{c.label}</th>
              <td>
                {c.score} <RatingBadge rating={c.rating} />
              </td>
              <td>
                {alt.capabilities[i]!.score} <RatingBadge rating={alt.capabilities[i]!.rating} />
              </td>
            </tr>
          ))}
          {real.clocks.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.label}</th>
              <td>{clockWords(c)}</td>
              <td>{clockWords(alt.clocks.find((k) => k.id === c.id))}</td>
            </tr>
          ))}
          {real.impact.map((m) => {
            const other = alt.impact.find((k) => k.id === m.id);
            return (
              <tr key={m.id}>
                <th scope="row">{m.label}</th>
                <td>{money(m.total, m.unit)}</td>
                <td>{other ? money(other.total, other.unit) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <H>{messages.debrief.decisionsThatDiffer}</H>
      {view.differences.length === 0 ? <p className="muted">{messages.debrief.noDifferences}</p> : null}
      <ol className="whatif-differences">
        {view.differences.map((d) => (
          <li key={d.inject}>
            <strong>{d.title}</strong>
            <br />
            {messages.debrief.playedColon}{' '}
            {d.real === null ? <em>{messages.debrief.theStoryNeverCame}</em> : <InlineMarkdown text={d.real} />}
            <br />
            {messages.debrief.whatIfColon}{' '}
            {d.alternative === null ? (
              <em>{messages.debrief.theStoryNeverComes}</em>
            ) : (
              <InlineMarkdown text={d.alternative} />
            )}
          </li>
        ))}
      </ol>
      <H>{messages.debrief.expectationsThatFlip}</H>
      {view.flipped.length === 0 ? <p className="muted">{messages.debrief.none}</p> : null}
      <ul className="expectations">
        {view.flipped.map((f) => (
          <li key={f.id} className={f.alternative ? 'exp-met' : 'exp-missed'}>
            <span className={`badge ${f.alternative ? 'badge-good' : 'badge-bad'}`}>
              {f.alternative ? messages.debrief.missedMet : messages.debrief.metMissed}
            </span>{' '}
            {f.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
