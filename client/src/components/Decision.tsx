import { useId, useState } from 'react';
import type { InjectView, Snapshot, TeamView } from '../../../protocol/messages.ts';
import { send, typing } from '../socket.ts';
import { playerName } from '../store.ts';
import { Countdown } from './Countdown.tsx';
import { whoDecides } from '../text/whoDecides.ts';
import { useNow } from './useNow.ts';
import { InlineMarkdown } from './InlineMarkdown.tsx';
import { messages } from '../text/messages.ts';

type DecisionSpec = NonNullable<InjectView['decision']>;

/**
 * The decision: options, teammates' votes, a reason box for dissent and the countdown.
 * Which command a button sends follows the exercise's mode; the server decides what counts.
 */
export function Decision({
  snapshot,
  team,
  decision,
  injectId,
}: {
  snapshot: Snapshot;
  team: TeamView;
  decision: DecisionSpec;
  injectId: string;
}) {
  const uid = useId();
  const me = snapshot.me;
  const { mode, solo } = snapshot.exercise;
  const votes = team.decision.votes;
  const mine = votes.find((v) => v.playerId === me.playerId);
  const [choice, setChoice] = useState<string | null>(mine?.option ?? null);
  const [reason, setReason] = useState(mine?.reason ?? '');
  const [busy, setBusy] = useState(false);
  // a vote recorded since (from this seat on another device) becomes the choice shown
  const [recorded, setRecorded] = useState(mine?.option);
  if (mine?.option !== recorded) {
    setRecorded(mine?.option);
    if (mine?.option) setChoice(mine.option);
  }

  const counts = new Map<string, number>();
  for (const v of votes) counts.set(v.option, (counts.get(v.option) ?? 0) + 1);
  const leading = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const dissent =
    choice !== null && leading !== null && choice !== leading && votes.some((v) => v.playerId !== me.playerId);
  const isLead = me.role === snapshot.exercise.scenario.lead;
  const canAct = me.seat === 'player' && snapshot.exercise.status === 'running';
  const commits = solo || (mode === 'lead' && isLead);
  const verbs = messages.phone.verb;
  const verb = solo
    ? verbs.decide
    : commits
      ? verbs.commit
      : mode === 'vote'
        ? mine
          ? verbs.changeVote
          : verbs.vote
        : verbs.recommend;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!choice) return;
    setBusy(true);
    const r = reason.trim();
    await send(
      commits
        ? { type: 'commit', option: choice, inject: injectId }
        : { type: 'vote', option: choice, inject: injectId, ...(r ? { reason: r } : {}) },
    );
    setBusy(false);
  }

  return (
    <form id="decision" className="decision card" onSubmit={submit} aria-labelledby={`${uid}-p`}>
      <div className="decision-head">
        <h3 id={`${uid}-p`} tabIndex={-1}>
          {decision.prompt}
        </h3>
        <Countdown deadline={team.decision.deadline} remainingMs={team.decision.remainingMs} large />
      </div>
      <TimeUp deadline={team.decision.deadline} mode={mode} solo={solo} />
      {team.decision.tied ? (
        <TieNotice tied={team.decision.tied} each={counts.get(team.decision.tied[0]!) ?? 0} />
      ) : null}
      {!solo ? (
        <p className="small muted">
          {whoDecides(mode, snapshot.exercise.scenario.lead, snapshot.exercise.scenario.roleLabels)}
        </p>
      ) : null}
      <fieldset disabled={!canAct || busy}>
        <legend className="sr-only">{messages.phone.options}</legend>
        {decision.options.map((o) => {
          const voters = votes.filter((v) => v.option === o.id);
          return (
            <label key={o.id} className={`option ${choice === o.id ? 'option-selected' : ''}`}>
              <input
                type="radio"
                className="option-input"
                name={`${uid}-opt`}
                value={o.id}
                checked={choice === o.id}
                onChange={() => setChoice(o.id)}
              />
              <span className="option-body">
                <span className="option-label">
                  <InlineMarkdown text={o.label} />
                </span>
                {team.decision.tied?.includes(o.id) ? <span className="tied-chip">{messages.phone.tied}</span> : null}
                {voters.length > 0 ? (
                  <span className="voters">
                    {voters.map((v) => (
                      <span key={v.playerId} className={`voter ${v.playerId === me.playerId ? 'voter-me' : ''}`}>
                        {v.playerId === me.playerId ? messages.phone.you : playerName(snapshot, v.playerId)}
                      </span>
                    ))}
                  </span>
                ) : null}
              </span>
            </label>
          );
        })}
        {!commits ? (
          <div className="field">
            <label htmlFor={`${uid}-reason`}>
              {messages.phone.yourReason}{' '}
              {dissent ? (
                <strong className="warn-text">{messages.phone.dissentHint}</strong>
              ) : (
                <span className="muted">{messages.phone.optional}</span>
              )}
            </label>
            <textarea
              id={`${uid}-reason`}
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                typing();
              }}
            />
          </div>
        ) : null}
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={!choice}>
            {verb}
          </button>
          {mine ? (
            <span className="small" role="status">
              {messages.phone.yourVote}{' '}
              <strong>
                <InlineMarkdown text={decision.options.find((o) => o.id === mine.option)?.label ?? mine.option} />
              </strong>
            </span>
          ) : null}
        </div>
      </fieldset>
      {votes.some((v) => v.reason && v.playerId !== me.playerId) ? (
        <div className="reasons">
          <h4>{messages.phone.reasonsGiven}</h4>
          <ul className="plain-list">
            {votes
              .filter((v) => v.reason && v.playerId !== me.playerId)
              .map((v) => (
                <li key={v.playerId}>
                  <strong>{playerName(snapshot, v.playerId)}</strong>: {v.reason}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}

/** Vote mode: everyone voted and the top options are level (marked below), so nothing is recorded yet. */
function TieNotice({ tied, each }: { tied: string[]; each: number }) {
  return (
    <p className="tie-notice" role="status">
      {messages.phone.tiedVote(tied.length, each)}
    </p>
  );
}

/** Shown when the discussion deadline has passed and the server has not settled the decision yet. */
function TimeUp({ deadline, mode, solo }: { deadline: number | null; mode: string; solo: boolean }) {
  const now = useNow(deadline !== null);
  if (solo || deadline === null || deadline > now) return null;
  return (
    <p className="timeup" role="status">
      {messages.phone.timeUp}{' '}
      {mode === 'vote' ? messages.phone.leadingVoteRecorded : messages.phone.noDecisionUnlessNow}
    </p>
  );
}
