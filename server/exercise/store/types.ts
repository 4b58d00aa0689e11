/**
 * The storage interface the exercise layer needs (boardgame.io-style: the rules never see SQL).
 * `SqliteStore` implements it; another database would implement the same methods.
 */
import type { Seat } from '../../../protocol/index.ts';
import type { ReportRecord } from '../change.ts';
import type { LoggedEvent, StoredEvent } from '../events.ts';
import type { ExerciseStatus } from '../state.ts';

export interface ExerciseRow {
  id: string;
  code: string;
  scenarioId: string;
  scenarioHash: string;
  solo: boolean;
  status: ExerciseStatus;
  createdAt: number;
}

/** What a token or key grants. `exerciseId` is null for the manager key (every exercise). */
export interface Credential {
  exerciseId: string | null;
  seat: Seat;
  playerId: string | null;
}

/** Everything one accepted event writes, in one transaction. */
export interface AppendRequest {
  exerciseId: string;
  event: LoggedEvent;
  records?: ReportRecord[];
  /** Set when the exercise's status changed (kept in the exercises table for restore). */
  status?: ExerciseStatus;
  /** Secrets created with the event (hashes only). */
  credentials?: Array<{ hash: string; credential: Credential }>;
  /** The exercise row, with the first event. */
  exercise?: ExerciseRow;
  /** The scenario text the exercise uses, with the first event. */
  scenario?: { hash: string; id: string; version: number; text: string };
  /** A player's display name and team, with `joined` events. */
  player?: { id: string; name: string; teamId: string; role: string };
  /** Team names, with `created` and `add-team`. */
  teams?: Array<{ id: string; name: string }>;
}

/** Result of walking an exercise's hash chain. */
export interface ChainCheck {
  ok: boolean;
  events: number;
  head: string;
  /** First version whose hash does not match, when not ok. */
  brokenAt?: number;
  message?: string;
}

/** One edited improvement-plan row (annotations of the report, kept outside the event log). */
export interface StoredPlanEdit {
  /** The expectation id the row comes from. */
  key: string;
  teamId: string;
  correctiveAction?: string;
  element?: string;
  responsible?: string;
  start?: string;
  completion?: string;
}

export interface Store {
  /** Appends the event (hash-chained) and its derived rows atomically; returns the stored event. */
  append(request: AppendRequest): StoredEvent;
  /** Every event of an exercise in version order. */
  events(exerciseId: string): StoredEvent[];
  /**
   * The same, each with the canonical text its hash covers taken from storage (optional: replay
   * falls back to re-encoding the parsed event). Saves re-encoding every body at restart.
   */
  eventsWithCanonical?(exerciseId: string): Array<{ event: StoredEvent; canonical: string }>;
  exercise(id: string): ExerciseRow | undefined;
  exerciseByCode(code: string): ExerciseRow | undefined;
  /** Exercises not yet ended, oldest first. */
  unfinished(): ExerciseRow[];
  credential(hash: string): Credential | undefined;
  addCredential(hash: string, credential: Credential): void;
  removeCredential(hash: string): void;
  scenarioText(hash: string): string | undefined;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  /** Exercises whose play has finished (debrief or ended), oldest first. */
  finished(): ExerciseRow[];
  /** The improvement-plan edits of an exercise, by team then key. */
  planEdits(exerciseId: string): StoredPlanEdit[];
  /** Replaces the listed rows' edits (an edit with no fields removes the row's edit). */
  savePlanEdits(exerciseId: string, edits: StoredPlanEdit[], at: number): void;
  /** Recomputes the hash chain of an exercise. */
  verifyChain(exerciseId: string): ChainCheck;
  close(): void;
}
