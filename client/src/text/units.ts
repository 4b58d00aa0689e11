/** Numbers a person reads: sim durations, money, countdown seconds. */
import { unitFor } from './plural.ts';

/** Sim minutes as "2h 05m" / "45m" / "3d 4h". */
export function duration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m >= 48 * 60) return `${Math.floor(m / 1440)}d ${Math.floor((m % 1440) / 60)}h`;
  if (m >= 60) return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
  return `${m}m`;
}

/** The gap report's one duration format, as its exports print it: "1d2h5m", "1h5m", "35m". */
export function reportDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const parts = [Math.floor(m / 1440) ? `${Math.floor(m / 1440)}d` : '', Math.floor((m % 1440) / 60) ? `${Math.floor((m % 1440) / 60)}h` : '', m % 60 || m === 0 ? `${m % 60}m` : ''];
  return parts.join('');
}

export function simTime(minutes: number): string {
  return `T+${duration(minutes)}`;
}

export function money(n: number, unit: string): string {
  const rounded = Math.round(n);
  const text = rounded.toLocaleString('en-US');
  if (unit === 'USD') return `$${text}`;
  if (unit === 'EUR') return `€${text}`;
  if (unit === 'GBP') return `£${text}`;
  return `${text} ${unitFor(rounded, unit)}`;
}

export function seconds(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
