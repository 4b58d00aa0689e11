/**
 * Scoring: what a team's state means at the end (or at any moment) of a drill. Per capability
 * the score, the best score any path reaches, the expectations met and missed and an HSEEP
 * rating; the containment SLA and regulatory clocks; the business impact. Pure: the same
 * drill and state always give the same outcome, byte for byte once serialised.
 *
 * HSEEP ratings (docs/scoring.md): ratio = max(score, 0) / best achievable score.
 *   P  ratio >= 0.8 and no expectation of the capability missed
 *   S  ratio >= 0.55 and at most one missed
 *   M  ratio >= 0.25, or at least one expectation met
 *   U  otherwise (the capability was not demonstrated)
 * A capability the drill does not exercise (no score to gain, no expectation) has no rating.
 */
import { readClock } from './conditions.ts';
import { durationMinutes } from './duration.ts';
import type { Drill } from './drill.ts';
import type { ExploreResult } from './explore.ts';
import { evaluateRequirement } from './requirements.ts';
import type { TeamState } from './team-state.ts';
import { CAPABILITIES, CAPABILITY_LABELS, type Capability } from './vocabulary.ts';

export type HseepRating = 'P' | 'S' | 'M' | 'U';

export interface ExpectationResult {
  id: string;
  capability: Capability;
  text: string;
  met: boolean;
  /** Sim-minute at which it was met (or broken, for `never`), when it applies. */
  at: number | null;
  mitigations: string[];
  csf: string[];
}

export interface ClockResult {
  id: string;
  label: string;
  kind: 'sla' | 'regulatory';
  limitMinutes: number;
  /** not-started: its trigger never happened; running: still open and within limit. */
  status: 'not-started' | 'running' | 'met' | 'breached';
  startedAt: number | null;
  stoppedAt: number | null;
  elapsedMinutes: number | null;
  reference?: string;
}

export interface CapabilityResult {
  id: Capability;
  label: string;
  score: number;
  max: number;
  /** null when the drill does not exercise the capability (nothing to score, no expectation). */
  rating: HseepRating | null;
  met: number;
  missed: number;
}

export interface Outcome {
  scenario: { id: string; version: number; title: string };
  finished: boolean;
  ending: { id: string; title: string; kind: string } | null;
  simMinutes: number;
  total: { score: number; max: number };
  capabilities: CapabilityResult[];
  expectations: ExpectationResult[];
  clocks: ClockResult[];
  impact: Array<{ id: string; label: string; unit: string; total: number }>;
  decisions: Array<{
    inject: string;
    option: string | null;
    kind: string;
    at: number;
    costMinutes: number;
    best: string | null;
  }>;
  mitigationsApplied: string[];
}

/** HSEEP rating from the documented thresholds. */
export function hseepRating(score: number, max: number, met: number, missed: number): HseepRating {
  const ratio = max > 0 ? Math.max(score, 0) / max : missed === 0 ? 1 : 0;
  if (ratio >= 0.8 && missed === 0) return 'P';
  if (ratio >= 0.55 && missed <= 1) return 'S';
  if (ratio >= 0.25 || met > 0) return 'M';
  return 'U';
}

/** Clock status at the state's sim time. */
export function clockResults(drill: Drill, state: TeamState): ClockResult[] {
  const finished = state.cursor.ending !== undefined;
  return drill.scenario.clocks.map((clock) => {
    const limitMinutes = durationMinutes(clock.limit);
    const { status, startedAt, stoppedAt, elapsedMinutes } = readClock(clock, state, finished);
    const base = {
      id: clock.id,
      label: clock.label,
      kind: clock.kind,
      limitMinutes,
      startedAt,
      stoppedAt,
      ...(clock.reference ? { reference: clock.reference } : {}),
    };
    return { ...base, status, elapsedMinutes };
  });
}

/** The outcome of a team's state; `stats` gives the best scores any path reaches. */
export function outcomeOf(drill: Drill, stats: ExploreResult, state: TeamState): Outcome {
  const finished = state.cursor.ending !== undefined;
  const expectations: ExpectationResult[] = drill.scenario.expectations.map((e) => ({
    id: e.id,
    capability: e.capability,
    text: e.text,
    ...evaluateRequirement(drill, e.require, state, finished),
    mitigations: e.mitigations,
    csf: e.csf,
  }));
  const capabilities = CAPABILITIES.map((id): CapabilityResult => {
    const mine = expectations.filter((e) => e.capability === id);
    const met = mine.filter((e) => e.met).length;
    const missed = finished ? mine.length - met : 0;
    const score = state.score[id];
    // The best path's score in the capability (what one path really reaches, docs/scoring.md).
    const max = stats.maxScore[id];
    const exercised = stats.highestScore[id] > 0 || mine.length > 0;
    const rating = exercised ? hseepRating(score, max, met, missed) : null;
    return { id, label: CAPABILITY_LABELS[id], score, max, rating, met, missed };
  });
  const ending = state.cursor.ending ? drill.endings[state.cursor.ending]! : null;
  const bestByInject = bestOptions(drill);
  return {
    scenario: { id: drill.scenario.id, version: drill.scenario.version, title: drill.scenario.title },
    finished,
    ending: ending ? { id: ending.id, title: ending.title, kind: ending.kind } : null,
    simMinutes: state.simMinutes,
    total: {
      score: CAPABILITIES.reduce((s, c) => s + state.score[c], 0),
      max: stats.bestTotal,
    },
    capabilities,
    expectations,
    clocks: clockResults(drill, state),
    impact: state.estate.metrics.map((m) => ({ id: m.id, label: m.label, unit: m.unit, total: Math.round(m.total) })),
    decisions: state.log.map((r) => ({ ...r, best: bestByInject.get(r.inject) ?? null })),
    mitigationsApplied: [...state.mitigations],
  };
}

/** The locally best option at each decision: the highest total score delta (first on ties). */
export function bestOptions(drill: Drill): Map<string, string> {
  return markedOptions(drill, (a, b) => b > a);
}

/** The locally worst option at each decision: the lowest total score delta (first on ties). */
export function worstOptions(drill: Drill): Map<string, string> {
  return markedOptions(drill, (a, b) => b < a);
}

/** An option's score deltas summed over the capabilities. */
export function optionTotal(option: { score: Partial<Record<Capability, number>> }): number {
  return Object.values(option.score).reduce((s: number, v) => s + (v ?? 0), 0);
}

function markedOptions(drill: Drill, better: (current: number, candidate: number) => boolean): Map<string, string> {
  const marked = new Map<string, string>();
  for (const [id, entry] of Object.entries(drill.injects)) {
    const options = entry.inject.decision?.options;
    if (!options) continue;
    const top = options.reduce((a, b) => (better(optionTotal(a), optionTotal(b)) ? b : a));
    marked.set(id, top.id);
  }
  return marked;
}
