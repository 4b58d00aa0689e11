/**
 * The short form of a finished exercise that the managers' list and the trends need: scenario,
 * dates, mode, teams with their players, totals, per-capability scores and ratings, and the
 * expectations each team met. Computed from a replay with the engine's scoring, so it always
 * agrees with the full report.
 */
import { outcomeOf } from '../engine/outcome.ts';
import type { ExerciseSummary, TeamSummary } from '../../protocol/index.ts';
import { exercisedCapabilities } from './model.ts';
import { utcDate } from './format.ts';
import { teamNameOf, type StoredRun } from './stored-run.ts';

const ratio = (score: number, max: number): number | null =>
  max > 0 ? Math.round((Math.max(score, 0) / max) * 100) / 100 : null;

/** Summarises a replayed exercise. */
export function summarize(run: StoredRun): ExerciseSummary {
  const { state, scenario } = run;
  const { drill, stats } = scenario;
  const exercised = exercisedCapabilities(drill, stats);
  const players = [...state.players.values()].filter((p) => !p.removed);
  const teams = state.teams.map((team): TeamSummary => {
    const outcome = outcomeOf(drill, stats, team.snapshot.context);
    return {
      id: team.id,
      name: teamNameOf(state, team),
      players: players
        .filter((p) => p.teamId === team.id)
        .map((p) => p.name)
        .sort((a, b) => a.localeCompare(b, 'en')),
      finished: outcome.finished,
      total: outcome.total,
      capabilities: outcome.capabilities
        .filter((c) => exercised.includes(c.id))
        .map((c) => ({
          id: c.id,
          label: c.label,
          score: c.score,
          max: c.max,
          ratio: ratio(c.score, c.max),
          rating: c.rating,
        })),
      met: outcome.expectations.filter((e) => e.met).map((e) => e.id),
    };
  });
  return {
    exerciseId: state.id,
    code: state.code,
    scenario: { id: drill.scenario.id, version: drill.scenario.version, title: drill.scenario.title },
    status: state.status,
    solo: state.solo,
    mode: state.solo ? 'solo' : state.mode,
    facilitator: state.facilitatorName,
    date: utcDate(run.startedAt ?? state.createdAt),
    createdAt: state.createdAt,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    teams,
    trainees: players.map((p) => p.name).sort((a, b) => a.localeCompare(b, 'en')),
    verified: run.integrity.verified,
    rewoundFrom: state.rewoundFrom ? { ...state.rewoundFrom } : null,
  };
}
