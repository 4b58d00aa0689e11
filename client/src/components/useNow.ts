import { useEffect, useState } from 'react';

/** The wall clock, re-read every `everyMs` while `active` (display only: deadlines are server-owned). */
export function useNow(active: boolean, everyMs = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    // a clock that starts again reads the time straight away, not a tick later
    const first = setTimeout(tick, 0);
    const t = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(t);
    };
  }, [active, everyMs]);
  return now;
}

/** Milliseconds left on a discussion deadline (running or frozen), or null when there is none. */
export function timeLeft(deadline: number | null, remainingMs: number | null, now: number): number | null {
  if (deadline !== null) return deadline - now;
  return remainingMs;
}

/** Below this, a deadline counts as close (red on the board and on the player's screen). */
export const URGENT_MS = 30_000;
