/**
 * What one applied event changed: which parts of the projected views to resend (exercise/projection.ts
 * turns this into one patch per recipient class) and the derived rows the store keeps for the
 * gap report.
 */
import type { Outcome } from '../engine/outcome.ts';
import type { EstateState, TeamState } from '../engine/team-state.ts';
import type { HotwashView } from '../../protocol/index.ts';
import type { DecisionMeta, ExerciseStatus } from './state.ts';

export interface TeamChange {
  name?: boolean;
  /** The whole progress view may have changed (visibility, ad-hoc injects, a new team). */
  progress?: boolean;
  /** A decision moved the story on: patches carry only what a step changes (P5a). */
  step?: StepChange;
  /** The whole decision view (votes cleared, deadline moved, a new decision opened). */
  decision?: boolean;
  /** Only these players' votes were cast or replaced (P5b). */
  votes?: string[];
}

/** The parts of an estate a step can replace. */
export type EstatePart = keyof EstateState;
export const ESTATE_PARTS: readonly EstatePart[] = [
  'models',
  'endpoints',
  'pipelines',
  'evidence',
  'metrics',
  'retrieval',
  'agents',
  'datasets',
  'credentials',
];

/** What one or more steps of a team changed: log entries from `logFrom` on, and these estate parts. */
export interface StepChange {
  logFrom: number;
  estate: EstatePart[];
}

/**
 * What a step from `before` to `after` changed. The drill state is copy-on-write, so an estate
 * part that is the same object is unchanged; a replaced one is sent even if it looks the same.
 */
export function stepBetween(before: TeamState, after: TeamState): StepChange {
  return {
    logFrom: before.log.length,
    estate: ESTATE_PARTS.filter((part) => before.estate[part] !== after.estate[part]),
  };
}

function mergeSteps(a: StepChange | undefined, b: StepChange | undefined): StepChange | undefined {
  if (!a || !b) return a ?? b;
  return {
    logFrom: Math.min(a.logFrom, b.logFrom),
    estate: ESTATE_PARTS.filter((part) => a.estate.includes(part) || b.estate.includes(part)),
  };
}

/** Rows derived from an event, written in the same transaction as the event itself. */
export type ReportRecord =
  | { kind: 'decision'; teamId: string; decision: DecisionMeta }
  | { kind: 'hotwash'; hotwash: HotwashView }
  | { kind: 'status'; status: ExerciseStatus }
  | { kind: 'outcome'; teamId: string; outcome: Outcome };

export interface Change {
  exercise: boolean;
  players: boolean;
  hotwash: boolean;
  /** Everything visible may have changed (status moved to debrief: reveals). */
  all: boolean;
  teams: Map<string, TeamChange>;
  /** Players whose team or role changed: they get a fresh snapshot. */
  resync: string[];
  /** Players removed from the exercise: their sockets are closed. */
  removed: string[];
  records: ReportRecord[];
}

/** An empty change. */
export function noChange(): Change {
  return {
    exercise: false,
    players: false,
    hotwash: false,
    all: false,
    teams: new Map(),
    resync: [],
    removed: [],
    records: [],
  };
}

/** Marks parts of a team as changed; steps of the same event add up. */
export function touchTeam(change: Change, teamId: string, parts: TeamChange): void {
  const before = change.teams.get(teamId);
  const step = mergeSteps(before?.step, parts.step);
  const votes =
    before?.votes && parts.votes ? [...new Set([...before.votes, ...parts.votes])] : (parts.votes ?? before?.votes);
  change.teams.set(teamId, { ...before, ...parts, ...(step ? { step } : {}), ...(votes ? { votes } : {}) });
}
