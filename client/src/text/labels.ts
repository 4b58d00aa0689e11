/** Names a person reads for ids: roles, NIST phases. */
import { phaseFamily } from '../../../protocol/colours.ts';
import type { GapReport, ProvenanceRef } from '../../../protocol/gap-report.ts';
import { messages } from './messages.ts';

/**
 * A role as people read it: the name the server sent with the scenario (drill-defined roles have
 * their own, such as "Customer support lead"), else the id spelled out ("ir-lead" as "IR lead").
 */
export function roleLabel(role: string | null | undefined, labels: Readonly<Record<string, string>> = {}): string {
  if (!role) return messages.common.noRole;
  if (labels[role]) return labels[role];
  const words = role
    .split(/[-_]/)
    .map((w) => (['ir', 'ml', 'ciso', 'soc', 'ai', 'it', 'pr'].includes(w) ? w.toUpperCase() : w));
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The role names a gap report carries with its players, for the report's other sections. */
export function reportRoleLabels(report: GapReport): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const team of report.overview.teams)
    for (const p of team.players) if (p.role && p.roleLabel) labels[p.role] = p.roleLabel;
  return labels;
}

export function phaseLabel(nist: string): string {
  const map: Readonly<Record<string, string>> = messages.common.phase;
  return map[nist] ?? nist;
}

/** "ShadowRay (AML.CS0023), Ray security advisory": a scenario's sources on one line. */
export function provenanceText(sources: readonly ProvenanceRef[]): string {
  return sources.map((p) => (p.atlasId ? `${p.label} (${p.atlasId})` : p.label)).join(', ');
}

/** The colour family of a NIST phase (`phase-detection`, …), shared by every view that names a phase. */
export function phaseClass(nist: string): string {
  const family = phaseFamily(nist);
  return family ? `phase-${family}` : '';
}
