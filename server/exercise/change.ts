/**
 * What one applied event changed: which parts of the projected views to resend (net/project.ts
 * turns this into one patch per recipient class) and the derived rows the store keeps for the
 * gap report.
 */
import type { Outcome } from '../engine/outcome.ts';
import type { HotwashView } from '../net/protocol.ts';
import type { DecisionMeta, ExerciseStatus } from './state.ts';

export interface TeamChange {
  name?: boolean;
  progress?: boolean;
  decision?: boolean;
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
  return { exercise: false, players: false, hotwash: false, all: false, teams: new Map(), resync: [], removed: [], records: [] };
}

/** Marks parts of a team as changed. */
export function touchTeam(change: Change, teamId: string, parts: TeamChange): void {
  change.teams.set(teamId, { ...change.teams.get(teamId), ...parts });
}
