import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { WhatIfView } from '../../../protocol/whatif.ts';
import { keyFor, listPins, pinWhatIf, unpinWhatIf, type Counterfactual } from '../reportsApi.ts';
import { InlineMarkdown } from './InlineMarkdown.tsx';
import { messages } from '../text/messages.ts';

/**
 * What-ifs pinned into the gap report (W5-W8), for the facilitator's debrief: the pins of the
 * exercise open now, kept in step between the "Pin to report" button of a shown what-if and the
 * pinned list. The server holds them; this only mirrors its last answer.
 */
interface PinsState {
  exerciseId: string | null;
  pins: Counterfactual[];
  problem: string | null;
  set: (exerciseId: string, pins: Counterfactual[]) => void;
  fail: (problem: string) => void;
}

const usePins = create<PinsState>()((set) => ({
  exerciseId: null,
  pins: [],
  problem: null,
  set: (exerciseId, pins) => set({ exerciseId, pins, problem: null }),
  fail: (problem) => set({ problem }),
}));

const NONE: Counterfactual[] = [];

const sameFork = (p: Counterfactual, v: WhatIfView) =>
  p.teamId === v.teamId && p.inject === v.fork.inject && p.option.id === v.fork.option.id && p.policy === v.fork.policy;

/** "Pin to report" under a shown what-if, with an optional one-line note. Staff only: the server refuses anyone else (W6). */
export function PinToReport({ exerciseId, view }: { exerciseId: string; view: WhatIfView }) {
  const pinned = usePins((s) => (s.exerciseId === exerciseId ? s.pins.find((p) => sameFork(p, view)) : undefined));
  const [note, setNote] = useState(pinned?.note ?? '');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const key = keyFor(exerciseId);
  if (!key) return null;
  const pin = async () => {
    setBusy(true);
    try {
      const pins = await pinWhatIf(exerciseId, key, {
        teamId: view.teamId,
        inject: view.fork.inject,
        option: view.fork.option.id,
        policy: view.fork.policy,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      usePins.getState().set(exerciseId, pins);
      setStatus({ text: pinned ? messages.debrief.noteSaved : messages.debrief.pinned, error: false });
    } catch (e) {
      setStatus({ text: messages.debrief.notPinned((e as Error).message), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="whatif-pin"
      onSubmit={(e) => {
        e.preventDefault();
        void pin();
      }}
    >
      <label>
        {messages.debrief.pinNote}
        <input
          value={note}
          maxLength={200}
          onChange={(e) => setNote(e.target.value.replace(/[\r\n]+/g, ' '))}
          placeholder={messages.debrief.pinNotePlaceholder}
        />
      </label>
      <button type="submit" className="btn" disabled={busy}>
        {busy ? messages.debrief.pinning : pinned ? messages.debrief.saveTheNote : messages.debrief.pinToReport}
      </button>
      <p role="status" className={`small ${status?.error ? 'bad-text' : 'muted'}`}>
        {status?.text ?? (pinned ? messages.debrief.isPinned : '')}
      </p>
    </form>
  );
}

/** The what-ifs pinned into this exercise's report, each with Remove. */
export function PinnedWhatIfs({ exerciseId }: { exerciseId: string }) {
  const list = usePins((s) => (s.exerciseId === exerciseId ? s.pins : NONE));
  const problem = usePins((s) => s.problem);
  const key = keyFor(exerciseId);
  useEffect(() => {
    if (!key) return;
    listPins(exerciseId, key).then(
      (list) => usePins.getState().set(exerciseId, list),
      (e: Error) => usePins.getState().fail(messages.debrief.pinsLoadFailed(e.message)),
    );
  }, [exerciseId, key]);
  if (!key) return null;
  const remove = (pin: Counterfactual) =>
    unpinWhatIf(exerciseId, key, pin.id).then(
      (list) => usePins.getState().set(exerciseId, list),
      (e: Error) => usePins.getState().fail(messages.debrief.unpinFailed(e.message)),
    );
  return (
    <section className="card whatif-pins" aria-labelledby="pins-h">
      <h2 id="pins-h">{messages.debrief.pinnedToTheReport}</h2>
      <p className="small muted">{messages.debrief.pinsHelp}</p>
      {problem ? (
        <p role="alert" className="bad-text">
          {problem}
        </p>
      ) : null}
      {list.length === 0 ? <p className="muted">{messages.debrief.noPins}</p> : null}
      <ul className="plain-list">
        {list.map((p) => (
          <li key={p.id} className="whatif-pinned">
            <span>
              <strong>{p.teamName}</strong>
              {messages.debrief.counterfactual.decision(p.decision)}
              <InlineMarkdown text={p.title} />
              {messages.debrief.counterfactual.whatIf}
              <InlineMarkdown text={p.option.label} />” <span className="muted">({p.policyWords})</span>
              <br />
              <span className="small">
                {messages.debrief.counterfactual.score(
                  p.real.total.score,
                  p.alternative.total.score,
                  p.alternative.total.max,
                )}
                {p.note ? <> · “{p.note}”</> : null}
              </span>
            </span>
            <button type="button" className="btn btn-small" onClick={() => void remove(p)}>
              {messages.debrief.remove}
              <span className="sr-only"> {messages.debrief.removePin(p.teamName, p.decision)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
