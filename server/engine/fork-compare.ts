/**
 * The two timelines of a what-if side by side: what the team played and what the fork plays,
 * each as a full outcome (ending, score and HSEEP rating per capability, clocks, business
 * impact), plus the decisions that differ and the expectations that flip.
 */
import type { ExploreResult } from './explore.ts';
import type { Drill } from './drill.ts';
import { decisionSteps, forkTimeline, replayTimeline, type Fork } from './fork.ts';
import { outcomeOf, type Outcome } from './outcome.ts';
import type { DecisionRecord, TeamEvent } from './team-state.ts';

export interface DecisionDifference {
  inject: string;
  title: string;
  /** What the team did there, or null where their story never came to it. */
  real: { option: string | null; kind: DecisionRecord['kind'] } | null;
  alternative: { option: string | null; kind: DecisionRecord['kind'] } | null;
}

export interface FlippedExpectation {
  id: string;
  text: string;
  capability: string;
  real: boolean;
  alternative: boolean;
}

export interface TimelineComparison {
  fork: Fork & { inject: string; title: string; realOption: string | null };
  real: Outcome;
  alternative: Outcome;
  differences: DecisionDifference[];
  flipped: FlippedExpectation[];
}

/** Forks a team's events and compares the alternative with what was played. */
export function compareFork(
  drill: Drill,
  stats: ExploreResult,
  events: readonly TeamEvent[],
  fork: Fork,
): TimelineComparison {
  const real = replayTimeline(drill, events);
  const alternative = forkTimeline(drill, events, fork);
  const forked = decisionSteps(drill, real.steps)[fork.decision - 1]!;
  const realOutcome = outcomeOf(drill, stats, real.state);
  const altOutcome = outcomeOf(drill, stats, alternative.state);
  return {
    fork: {
      ...fork,
      inject: forked.inject,
      title: drill.injects[forked.inject]!.inject.title,
      realOption: forked.event.type === 'CHOOSE' ? forked.event.option : null,
    },
    real: realOutcome,
    alternative: altOutcome,
    differences: decisionDifferences(drill, real.state.log, alternative.state.log),
    flipped: realOutcome.expectations.flatMap((e, i) => {
      const alt = altOutcome.expectations[i]!;
      return alt.met === e.met
        ? []
        : [{ id: e.id, text: e.text, capability: e.capability, real: e.met, alternative: alt.met }];
    }),
  };
}

/** Decisions (not informing injects) taken differently, or met in only one of the stories; in story order. */
function decisionDifferences(
  drill: Drill,
  real: readonly DecisionRecord[],
  alternative: readonly DecisionRecord[],
): DecisionDifference[] {
  const decisions = (log: readonly DecisionRecord[]) => log.filter((r) => r.kind !== 'continued');
  const realByInject = new Map(decisions(real).map((r) => [r.inject, r]));
  const altInjects = new Set(decisions(alternative).map((r) => r.inject));
  const pick = (r: DecisionRecord) => ({ option: r.option, kind: r.kind });
  const title = (inject: string) => drill.injects[inject]!.inject.title;
  const differences: DecisionDifference[] = [];
  for (const alt of decisions(alternative)) {
    const theirs = realByInject.get(alt.inject);
    if (theirs && theirs.option === alt.option && theirs.kind === alt.kind) continue;
    differences.push({
      inject: alt.inject,
      title: title(alt.inject),
      real: theirs ? pick(theirs) : null,
      alternative: pick(alt),
    });
  }
  for (const theirs of decisions(real)) {
    if (!altInjects.has(theirs.inject))
      differences.push({ inject: theirs.inject, title: title(theirs.inject), real: pick(theirs), alternative: null });
  }
  return differences;
}
