/**
 * An ExerciseHistory (the gap report's input, history.ts) for an exercise stored in the
 * database: the log replayed through the engine for each team's final state, decisions with
 * every vote, reason and who settled them (in log order), hot-wash answers (without names when
 * the facilitator chose anonymity), the improvement-plan edits and report details, the integrity of the hash chain,
 * and the later exercises of the same scenario by the same team that validate plan items.
 */
import type { ScenarioCatalog } from '../exercise/scenarios.ts';
import type { DecisionVia, ExerciseState, TeamRuntime } from '../exercise/state.ts';
import type { Store } from '../exercise/store/types.ts';
import type { ExerciseHistory, HistoryDecision, HistoryTeam, HotwashAnswer } from './history.ts';
import { buildReport } from './model.ts';
import { ReportIndex } from './report-index.ts';
import type { GapReport } from '../../protocol/index.ts';
import { replayStored, teamNameOf, type StoredRun } from './stored-run.ts';

function settledBy(via: DecisionVia, solo: boolean): HistoryDecision['settledBy'] {
  switch (via) {
    case 'advance':
      return 'facilitator'; // the facilitator closed the discussion early
    case 'continue':
      return solo ? 'solo' : 'lead';
    default:
      return via;
  }
}

function historyTeam(run: StoredRun, team: TeamRuntime): HistoryTeam {
  const { state } = run;
  const names = new Map([...state.players.values()].map((p) => [p.id, p.name]));
  const times = run.voteTimes.get(team.id) ?? [];
  const decisions: HistoryDecision[] = team.decisions.map((d, i) => ({
    inject: d.injectId,
    openedAt: d.openedAt ?? d.decidedAt,
    closedAt: d.decidedAt,
    option: d.option,
    kind: d.kind,
    settledBy: settledBy(d.via, state.solo),
    votes: d.votes.map((v) => ({
      playerId: v.playerId,
      name: names.get(v.playerId) ?? 'a removed player',
      role: v.role,
      option: v.option,
      ...(v.reason ? { reason: v.reason } : {}),
      at: times[i]?.get(v.playerId) ?? d.decidedAt,
    })),
  }));
  return {
    id: team.id,
    name: teamNameOf(state, team),
    players: [...state.players.values()]
      .filter((p) => p.teamId === team.id && !p.removed)
      .map((p) => ({ id: p.id, name: p.name, role: p.role })),
    state: team.snapshot.context,
    decisions,
    adHocInjects: team.adHoc.map((a) => ({ title: a.title, body: a.body, at: a.sentAt })),
  };
}

function hotwashAnswers(state: ExerciseState, anonymous: boolean): HotwashAnswer[] {
  return [...state.hotwash.values()].flatMap((h) => {
    const player = state.players.get(h.playerId);
    if (!player) return [];
    return [
      {
        teamId: player.teamId,
        ...(anonymous ? {} : { playerName: player.name }),
        role: player.role,
        worked: h.worked,
        didNot: h.didNot,
        confidence: { ...h.confidence },
      },
    ];
  });
}

/** The history of a replayed exercise, given its plan edits and the later exercises. */
export function historyFromRun(
  run: StoredRun,
  plan: ExerciseHistory['plan'],
  later: NonNullable<ExerciseHistory['later']>,
  details?: ExerciseHistory['details'],
  whatIf: NonNullable<ExerciseHistory['whatIf']> = [],
): ExerciseHistory {
  const { state } = run;
  const anonymous = run.created.anonymousHotwash === true;
  return {
    exercise: {
      id: state.id,
      code: state.code,
      mode: state.mode,
      solo: state.solo,
      facilitator: state.facilitatorName,
      createdAt: state.createdAt,
      startedAt: run.startedAt,
      endedAt: run.endedAt,
      status: state.status,
      ...(state.rewoundFrom ? { rewoundFrom: { ...state.rewoundFrom } } : {}),
    },
    scenario: { id: run.scenario.drill.scenario.id, version: run.scenario.drill.scenario.version },
    teams: state.teams.map((t) => historyTeam(run, t)),
    hotwash: hotwashAnswers(state, anonymous),
    anonymousHotwash: anonymous,
    plan: plan.map((p) => ({ ...p })),
    ...(details ? { details: { ...details } } : {}),
    ...(whatIf.length
      ? {
          whatIf: whatIf.map(({ id, teamId, inject, option, policy, note, pinnedBy, pinnedAt }) => ({
            id,
            teamId,
            inject,
            option,
            policy,
            note,
            pinnedBy,
            pinnedAt,
          })),
        }
      : {}),
    integrity: { ...run.integrity },
    later,
  };
}

/** A stored exercise's report with what it was built from. */
export interface StoredReport {
  run: StoredRun;
  history: ExerciseHistory;
  report: GapReport;
}

/**
 * Builds the gap report of a stored exercise. `index` finds the later exercises that validate
 * plan items (a fresh one over the same store when omitted). Throws StoredRunError when the
 * exercise is missing or unreadable.
 */
export async function reportFromStore(
  store: Store,
  catalog: ScenarioCatalog,
  exerciseId: string,
  index: ReportIndex = new ReportIndex(store, catalog),
): Promise<StoredReport> {
  const run = await replayStored(store, catalog, exerciseId);
  const history = historyFromRun(
    run,
    await store.planEdits(exerciseId),
    await index.later(run),
    await store.reportDetails(exerciseId),
    await store.whatIfPins(exerciseId),
  );
  return { run, history, report: buildReport(run.scenario.drill, run.scenario.stats, history) };
}
