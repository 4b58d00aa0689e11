/**
 * Which decision did what: for each entry of a team's decision log, the outcome it got and the
 * flags it set first. Root-cause notes are written from this ("chose delete at 12 sim-min,
 * which set evidence-destroyed").
 */
import { formatMinutes } from '../engine/duration.ts';
import { optionOutcome as outcomeAt, type Drill } from '../engine/drill.ts';
import type { Outcome } from '../engine/schema.ts';
import type { DecisionRecord, TeamState } from '../engine/team-state.ts';

export interface AttributedRecord {
  record: DecisionRecord;
  /** The outcome applied: an option, the no-decision outcome, or undefined (continue, skip). */
  outcome: Outcome | undefined;
  /** Flags this record set for the first time. */
  flagsSet: string[];
}

/** The outcome a log record got. */
export function outcomeOfRecord(drill: Drill, record: DecisionRecord): Outcome | undefined {
  if (record.kind === 'chosen') return outcomeAt(drill, record.inject, record.option);
  if (record.kind === 'no-decision') return outcomeAt(drill, record.inject, null);
  return undefined;
}

/** Flags named by an outcome's effects, in order. */
export function flagsOf(outcome: Outcome | undefined): string[] {
  const flags: string[] = [];
  for (const effect of outcome?.effects ?? []) {
    if ('flag' in effect) flags.push(...(Array.isArray(effect.flag) ? effect.flag : [effect.flag]));
  }
  return flags;
}

/** Attributes every flag of a team's state to the log record that set it first. */
export function attribute(drill: Drill, state: TeamState): AttributedRecord[] {
  const seen = new Set<string>();
  return state.log.map((record) => {
    const outcome = outcomeOfRecord(drill, record);
    // An inject's own effects happened when it was shown, before the team's answer to it.
    const shown = flagsOf({ effects: drill.injects[record.inject]?.inject.effects ?? [] } as Outcome);
    const flagsSet = [...shown, ...flagsOf(outcome)].filter((f) => !seen.has(f) && state.flags[f] !== undefined);
    flagsSet.forEach((f) => seen.add(f));
    return { record, outcome, flagsSet };
  });
}

/** The option label, or the id when the option is unknown. */
export function optionLabel(drill: Drill, injectId: string, optionId: string | null): string {
  if (optionId === null) return 'no decision';
  return drill.injects[injectId]?.inject.decision?.options.find((o) => o.id === optionId)?.label ?? optionId;
}

/** "chose “Delete m2” at “Alert” (after 5m)": what a record did, in words, without ids or raw minutes. */
export function describeRecord(drill: Drill, record: DecisionRecord): string {
  const title = drill.injects[record.inject]?.inject.title ?? record.inject;
  const when = `at “${title}” (${record.at === 0 ? 'at the start' : `after ${formatMinutes(record.at)}`})`;
  if (record.kind === 'chosen') return `chose “${optionLabel(drill, record.inject, record.option)}” ${when}`;
  if (record.kind === 'no-decision') return `reached no decision in time ${when}`;
  if (record.kind === 'skipped') return `was moved past the decision by the facilitator ${when}`;
  return `continued ${when}`;
}

/** The options at an inject whose effects set `flag`. */
export function optionsSetting(drill: Drill, injectId: string, flag: string): Array<{ id: string; label: string }> {
  const options = drill.injects[injectId]?.inject.decision?.options ?? [];
  return options.filter((o) => flagsOf(o).includes(flag)).map((o) => ({ id: o.id, label: o.label }));
}
