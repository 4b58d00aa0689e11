/**
 * A team's decision timeline: every decision point it met, what was on offer, how each role
 * voted, who dissented and why, how long it took, and the choice against the best one.
 */
import type { Drill } from '../engine/drill.ts';
import type { ExploreResult } from '../engine/explore.ts';
import { bestOptions } from '../engine/outcome.ts';
import type { Outcome } from '../engine/schema.ts';
import { startState, step, type TeamState } from '../engine/team-state.ts';
import { outcomeOfRecord, optionLabel } from './attribution.ts';
import type { HistoryDecision } from './history.ts';
import type { DecisionEntry } from '../../protocol/index.ts';

/** The best option per inject: the one on the highest-scoring path, else the locally best. */
export interface BestChoices {
  path: Map<string, string>;
  local: Map<string, string>;
}

/** Replays stats.bestPath to learn which option it takes at each inject. */
export function bestChoices(drill: Drill, stats: ExploreResult): BestChoices {
  const path = new Map<string, string>();
  let state: TeamState | undefined = startState(drill);
  for (const event of stats.bestPath) {
    const inject = state?.cursor.inject;
    if (!state || inject === undefined) break;
    if (event.type === 'CHOOSE') path.set(inject, event.option);
    state = step(drill, state, event);
  }
  return { path, local: bestOptions(drill) };
}

/** Sum of an outcome's capability deltas. */
export function totalDelta(outcome: Pick<Outcome, 'score'> | undefined): number {
  return Object.values(outcome?.score ?? {}).reduce((s: number, v) => s + (v ?? 0), 0);
}

/** The timeline of one team, joined with the votes and timings the exercise recorded. */
export function buildTimeline(
  drill: Drill,
  state: TeamState,
  played: HistoryDecision[],
  best: BestChoices,
): DecisionEntry[] {
  const unused = [...played];
  const entries: DecisionEntry[] = [];
  for (const record of state.log) {
    const indexed = drill.injects[record.inject];
    const decision = indexed?.inject.decision;
    if (!indexed || !decision) continue;
    const k = unused.findIndex((d) => d.inject === record.inject);
    const history = k >= 0 ? unused.splice(k, 1)[0] : undefined;
    const outcome = outcomeOfRecord(drill, record);
    const fromPath = best.path.get(record.inject);
    const bestId = fromPath ?? best.local.get(record.inject) ?? null;
    const scoreDelta = totalDelta(outcome);
    const votes = [...(history?.votes ?? [])]
      .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.playerId.localeCompare(b.playerId, 'en'))
      .map((v) => ({
        name: v.name,
        role: v.role,
        option: v.option,
        reason: v.reason?.trim() ? v.reason : null,
        dissent: v.option !== record.option,
      }));
    entries.push({
      n: entries.length + 1,
      inject: record.inject,
      title: indexed.inject.title,
      phase: indexed.phase.title,
      nist: indexed.phase.nist,
      prompt: decision.prompt,
      options: decision.options.map((o) => ({ id: o.id, label: o.label, score: totalDelta(o) })),
      chosen: record.option,
      chosenLabel:
        record.kind === 'skipped' ? 'skipped by the facilitator' : optionLabel(drill, record.inject, record.option),
      kind: record.kind,
      settledBy: history?.settledBy ?? null,
      simAt: record.at,
      costMinutes: record.costMinutes,
      wallSeconds: history ? Math.max(0, Math.round((history.closedAt - history.openedAt) / 1000)) : null,
      best: bestId,
      bestLabel: bestId === null ? null : optionLabel(drill, record.inject, bestId),
      bestSource: bestId === null ? null : fromPath ? 'best-path' : 'local',
      matchedBest: bestId !== null && record.option === bestId,
      scoreDelta,
      harmful: record.kind === 'no-decision' || scoreDelta < 0,
      votes,
      dissent: votes.filter((v) => v.dissent).length,
      feedback: outcome?.feedback ?? null,
    });
  }
  return entries;
}
