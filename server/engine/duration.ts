/**
 * Durations in drill files are written as `90s`, `20m`, `1h30m`, `72h` or `3d`.
 * Simulated time is counted in whole minutes, wall-clock limits in seconds.
 */
const DURATION_PATTERN = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** True when `text` is a duration such as `20m` or `1h30m`. */
export function isDuration(text: string): boolean {
  return text.length > 0 && DURATION_PATTERN.test(text);
}

/** Seconds in a duration string; throws on a malformed one (the schema rejects those first). */
export function durationSeconds(text: string): number {
  const match = DURATION_PATTERN.exec(text);
  if (!match || text.length === 0) throw new Error(`not a duration: ${JSON.stringify(text)}`);
  const [, d, h, m, s] = match;
  return Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
}

const minutesCache = new Map<string, number>();

/** Whole simulated minutes in a duration string (seconds round up). Memoised: every step asks. */
export function durationMinutes(text: string): number {
  let minutes = minutesCache.get(text);
  if (minutes === undefined) {
    minutes = Math.ceil(durationSeconds(text) / 60);
    minutesCache.set(text, minutes);
  }
  return minutes;
}

/**
 * Sim minutes as a person reads them: "45m", "1h 05m", "72h", "5d 2h 05m". The same rule as
 * protocol/duration.ts (test/engine/duration.test.ts holds the two equal); the engine keeps its
 * own copy because it imports nothing outside itself.
 */
export function formatMinutes(minutes: number): string {
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
