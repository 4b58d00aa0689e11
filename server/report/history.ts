/**
 * What a gap report is computed from: one finished (or ended) exercise, normalised from its
 * event log by replay. The report model (model.ts) is a pure function of this and the drill,
 * so the same log always gives the same report.
 */
import type { TeamState } from '../engine/team-state.ts';
import type { StoredPlanEdit, StoredReportDetails, StoredWhatIfPin } from '../exercise/store/types.ts';

export interface HistoryPlayer {
  id: string;
  name: string;
  role: string | null;
}

export interface HistoryVote {
  playerId: string;
  name: string;
  role: string | null;
  option: string;
  reason?: string;
  /** Epoch ms of the player's last vote change. */
  at: number;
}

/** One decision point as it was played: when it opened, how it closed, who voted what. */
export interface HistoryDecision {
  inject: string;
  /** Epoch ms when the inject appeared to the team. */
  openedAt: number;
  /** Epoch ms when it closed. */
  closedAt: number;
  option: string | null;
  kind: 'chosen' | 'no-decision' | 'skipped' | 'continued';
  /** How the outcome was settled. */
  settledBy: 'vote' | 'lead' | 'facilitator' | 'deadline' | 'solo' | 'skip';
  votes: HistoryVote[];
}

export interface HistoryTeam {
  id: string;
  name: string;
  players: HistoryPlayer[];
  /** The team's final engine state (replayed). */
  state: TeamState;
  decisions: HistoryDecision[];
  adHocInjects: Array<{ title: string; body: string; at: number }>;
}

export interface HotwashAnswer {
  teamId: string;
  /** Absent when the facilitator chose anonymous answers. */
  playerName?: string;
  role: string | null;
  worked: string;
  didNot: string;
  /** 1..5 per capability id. */
  confidence: Record<string, number>;
}

/** An improvement-plan row edited by a facilitator or manager before export (as stored). */
export type PlanEdit = StoredPlanEdit;

/** The exercise's sponsor, participating organisations and point of contact, as entered for its report. */
export type ReportDetails = StoredReportDetails;

export interface ExerciseHistory {
  exercise: {
    id: string;
    code: string;
    mode: 'vote' | 'lead' | 'facilitator';
    solo: boolean;
    facilitator: string | null;
    createdAt: number;
    startedAt: number | null;
    endedAt: number | null;
    status: string;
    /** A solo run rewound from an earlier one (H18); absent otherwise. */
    rewoundFrom?: { exerciseId: string; code: string; decision: number; inject: string; playedAt: number };
  };
  scenario: { id: string; version: number };
  teams: HistoryTeam[];
  hotwash: HotwashAnswer[];
  anonymousHotwash: boolean;
  plan: PlanEdit[];
  /** Entered by the facilitator or a manager for the report; absent when nobody did. */
  details?: ReportDetails;
  /** What-ifs pinned into the report (their fork only; the report recomputes each). Default: none. */
  whatIf?: Array<Omit<StoredWhatIfPin, 'exerciseId'>>;
  /** `synthetic` for a headless run, whose wall times are made up (a fixed time per decision). Default: recorded. */
  wallClock?: 'recorded' | 'synthetic';
  integrity: { events: number; head: string; verified: boolean };
  /**
   * Other exercises of the same scenario, per team name, with the expectation ids each met.
   * An improvement-plan item is marked validated when one that ended after this exercise met
   * its expectation (earlier ones are ignored). Supplied by the caller from storage; may be empty.
   */
  later?: Array<{ exerciseId: string; teamName: string; endedAt: number; met: string[] }>;
}
