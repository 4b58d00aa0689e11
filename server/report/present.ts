/**
 * Words shared by the Markdown and HTML renderers, so both exports say the same thing:
 * clock results, decision lines, framework references and rating keys.
 */
import { formatMinutes } from '../engine/duration.ts';
import { groupDigits, RATING_LABELS, roleLabel } from './format.ts';
import type { ClockEntry, DecisionEntry, Finding, GapReport, TeamReport } from '../../protocol/index.ts';

/** "met: 20m of 1h" style result of a clock. */
export function clockWords(c: ClockEntry): string {
  const limit = formatMinutes(c.limitMinutes);
  switch (c.status) {
    case 'not-started':
      return 'not started (its trigger never happened)';
    case 'running':
      return `still running after ${formatMinutes(c.elapsedMinutes ?? 0)} of ${limit}`;
    case 'met':
      return `met in ${formatMinutes(c.elapsedMinutes ?? 0)} of ${limit}`;
    case 'breached':
      return c.stoppedAt === null
        ? `breached: not stopped within ${limit}`
        : `breached: took ${formatMinutes(c.elapsedMinutes ?? 0)} of ${limit}`;
  }
}

/** A sim time as "1h5m" (or "0m"). */
export const simTime = (minutes: number | null): string => (minutes === null ? '–' : formatMinutes(minutes));

/** Wall seconds to decide, as "1m35s". */
export function wallTime(seconds: number | null): string {
  if (seconds === null) return '–';
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m}m${s ? `${s}s` : ''}` : `${s}s`;
}

/** "Alice (IR lead)". */
export function voterWords(v: { name: string; role: string | null }): string {
  return v.role ? `${v.name} (${roleLabel(v.role)})` : v.name;
}

/** How the outcome of a decision was settled, in words. */
export function settledWords(d: DecisionEntry): string {
  switch (d.settledBy) {
    case 'vote':
      return 'by vote';
    case 'lead':
      return 'by the lead';
    case 'facilitator':
      return 'by the facilitator';
    case 'deadline':
      return 'when the deadline passed';
    case 'solo':
      return 'solo';
    case 'skip':
      return 'skipped by the facilitator';
    default:
      return d.settledBy ?? 'not recorded';
  }
}

/** "best" / "not the best" verdict, with the best option's label when different. */
export function bestWords(d: DecisionEntry): string {
  if (d.best === null) return '';
  if (d.matchedBest) return 'the best option';
  return `best was “${d.bestLabel}”`;
}

/** ATLAS mitigations of a finding as "AML.M0014 Verify AI Artifacts". */
export function mitigationWords(f: Pick<Finding, 'mitigations'>): string[] {
  return f.mitigations.map((m) => (m.name ? `${m.id} ${m.name}` : m.id));
}

/** CSF references as "RS.AN-07 (Incident Analysis)". */
export function csfWords(f: Pick<Finding, 'csf'>): string[] {
  return f.csf.map((c) => (c.name ? `${c.id} (${c.name})` : c.id));
}

/** The rating key line printed under rating tables. */
/** What "best possible" means in the capability tables (one path reaches all of them at once). */
export const BEST_POSSIBLE_NOTE = 'Best possible: the capability scores of the best-scoring path through the drill, all reached together on that one path';

export const RATING_KEY = (Object.entries(RATING_LABELS) as Array<[string, string]>).map(([k, v]) => `${k} = ${v.toLowerCase()}`).join('; ');

/** Business impact as "14,000 USD Fraud losses". */
export function impactWords(team: TeamReport): string[] {
  return team.impact.map((m) => `${m.label}: ${groupDigits(m.total)} ${m.unit}`);
}

/** "Blue: 3 (P)" cells of the comparison, by team order. */
export function comparisonCell(row: GapReport['comparison'][number], teamId: string): string {
  const cell = row.teams.find((t) => t.teamId === teamId);
  if (!cell) return '–';
  return `${cell.score} (${cell.rating ?? '–'})`;
}

/** "1h5m" from sim minutes, or the wall duration of the exercise in minutes. */
export function durationWords(overview: GapReport['overview']): string {
  return overview.durationMinutes === null ? 'not recorded' : `${overview.durationMinutes} min`;
}
