/** Numbers a person reads: sim durations, money, countdown seconds. */
import { formatDuration } from '../../../protocol/duration.ts';
import { unitFor } from './plural.ts';

/** Sim minutes as a person reads them ("45m", "1h 05m", "72h"): the one duration format. */
export const duration = formatDuration;

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
