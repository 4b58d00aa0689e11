/**
 * Framework coverage: the ATLAS techniques the scenario exercises, the ATLAS mitigations teams
 * applied and missed, and per team a NIST-phase × capability heat map of the score gained
 * against what the decisions it faced in that phase offered at most.
 */
import { atlasTechnique } from '../engine/atlas.ts';
import type { Drill } from '../engine/drill.ts';
import type { TeamState } from '../engine/team-state.ts';
import { NIST_PHASES, NIST_PHASE_LABELS, type Capability } from '../engine/vocabulary.ts';
import type { AttributedRecord } from './attribution.ts';
import { mitigationRefs } from './findings.ts';
import { capabilityLabel } from './format.ts';
import type { Coverage, TeamReport } from '../../protocol/index.ts';

/** A technique's name; a sub-technique is named with its parent ("AI Supply Chain Compromise: Data"). */
export function techniqueName(id: string): string {
  const entry = atlasTechnique(id);
  if (!entry) return '';
  const parent = id.includes('.', 5) ? atlasTechnique(id.slice(0, id.lastIndexOf('.'))) : undefined;
  return parent ? `${parent.name}: ${entry.name}` : entry.name;
}

/** What coverage needs of each team beyond its report. */
export interface TeamCoverageInput {
  team: TeamReport;
  state: TeamState;
  records: AttributedRecord[];
  /** ATLAS mitigations of the expectations the team missed. */
  missedMitigations: string[];
}

function mitigationUse(entries: Array<{ team: string; ids: string[] }>): Coverage['mitigationsApplied'] {
  const teams = new Map<string, string[]>();
  for (const { team, ids } of entries)
    for (const id of ids)
      teams.set(
        id,
        [...(teams.get(id) ?? []), team].filter((t, i, a) => a.indexOf(t) === i),
      );
  const ids = [...teams.keys()].sort();
  return mitigationRefs(ids).map((ref) => ({ ...ref, teams: teams.get(ref.id)! }));
}

function heatmap(drill: Drill, capabilities: Capability[], input: TeamCoverageInput): Coverage['heatmap'][number] {
  const present = NIST_PHASES.filter((p) => drill.scenario.phases.some((ph) => ph.nist === p));
  const rows = capabilities.map((capability) => ({
    capability,
    label: capabilityLabel(capability),
    cells: present.map((nist) => {
      let gained = 0;
      let ceiling = 0;
      for (const { record, outcome } of input.records) {
        const indexed = drill.injects[record.inject];
        if (!indexed?.inject.decision || indexed.phase.nist !== nist) continue;
        gained += outcome?.score[capability] ?? 0;
        ceiling += Math.max(0, ...indexed.inject.decision.options.map((o) => o.score[capability] ?? 0));
      }
      return { gained, ceiling, ratio: ceiling > 0 ? Math.round((Math.max(gained, 0) / ceiling) * 100) / 100 : null };
    }),
  }));
  return {
    teamId: input.team.id,
    teamName: input.team.name,
    phases: present.map((id) => ({ id, label: NIST_PHASE_LABELS[id] })),
    rows,
  };
}

/** Framework coverage across teams; `capabilities` are the ones the drill exercises. */
export function buildCoverage(drill: Drill, capabilities: Capability[], teams: TeamCoverageInput[]): Coverage {
  const { frameworks } = drill.scenario;
  return {
    techniques: frameworks.atlas.map((id) => ({ id, name: techniqueName(id) })),
    owasp: [...frameworks.owasp_ml, ...frameworks.owasp_llm],
    mitigationsApplied: mitigationUse(teams.map((t) => ({ team: t.team.name, ids: t.state.mitigations }))),
    mitigationsMissed: mitigationUse(teams.map((t) => ({ team: t.team.name, ids: t.missedMitigations }))),
    heatmap: teams.map((t) => heatmap(drill, capabilities, t)),
  };
}
