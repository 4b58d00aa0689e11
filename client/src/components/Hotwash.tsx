import { useState } from 'react';
import type { Snapshot } from '../../../protocol/messages.ts';
import { send } from '../socket.ts';
import { useStore } from '../store.ts';
import { messages } from '../text/messages.ts';

/** The short hot-wash questionnaire a player answers in the debrief (feeds the gap report). */
export function Hotwash({ snapshot, capabilities }: { snapshot: Snapshot; capabilities: string[] }) {
  const mine = snapshot.hotwash?.find((h) => h.playerId === snapshot.me.playerId);
  const [worked, setWorked] = useState(mine?.worked ?? '');
  const [didNot, setDidNot] = useState(mine?.didNot ?? '');
  const [confidence, setConfidence] = useState<Record<string, number>>(mine?.confidence ?? {});
  if (snapshot.me.seat !== 'player' || snapshot.exercise.status !== 'debrief') return null;
  return (
    <form
      className="card stack hotwash"
      aria-labelledby="hw-h"
      onSubmit={async (e) => {
        e.preventDefault();
        const ack = await send({ type: 'hotwash', worked: worked.trim(), didNot: didNot.trim(), confidence });
        if (ack.ok) {
          useStore.getState().notify('info', messages.hotwash.saved);
        }
      }}
    >
      <h2 id="hw-h" tabIndex={-1}>
        {messages.hotwash.hotWash}
      </h2>
      <div className="field">
        <label htmlFor="hw-worked">{messages.hotwash.whatWorked}</label>
        <textarea id="hw-worked" rows={2} maxLength={500} value={worked} onChange={(e) => setWorked(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="hw-didnot">{messages.hotwash.whatDidNot}</label>
        <textarea id="hw-didnot" rows={2} maxLength={500} value={didNot} onChange={(e) => setDidNot(e.target.value)} />
      </div>
      {capabilities.map((c) => (
        <fieldset key={c} className="confidence">
          <legend>{messages.hotwash.confidence(c)}</legend>
          <div className="row">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="check">
                <input
                  type="radio"
                  name={`conf-${c}`}
                  value={n}
                  checked={confidence[c] === n}
                  onChange={() => setConfidence({ ...confidence, [c]: n })}
                />{' '}
                {n}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <button type="submit" className="btn btn-primary">
        {mine ? messages.hotwash.updateMyAnswers : messages.hotwash.sendMyAnswers}
      </button>
    </form>
  );
}
