import { useEffect, useState } from 'react';

/** The wall clock, re-read every `everyMs` while `active` (display only: deadlines are server-owned). */
export function useNow(active: boolean, everyMs = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
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
