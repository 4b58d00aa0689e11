/**
 * Formatting shared by the report model and its renderers. Nothing here reads the clock or the
 * locale: dates are UTC from epoch numbers and numbers are grouped by hand, so every machine
 * prints the same bytes.
 */
import type { Drill } from '../engine/drill.ts';
import type { Owner } from '../engine/schema.ts';
import { roleLabelIn } from '../engine/roles.ts';
import { CAPABILITY_LABELS, type Capability } from '../engine/vocabulary.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

/** YYYY-MM-DD in UTC. */
export function utcDate(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** YYYY-MM-DD HH:MM UTC. */
export function utcDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${utcDate(epochMs)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** A YYYY-MM-DD date plus whole days, as YYYY-MM-DD (UTC calendar arithmetic). */
export function addDays(date: string, days: number): string {
  return utcDate(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
}

/** 1234567 → "1,234,567" (no locale involved). */
export function groupDigits(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The label of a role id (built in, or defined by the drill), or the id itself when unknown. */
export function roleLabel(role: string | null, define: Record<string, string> = {}): string | null {
  return role === null ? null : roleLabelIn(define, role);
}

/** Who owns a corrective action, in words: a role's label, or an organisation (and its role). */
export function ownerLabel(drill: Drill, owner: Owner): string {
  const defined = drill.scenario.roles.define ?? {};
  if (typeof owner === 'string') return roleLabel(owner, defined)!;
  return owner.role ? `${owner.organisation} (${roleLabel(owner.role, defined)})` : owner.organisation;
}

/** The label of a capability id. */
export function capabilityLabel(id: string): string {
  return CAPABILITY_LABELS[id as Capability] ?? id;
}

/** HSEEP rating words (FEMA AAR/IP template). */
export const RATING_LABELS = {
  P: 'Performed without challenges',
  S: 'Performed with some challenges',
  M: 'Performed with major challenges',
  U: 'Unable to be performed',
} as const;

/** A rating's words, or "Not exercised". */
export function ratingLabel(rating: keyof typeof RATING_LABELS | null): string {
  return rating ? RATING_LABELS[rating] : 'Not exercised';
}

/** Upper-cases the first letter. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lower-cases the first letter unless the first word looks like an acronym or a name. */
export function uncapitalise(text: string): string {
  const first = text.split(/\s/, 1)[0] ?? '';
  if (first.length > 1 && first === first.toUpperCase()) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Drops a trailing full stop, so templates can add their own punctuation. */
export function clause(text: string): string {
  return text.trim().replace(/[.!]+$/, '');
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
