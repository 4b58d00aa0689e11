/**
 * The gap report model: a pure, deterministic function of a drill, its path statistics and a
 * finished exercise's history. No clock, no randomness, no locale: the same input always gives
 * a report that serialises to the same bytes (rule 9). Every export renders from this.
 */
import { ATLAS_VERSION } from '../engine/atlas.ts';
import type { Drill } from '../engine/drill.ts';
import type { ExploreResult } from '../engine/explore.ts';
import { outcomeOf, type ClockResult } from '../engine/outcome.ts';
import { provenanceEntries } from '../engine/provenance.ts';
import { CAPABILITIES, type Capability } from '../engine/vocabulary.ts';
import { attribute } from './attribution.ts';
import { buildConclusion } from './conclusion.ts';
import { buildCounterfactuals } from './counterfactual.ts';
import { buildCoverage, type TeamCoverageInput } from './coverage.ts';
import { buildDesign, missionAreas } from './design.ts';
import { expectationStatus } from './expectation-status.ts';
import { buildFindings, mitigationRefs } from './findings.ts';
import { capabilityLabel, ratingLabel, roleLabel, utcDate, utcDateTime } from './format.ts';
import type { ExerciseHistory, HistoryTeam } from './history.ts';
import { buildHotwash } from './hotwash.ts';
import { buildPlan } from './plan.ts';
import {
  REPORT_SCHEMA_VERSION,
  type ClockEntry,
  type GapReport,
  type PlanItem,
  type ReportPlayer,
  type TeamReport,
} from '../../protocol/index.ts';
import { buildSummary } from './summary.ts';
import { bestChoices, buildTimeline, type BestChoices } from './timeline.ts';

/** The capabilities a drill exercises: something to score, or an expectation. */
export function exercisedCapabilities(drill: Drill, stats: ExploreResult): Capability[] {
  return CAPABILITIES.filter(
    (c) => stats.highestScore[c] > 0 || drill.scenario.expectations.some((e) => e.capability === c),
  );
}

function clockEntry(c: ClockResult): ClockEntry {
  return {
    id: c.id,
    label: c.label,
    kind: c.kind,
    limitMinutes: c.limitMinutes,
    status: c.status,
    startedAt: c.startedAt,
    stoppedAt: c.stoppedAt,
    elapsedMinutes: c.elapsedMinutes,
    reference: c.reference ?? null,
  };
}

function players(drill: Drill, team: HistoryTeam): ReportPlayer[] {
  return team.players.map((p) => ({
    name: p.name,
    role: p.role,
    roleLabel: roleLabel(p.role, drill.scenario.roles.define),
  }));
}

function teamReport(
  drill: Drill,
  stats: ExploreResult,
  team: HistoryTeam,
  best: BestChoices,
  exercised: Capability[],
): { report: TeamReport; coverage: Omit<TeamCoverageInput, 'team'> } {
  const result = outcomeOf(drill, stats, team.state);
  const records = attribute(drill, team.state);
  const decisions = buildTimeline(drill, team.state, team.decisions, best);
  const { strengths, improvements } = buildFindings(drill, team.state, records, result.expectations, decisions);
  const sla = result.clocks.find((c) => c.kind === 'sla');
  const missed = result.expectations.filter((e) => !e.met && improvements.some((f) => f.key === e.id));
  const report: TeamReport = {
    id: team.id,
    name: team.name,
    players: players(drill, team),
    finished: result.finished,
    ending: result.ending,
    simMinutes: result.simMinutes,
    total: result.total,
    capabilities: result.capabilities
      .filter((c) => exercised.includes(c.id))
      .map((c) => ({
        id: c.id,
        label: c.label,
        score: c.score,
        max: c.max,
        rating: c.rating,
        ratingLabel: ratingLabel(c.rating),
        met: c.met,
        missed: c.missed,
      })),
    expectations: result.expectations.map((e, k) => ({
      id: e.id,
      capability: e.capability,
      text: e.text,
      met: e.met,
      status: expectationStatus(drill, drill.scenario.expectations[k]!.require, team.state, e.met),
      at: e.at,
    })),
    containment: sla ? clockEntry(sla) : null,
    clocks: result.clocks.filter((c) => c.kind === 'regulatory').map(clockEntry),
    impact: result.impact,
    mitigationsApplied: mitigationRefs(result.mitigationsApplied),
    decisions,
    adHocInjects: team.adHocInjects.map((a) => ({ title: a.title, body: a.body, at: utcDateTime(a.at) })),
    strengths,
    improvements,
  };
  return { report, coverage: { state: team.state, records, missedMitigations: missed.flatMap((e) => e.mitigations) } };
}

/** Each area for improvement recommends the corrective action of its improvement-plan row. */
function withRecommendations(teams: TeamReport[], plan: PlanItem[]): TeamReport[] {
  return teams.map((t) => ({
    ...t,
    improvements: t.improvements.map((f) => ({
      ...f,
      recommendation:
        plan.find((p) => p.teamId === t.id && p.source === f.source && p.key === f.key)?.correctiveAction ?? null,
    })),
  }));
}

/** Builds the gap report. Pure and deterministic; see docs/report-format.md. */
export function buildReport(drill: Drill, stats: ExploreResult, history: ExerciseHistory): GapReport {
  const best = bestChoices(drill, stats);
  const exercised = exercisedCapabilities(drill, stats);
  const built = history.teams.map((t) => teamReport(drill, stats, t, best, exercised));
  const { exercise } = history;
  const start = exercise.startedAt ?? exercise.createdAt;
  const overview: GapReport['overview'] = {
    exerciseId: exercise.id,
    code: exercise.code,
    scenario: {
      id: drill.scenario.id,
      version: drill.scenario.version,
      title: drill.scenario.title,
      summary: drill.scenario.summary,
      difficulty: drill.scenario.difficulty,
      plannedMinutes: drill.scenario.minutes,
      provenance: provenanceEntries(drill.scenario.provenance),
    },
    status: exercise.status,
    date: utcDate(start),
    startedAt: exercise.startedAt === null ? null : utcDateTime(exercise.startedAt),
    endedAt: exercise.endedAt === null ? null : utcDateTime(exercise.endedAt),
    durationMinutes:
      exercise.startedAt !== null && exercise.endedAt !== null
        ? Math.max(0, Math.round((exercise.endedAt - exercise.startedAt) / 60_000))
        : null,
    facilitator: exercise.facilitator,
    mode: exercise.mode,
    solo: exercise.solo,
    atlasVersion: ATLAS_VERSION,
    teams: built.map(({ report: t }) => ({ id: t.id, name: t.name, players: t.players })),
    ...missionAreas(drill),
    coreCapabilities: exercised.map((c) => ({ id: c, name: capabilityLabel(c) })),
    sponsor: history.details?.sponsor || null,
    organisations: [...(history.details?.organisations ?? [])],
    pointOfContact: history.details?.pointOfContact || null,
    rewoundFrom: exercise.rewoundFrom
      ? { ...exercise.rewoundFrom, playedAt: utcDateTime(exercise.rewoundFrom.playedAt) }
      : null,
    wallClock: history.wallClock ?? 'recorded',
  };
  const plan = buildPlan(
    drill,
    history,
    built.map((b) => b.report),
  );
  const teams = withRecommendations(
    built.map((b) => b.report),
    plan,
  );
  const hotwash = buildHotwash(history, teams);
  const comparison: GapReport['comparison'] = exercised.map((capability) => ({
    capability,
    label: teams[0]?.capabilities.find((c) => c.id === capability)?.label ?? capability,
    max: stats.maxScore[capability],
    teams: teams.map((t) => {
      const c = t.capabilities.find((x) => x.id === capability)!;
      return { teamId: t.id, score: c.score, rating: c.rating };
    }),
  }));
  const coverage = buildCoverage(
    drill,
    exercised,
    built.map((b) => ({ team: b.report, ...b.coverage })),
  );
  const design = buildDesign(drill, exercised);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    overview,
    objectives: [...drill.scenario.objectives],
    design,
    summary: buildSummary(drill, { overview, plan, hotwash, teams }),
    teams,
    comparison,
    coverage,
    plan,
    hotwash,
    conclusion: buildConclusion({ design, teams, comparison, plan, overview }),
    whatIf: buildCounterfactuals(drill, stats, history),
    integrity: { ...history.integrity },
  };
}
