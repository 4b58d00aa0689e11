import { useEffect, useState } from 'react';
import { seconds } from './format.ts';

/** The wall-clock discussion deadline (server-owned); frozen while paused. */
export function Countdown({ deadline, remainingMs, large }: { deadline: number | null; remainingMs: number | null; large?: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [deadline]);
  if (deadline === null && remainingMs === null) return null;
  const left = deadline !== null ? deadline - now : (remainingMs ?? 0);
  const urgent = left < 30_000;
  return (
    <span className={`countdown ${urgent ? 'countdown-urgent' : ''} ${large ? 'countdown-large' : ''}`}>
      <span className="sr-only">Time left to discuss: </span>
      {seconds(left)}
      {deadline === null ? <span className="muted"> (paused)</span> : null}
    </span>
  );
}
