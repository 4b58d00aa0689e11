/**
 * What if for a live exercise (docs/protocol.md W1–W4): the team's decisions as the engine logged
 * them, forked with the engine's pure fork, turned into the view the debrief shows. Reads the
 * state only; the exercise, its version and its log stay as they are.
 */
import { compareFork, type TimelineComparison } from '../engine/fork-compare.ts';
import { decisionSteps, ForkError, forkPoint, replayTimeline } from '../engine/fork.ts';
import type { Drill } from '../engine/drill.ts';
import type { ExploreResult } from '../engine/explore.ts';
import type { Outcome } from '../engine/outcome.ts';
import type { DecisionRecord, TeamEvent } from '../engine/team-state.ts';
import type { WhatIfAnswer, WhatIfRequest, WhatIfTimelineView, WhatIfView } from '../../protocol/index.ts';
import type { Actor } from './events.ts';
import type { ExerciseState } from './state.ts';

/** The engine event behind each record of a team's decision log (one record per event). */
export function eventsOfLog(log: readonly DecisionRecord[]): TeamEvent[] {
  return log.map((r): TeamEvent => {
    switch (r.kind) {
      case 'chosen':
        return { type: 'CHOOSE', option: r.option! };
      case 'no-decision':
        return { type: 'NO_DECISION' };
      case 'skipped':
        return { type: 'SKIP' };
      case 'continued':
        return { type: 'CONTINUE' };
    }
  });
}

/** Answers a what-if request of `actor` (W1: debrief or later; W2: players fork their own team). */
export function answerWhatIf(state: ExerciseState, actor: Actor, request: WhatIfRequest): WhatIfAnswer {
  if (state.status !== 'debrief' && state.status !== 'ended') {
    return { ok: false, code: 'NOT_NOW', message: 'what if opens in the debrief, once play has ended' };
  }
  const team = state.teams.find((t) => t.id === request.teamId);
  if (!team) return { ok: false, code: 'NOT_FOUND', message: `no team "${request.teamId}" in this exercise` };
  if (actor.seat === 'player') {
    const me = actor.playerId ? state.players.get(actor.playerId) : undefined;
    if (me?.teamId !== team.id)
      return { ok: false, code: 'FORBIDDEN', message: 'players explore what if for their own team' };
  }
  const { drill, stats } = state.scenario;
  const view = forkWhatIf(drill, stats, team.id, team.snapshot.context.log, request);
  return 'problem' in view ? { ok: false, code: 'INVALID', message: view.problem } : { ok: true, whatIf: view };
}

/**
 * The what-if of a team whose decisions are `log`: the engine's fork, in the debrief's words. A
 * fork that does not fit the story (an inject without a decision of the team, an option not on
 * offer there) gives the problem in words instead. Pure: the same log and fork give the same view.
 */
export function forkWhatIf(
  drill: Drill,
  stats: ExploreResult,
  teamId: string,
  log: readonly DecisionRecord[],
  fork: Omit<WhatIfRequest, 'teamId'>,
): WhatIfView | { problem: string } {
  try {
    const events = eventsOfLog(log);
    const decision =
      decisionSteps(drill, replayTimeline(drill, events).steps).findIndex((s) => s.inject === fork.inject) + 1;
    if (decision === 0) return { problem: `the team made no decision at inject "${fork.inject}"` };
    const comparison = compareFork(drill, stats, events, { decision, option: fork.option, policy: fork.policy });
    const choices = forkPoint(drill, events, decision).offered.map((o) => ({ id: o.id, label: o.label }));
    return whatIfView(drill, teamId, comparison, choices);
  } catch (error) {
    if (error instanceof ForkError) return { problem: error.message };
    throw error;
  }
}

const optionLabel = (drill: Drill, inject: string, option: string): string =>
  drill.injects[inject]?.inject.decision?.options.find((o) => o.id === option)?.label ?? option;

const decisionText = (
  drill: Drill,
  inject: string,
  side: { option: string | null; kind: DecisionRecord['kind'] } | null,
): string | null =>
  !side
    ? null
    : side.option !== null
      ? optionLabel(drill, inject, side.option)
      : side.kind === 'skipped'
        ? 'skipped by the facilitator'
        : 'no decision';

function timeline(outcome: Outcome): WhatIfTimelineView {
  return {
    ending: outcome.ending ? { title: outcome.ending.title, kind: outcome.ending.kind } : null,
    simMinutes: outcome.simMinutes,
    total: outcome.total,
    capabilities: outcome.capabilities.map(({ id, label, score, max, rating }) => ({ id, label, score, max, rating })),
    clocks: outcome.clocks.map(({ id, label, status, elapsedMinutes, limitMinutes }) => ({
      id,
      label,
      status,
      elapsedMinutes,
      limitMinutes,
    })),
    impact: outcome.impact,
  };
}

/** The comparison in the words and labels the debrief shows. */
export function whatIfView(
  drill: Drill,
  teamId: string,
  c: TimelineComparison,
  choices: WhatIfView['fork']['choices'],
): WhatIfView {
  return {
    teamId,
    fork: {
      decision: c.fork.decision,
      inject: c.fork.inject,
      title: c.fork.title,
      option: { id: c.fork.option, label: optionLabel(drill, c.fork.inject, c.fork.option) },
      played:
        c.fork.realOption === null
          ? null
          : { id: c.fork.realOption, label: optionLabel(drill, c.fork.inject, c.fork.realOption) },
      policy: c.fork.policy,
      choices,
    },
    real: timeline(c.real),
    alternative: timeline(c.alternative),
    differences: c.differences.map((d) => ({
      inject: d.inject,
      title: d.title,
      real: decisionText(drill, d.inject, d.real),
      alternative: decisionText(drill, d.inject, d.alternative),
    })),
    flipped: c.flipped,
  };
}
