/**
 * The in-memory state of one exercise: teams (each an xstate snapshot of the compiled drill),
 * players, votes, discussion deadlines and what the gap report needs (who decided what, how,
 * when, with which votes). It changes only through `applyEvent` (apply.ts).
 */
import { stepperOf, type DrillSnapshot } from '../engine/machine-step.ts';
import type { AdHocInjectView, DecisionMode, HotwashView } from '../../protocol/index.ts';
import type { ScenarioEntry } from './scenarios.ts';
import { tiedOptions } from './tally.ts';

export type { DrillSnapshot };
export type ExerciseStatus = 'lobby' | 'running' | 'paused' | 'debrief' | 'ended';

export interface Vote {
  option: string;
  reason?: string;
  at: number;
}

/** How a decision point was left, for the gap report. */
export type DecisionVia = 'vote' | 'lead' | 'facilitator' | 'deadline' | 'advance' | 'skip' | 'continue' | 'solo';

/** One decision as the report sees it. */
export interface DecisionMeta {
  injectId: string;
  option: string | null;
  kind: 'chosen' | 'no-decision' | 'skipped' | 'continued';
  via: DecisionVia;
  /** The player who committed, or null (facilitator, deadline). */
  by: string | null;
  byRole: string | null;
  openedAt: number | null;
  decidedAt: number;
  votes: Array<{ playerId: string; role: string | null; option: string; reason?: string; dissent: boolean }>;
}

export interface TeamRuntime {
  id: string;
  name: string;
  snapshot: DrillSnapshot;
  votes: Map<string, Vote>;
  /** When the current decision opened (wall ms), null at an ending. */
  openedAt: number | null;
  /** Absolute discussion deadline (epoch ms) while running. */
  deadline: number | null;
  /** Time left while paused. */
  remainingMs: number | null;
  adHoc: AdHocInjectView[];
  decisions: DecisionMeta[];
}

export interface Player {
  id: string;
  name: string;
  teamId: string;
  role: string;
  removed: boolean;
  joinedAt: number;
}

export interface ExerciseState {
  id: string;
  code: string;
  scenario: ScenarioEntry;
  mode: DecisionMode;
  solo: boolean;
  status: ExerciseStatus;
  createdAt: number;
  facilitatorName: string | null;
  /** A solo run rewound from an earlier one (practice, not an assessment), or null. */
  rewoundFrom: { exerciseId: string; code: string; decision: number; inject: string; playedAt: number } | null;
  teams: TeamRuntime[];
  players: Map<string, Player>;
  hotwash: Map<string, HotwashView>;
  adHocSeq: number;
  /** Version of the last applied event. */
  version: number;
}

/** The inject a team is on, or undefined at an ending. */
export function currentInject(team: TeamRuntime): string | undefined {
  return team.snapshot.context.cursor.inject;
}

/** A new team at the drill's first inject. */
export function newTeam(scenario: ScenarioEntry, id: string, name: string): TeamRuntime {
  return {
    id,
    name,
    snapshot: stepperOf(scenario.machine).initial(),
    votes: new Map(),
    openedAt: null,
    deadline: null,
    remainingMs: null,
    adHoc: [],
    decisions: [],
  };
}

/** Active (not removed) players of a team. */
export function membersOf(state: ExerciseState, teamId: string): Player[] {
  return [...state.players.values()].filter((p) => p.teamId === teamId && !p.removed);
}

/** The member holding the drill's lead role in a team, if any (H4a: at most one holds it). */
export function leaderOf(state: ExerciseState, teamId: string): Player | undefined {
  const lead = state.scenario.drill.scenario.roles.lead;
  return membersOf(state, teamId).find((p) => p.role === lead);
}

/** The team with this id. */
export function teamById(state: ExerciseState, teamId: string): TeamRuntime | undefined {
  return state.teams.find((t) => t.id === teamId);
}

/**
 * Vote mode: every member has voted and no option wins (a tie the lead role did not break), so
 * the decision waits for a changed vote or the deadline. The tied options, or null.
 */
export function voteTie(state: ExerciseState, team: TeamRuntime): string[] | null {
  if (state.mode !== 'vote' || state.solo || !everyoneVoted(state, team)) return null;
  const tied = tiedOptions(team.votes, roleOfPlayer(state), state.scenario.drill.scenario.roles.lead);
  return tied.length ? tied : null;
}

/** True when the team has members and every one of them has voted. */
export function everyoneVoted(state: ExerciseState, team: TeamRuntime): boolean {
  const members = membersOf(state, team.id);
  return members.length > 0 && members.every((m) => team.votes.has(m.id));
}

/** A player's role by id (null for someone no longer known), as vote counting needs it. */
export function roleOfPlayer(state: ExerciseState): (playerId: string) => string | null {
  return (id) => state.players.get(id)?.role ?? null;
}

/** True when every team has reached an ending. */
export function allFinished(state: ExerciseState): boolean {
  return state.teams.every((t) => currentInject(t) === undefined);
}
