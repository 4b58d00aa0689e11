/**
 * The one way a person reads a span of simulated time, in every view, report and document:
 * "45m", "1h 05m", "72h", "5d 2h 05m". Hours run up to four days because the clocks people know
 * are written that way (GDPR's 72h); longer spans count days. server/engine/duration.ts keeps an
 * identical copy (the engine imports nothing outside itself); a test holds the two equal.
 */
export function formatDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const mins = m % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (m < 60) return `${m}m`;
  if (m < 96 * 60) return mins ? `${Math.floor(m / 60)}h ${pad(mins)}m` : `${m / 60}h`;
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  if (mins) return `${days}d ${hours}h ${pad(mins)}m`;
  return hours ? `${days}d ${hours}h` : `${days}d`;
}
