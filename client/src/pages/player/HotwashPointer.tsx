import type { Snapshot } from '../../../../protocol/messages.ts';
import { messages } from '../../text/messages.ts';

/**
 * At the top of a player's debrief: the hot wash waits at the bottom of a long page, so say
 * it is there, how long it is, whether it is answered, and jump to it.
 */
export function HotwashPointer({ snapshot, questions }: { snapshot: Snapshot; questions: number }) {
  if (snapshot.me.seat !== 'player' || snapshot.exercise.status !== 'debrief') return null;
  const answered = snapshot.hotwash?.some((h) => h.playerId === snapshot.me.playerId) ?? false;
  return (
    <p className="hotwash-pointer">
      <button
        type="button"
        className={`btn ${answered ? '' : 'btn-primary'}`}
        onClick={() => {
          const target = document.getElementById('hw-h');
          target?.scrollIntoView({ block: 'start' });
          target?.focus({ preventScroll: true });
        }}
      >
        {answered ? messages.hotwash.answered : messages.hotwash.pointer(questions)} <span aria-hidden="true">↓</span>
      </button>
      <span className="small muted"> {answered ? messages.hotwash.thanks : messages.hotwash.pointerNote}</span>
    </p>
  );
}
