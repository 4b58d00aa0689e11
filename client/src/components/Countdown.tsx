import { seconds } from '../text/units.ts';
import { timeLeft, URGENT_MS, useNow } from './useNow.ts';
import { messages } from '../text/messages.ts';

/** The wall-clock discussion deadline (server-owned); frozen while paused. */
export function Countdown({
  deadline,
  remainingMs,
  large,
  label = messages.play.timeLeft,
}: {
  deadline: number | null;
  remainingMs: number | null;
  large?: boolean;
  label?: string;
}) {
  const now = useNow(deadline !== null);
  const left = timeLeft(deadline, remainingMs, now);
  if (left === null) return null;
  const paused = deadline === null;
  const up = left <= 0;
  const urgent = left < URGENT_MS;
  return (
    <span
      className={`countdown ${urgent ? 'countdown-urgent' : ''} ${large ? 'countdown-large' : ''} ${paused ? 'countdown-paused' : ''}`}
    >
      <span className="sr-only">{label}</span>
      {seconds(left)}
      {paused ? (
        <span className="countdown-note">{messages.play.pausedNote}</span>
      ) : up ? (
        <span className="countdown-note">{messages.play.timesUp}</span>
      ) : null}
    </span>
  );
}
