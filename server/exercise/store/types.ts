/**
 * The storage interface the exercise layer needs (boardgame.io-style: the rules never see SQL).
 * `SqliteStore` implements it; another database implements the same methods and passes the
 * shared contract suite (test/server/store-contract.ts). Everything specific to SQLite (files,
 * pragmas, migrations, the WAL checkpointer) stays in store/sqlite*.
 *
 * The methods may answer directly (SQLite) or with a promise (a database over the network):
 * callers await every call. Commands of one exercise still go one at a time in arrival order,
 * because the room runs them through its queue (room.ts, A7), and a command is acknowledged
 * only after its append has resolved. `health` and `writable` answer at once for every store:
 * they report what the store last saw, without a round trip.
 */
import type { Seat } from '../../../protocol/index.ts';
import type { ReportRecord } from '../change.ts';
import type { LoggedEvent, StoredEvent } from '../events.ts';
import type { ExerciseStatus } from '../state.ts';

/** A value, or a promise of it: what a store method may return. */
export type Awaitable<T> = T | Promise<T>;

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
  /**
   * In a cluster: the lease this node holds on the exercise. The append is refused (LeaseLost)
   * unless the lease still names this node with this token, so a paused or partitioned former
   * owner can never append after another node took the exercise over.
   */
  fence?: Fence;
}

/** A node's hold on one exercise: who, and the fencing token its claim got (it grows with every claim). */
export interface Fence {
  node: string;
  token: number;
}

/** An append refused because another node took the exercise over (its fence is stale). */
export class LeaseLost extends Error {
  constructor(exerciseId: string) {
    super(`exercise ${exerciseId} is now served by another server node`);
  }
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
  organisation?: string;
  organisationPoc?: string;
  start?: string;
  completion?: string;
  status?: string;
  /** YYYY-MM-DD the status was last changed. */
  statusDate?: string;
}

/** The exercise details a report's overview shows, entered after play (kept outside the event log). */
export interface StoredReportDetails {
  sponsor?: string;
  organisations?: string[];
  pointOfContact?: string;
}

/** The list form of a finished exercise, kept so listing reports needs no replay (S10). */
export interface StoredSummary {
  exerciseId: string;
  /** The status it was summarised in. */
  status: ExerciseStatus;
  /** The head of the hash chain it was summarised at: a later event makes it stale. */
  head: string;
  /** The summary as JSON (its shape belongs to the report layer). */
  summary: string;
}

/**
 * A read-only share link of one exercise's report (docs/protocol.md H15-H17). Only the SHA-256
 * of its token is stored; `id` is public (listed to managers, used to revoke).
 */
export interface StoredShare {
  id: string;
  tokenHash: string;
  exerciseId: string;
  /** Who made it: the manager key or the exercise's facilitator key. */
  createdBy: 'manager' | 'facilitator';
  /** Words to tell links apart ("for the board"), or null. */
  label: string | null;
  createdAt: number;
  expiresAt: number;
  /** When it was revoked, or null while it stands. */
  revokedAt: number | null;
}

/**
 * A what-if pinned into an exercise's gap report (docs/protocol.md W5-W8): the fork's parameters
 * only, never its result, so the report recomputes it from the log every time. Kept outside the
 * hash-chained log (it annotates the report, not the exercise).
 */
export interface StoredWhatIfPin {
  id: string;
  exerciseId: string;
  teamId: string;
  /** The inject of the forked decision. */
  inject: string;
  option: string;
  policy: 'same' | 'best' | 'worst';
  /** The facilitator's one-line note, or null. */
  note: string | null;
  pinnedBy: 'manager' | 'facilitator';
  pinnedAt: number;
}

/** What GET /healthz reports about storage (S8, S9). */
export interface StoreHealth {
  ok: boolean;
  /** What is wrong, in words for an operator; null when ok. */
  problem: string | null;
  /** Epoch ms since when. */
  since: number | null;
}

export interface Store {
  /** Whether the store can save now, and if not why. Cheap: /healthz calls it. */
  health(): StoreHealth;
  /** Throws (with the reason as its message) when a write could not be saved now: nothing is applied then. */
  writable(): void;
  /**
   * Appends the event (hash-chained) and its derived rows atomically; resolves with the stored
   * event once it is durable (S8). A store whose commit becomes visible before it is durable
   * (SQLite: committed, flush pending) calls `committed` at that moment, so the fan-out to other
   * players need not wait for the disk; one whose commit is durable when it resolves may not call it.
   */
  append(request: AppendRequest, committed?: (stored: StoredEvent) => void): Awaitable<StoredEvent>;
  /** The events of an exercise after `afterVersion` (default: all), in version order, in the current log format. */
  events(exerciseId: string, afterVersion?: number): Awaitable<StoredEvent[]>;
  /**
   * Every event, each with the canonical text its hash covers as stored (an event of an older
   * log format is converted for the reducer, while its hash still covers what was written).
   */
  eventsWithCanonical(exerciseId: string): Awaitable<Array<{ event: StoredEvent; canonical: string }>>;
  /** The version of the event that accepted this command id, if one did (A5, for the exercise's whole life). */
  commandVersion(exerciseId: string, commandId: string): Awaitable<number | undefined>;
  /** Every stored report summary. */
  summaries(): Awaitable<StoredSummary[]>;
  /** Stores (or replaces) the summary of one exercise. */
  saveSummary(summary: StoredSummary, at: number): Awaitable<void>;
  /** The head hash of every finished exercise, by id (to tell stale summaries). */
  finishedHeads(): Awaitable<Map<string, string>>;
  exercise(id: string): Awaitable<ExerciseRow | undefined>;
  exerciseByCode(code: string): Awaitable<ExerciseRow | undefined>;
  /** Exercises not yet ended, oldest first. */
  unfinished(): Awaitable<ExerciseRow[]>;
  credential(hash: string): Awaitable<Credential | undefined>;
  addCredential(hash: string, credential: Credential): Awaitable<void>;
  removeCredential(hash: string): Awaitable<void>;
  scenarioText(hash: string): Awaitable<string | undefined>;
  getMeta(key: string): Awaitable<string | undefined>;
  setMeta(key: string, value: string): Awaitable<void>;
  /** Exercises whose play has finished (debrief or ended), oldest first. */
  finished(): Awaitable<ExerciseRow[]>;
  /** The improvement-plan edits of an exercise, by team then key. */
  planEdits(exerciseId: string): Awaitable<StoredPlanEdit[]>;
  /** Replaces the listed rows' edits (an edit with no fields removes the row's edit). */
  savePlanEdits(exerciseId: string, edits: StoredPlanEdit[], at: number): Awaitable<void>;
  /** Stores a new share link (its token as a hash only). */
  addShare(share: StoredShare): Awaitable<void>;
  /** The share link whose token has this hash, revoked or expired ones included. */
  shareByTokenHash(tokenHash: string): Awaitable<StoredShare | undefined>;
  share(id: string): Awaitable<StoredShare | undefined>;
  /** Share links, newest first: of one exercise, or all. */
  shares(exerciseId?: string): Awaitable<StoredShare[]>;
  /** Marks a share link revoked at `at`; false when there is none or it was revoked already. */
  revokeShare(id: string, at: number): Awaitable<boolean>;
  /** The report details of an exercise (sponsor, organisations, point of contact), if any were entered. */
  reportDetails(exerciseId: string): Awaitable<StoredReportDetails | undefined>;
  /** Replaces them; details with no fields remove them. */
  saveReportDetails(exerciseId: string, details: StoredReportDetails, at: number): Awaitable<void>;
  /** The what-ifs pinned into an exercise's report, oldest first. */
  whatIfPins(exerciseId: string): Awaitable<StoredWhatIfPin[]>;
  /**
   * Pins a what-if. Pinning the same fork again (team, inject, option, policy) replaces its note
   * and keeps its id and time; returns the pin as stored.
   */
  pinWhatIf(pin: StoredWhatIfPin): Awaitable<StoredWhatIfPin>;
  /** Removes a pin of this exercise; false when it has none with this id. */
  unpinWhatIf(exerciseId: string, id: string): Awaitable<boolean>;
  /** Recomputes the hash chain of an exercise. */
  verifyChain(exerciseId: string): Awaitable<ChainCheck>;
  /**
   * Runs `work` (writes nobody has been told about yet, such as the restart markers a start
   * logs before it listens) with one flush to disk at its end instead of one per write. A store
   * without such a mode simply runs `work`.
   */
  flushOnceAfter?<T>(work: () => Promise<T>): Promise<T>;
  close(): Awaitable<void>;
}
