/**
 * The breachdrill wire protocol, shared by server and client: socket.io event maps, the
 * commands a client may send (zod-checked at the edge), acks, and the projected views the
 * server sends. docs/protocol.md states the rules (with IDs the tests cite).
 *
 * Only types and zod schemas live here, so the client bundle can import it cheaply
 * (the client imports types only).
 */
import { z } from 'zod';
import type { WhatIfAnswer, WhatIfRequest } from './whatif.ts';
import type { ProvenanceRef } from './gap-report.ts';

export const DECISION_MODES = ['vote', 'lead', 'facilitator'] as const;
export type DecisionMode = (typeof DECISION_MODES)[number];

export type Seat = 'facilitator' | 'player' | 'observer' | 'manager';

export const ERROR_CODES = [
  'INVALID',
  'FORBIDDEN',
  'NOT_NOW',
  'STALE',
  'RATE_LIMITED',
  'NOT_FOUND',
  'INCOMPATIBLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const LIMITS = {
  nameChars: 40,
  teamNameChars: 40,
  reasonChars: 500,
  injectTitleChars: 120,
  injectBodyChars: 4000,
  payloadBytes: 64 * 1024,
  commandsPerSecond: 20,
  joinsPerMinutePerAddress: 30,
} as const;

const id = z.string().min(1).max(64);
/** Optional on decision commands: the inject the sender is looking at; another one gives STALE (A6). */
const injectRef = id.optional();
const text = (max: number) => z.string().trim().min(1).max(max);

/** Every command a client can send, discriminated by `type`. */
export const commandSchema = z.discriminatedUnion('type', [
  // facilitator
  z.strictObject({ type: z.literal('start') }),
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('advance'), teamId: id, inject: injectRef }),
  z.strictObject({ type: z.literal('skip'), teamId: id, inject: injectRef }),
  z.strictObject({ type: z.literal('extend'), teamId: id, seconds: z.number().int().min(10).max(3600) }),
  z.strictObject({
    type: z.literal('inject'),
    teamId: z.union([id, z.literal('all')]),
    title: text(LIMITS.injectTitleChars),
    body: text(LIMITS.injectBodyChars),
  }),
  z.strictObject({ type: z.literal('move'), playerId: id, teamId: id, role: z.string().min(1).max(40) }),
  z.strictObject({ type: z.literal('remove'), playerId: id }),
  z.strictObject({ type: z.literal('add-team'), name: text(LIMITS.teamNameChars) }),
  z.strictObject({ type: z.literal('set-mode'), mode: z.enum(DECISION_MODES) }),
  z.strictObject({ type: z.literal('record'), teamId: id, option: id, inject: injectRef }),
  z.strictObject({ type: z.literal('end') }),
  // players
  z.strictObject({
    type: z.literal('vote'),
    option: id,
    reason: z.string().trim().max(LIMITS.reasonChars).optional(),
    inject: injectRef,
  }),
  z.strictObject({ type: z.literal('commit'), option: id, inject: injectRef }),
  z.strictObject({ type: z.literal('continue'), inject: injectRef }),
  z.strictObject({
    type: z.literal('hotwash'),
    worked: z.string().trim().max(LIMITS.reasonChars),
    didNot: z.string().trim().max(LIMITS.reasonChars),
    confidence: z
      .record(z.string().max(40), z.number().int().min(1).max(5))
      .refine((r) => Object.keys(r).length <= 20, 'at most 20 entries'),
  }),
]);
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];

/** A command as sent: a client-made id makes repeats idempotent (P4). */
export const commandEnvelopeSchema = z.strictObject({
  id: z.string().min(8).max(64),
  command: commandSchema,
});
export type CommandEnvelope = z.infer<typeof commandEnvelopeSchema>;

export const helloSchema = z.strictObject({
  protocol: z.number().int(),
  exerciseId: id,
  token: z.string().min(16).max(128),
  lastVersion: z.number().int().min(0).nullable(),
});
export type Hello = z.infer<typeof helloSchema>;

export type Ack = { ok: true; version: number } | { ok: false; code: ErrorCode; message: string };

// ---- what the server sends (projected per recipient) ----

export interface ArtifactView {
  kind: 'log' | 'table' | 'metric';
  title: string;
  text?: string;
  columns?: string[];
  rows?: Array<Array<string | number>>;
  unit?: string;
  x?: Array<string | number>;
  series?: Record<string, number[]>;
}

export interface OptionView {
  id: string;
  label: string;
  /** Revealed after the decision in solo play, and to everyone at the debrief. */
  feedback?: string;
  score?: Record<string, number>;
  best?: boolean;
}

export interface InjectView {
  id: string;
  title: string;
  phase: { id: string; title: string; nist: string };
  body: string;
  artifacts: ArtifactView[];
  /** Facilitators only (and everyone at the debrief). */
  notes?: string;
  decision?: { prompt: string; deciders: string[]; discussSeconds: number; options: OptionView[] };
}

export interface EstateView {
  /** A model hosted by a vendor has a `provider` and no sha256 or signature. */
  models: Array<{
    id: string;
    name?: string;
    version: string | number;
    sha256?: string;
    signed?: boolean;
    provider?: string;
    alias?: string;
    family?: string;
    status: string;
    format?: string;
    source?: string;
  }>;
  endpoints: Array<{ id: string; label?: string; traffic: Record<string, number> }>;
  pipelines: Array<{ id: string; label?: string; status: string; source?: string }>;
  /** `status` is absent while the item is intact. */
  evidence: Array<{ id: string; label: string; of?: string; at: number; status?: 'tainted' | 'lost' }>;
  metrics: Array<{ id: string; label: string; unit: string; rate: number; total: number }>;
  /** Retrieval stores (vector indexes): namespaces, the sources syncing into them, snapshots. The four kinds below are absent when the drill has none. */
  retrieval?: Array<{
    id: string;
    label?: string;
    namespaces: Array<{ id: string; label?: string; status: 'serving' | 'quarantined' | 'purged' }>;
    sources: Array<{ id: string; label?: string; namespace?: string; status: 'running' | 'paused' | 'stopped' }>;
    snapshots: Array<{ id: string; label?: string }>;
    restoredFrom?: string;
  }>;
  /** LLM agents and the tools they may call. */
  agents?: Array<{
    id: string;
    label?: string;
    model?: string;
    status: 'active' | 'suspended';
    sessionBinding: boolean;
    tools: Array<{
      id: string;
      label?: string;
      permission: 'allow' | 'approval' | 'deny';
      cap?: number;
      unit?: string;
    }>;
  }>;
  datasets?: Array<{
    id: string;
    label?: string;
    version: string | number;
    provenance: 'verified' | 'unverified' | 'tampered';
    source?: string;
    shards: Array<{ id: string; label?: string; status: 'active' | 'quarantined' }>;
  }>;
  credentials?: Array<{
    id: string;
    label?: string;
    kind?: string;
    scope?: string;
    status: 'valid' | 'rotated' | 'revoked';
  }>;
}

export interface ClockView {
  id: string;
  label: string;
  kind: 'sla' | 'regulatory';
  limitMinutes: number;
  status: 'not-started' | 'running' | 'met' | 'breached';
  startedAt: number | null;
  elapsedMinutes: number | null;
}

export interface LogEntryView {
  inject: string;
  injectTitle: string;
  option: string | null;
  optionLabel: string | null;
  kind: 'chosen' | 'no-decision' | 'skipped' | 'continued';
  /** A no-decision: the deadline passed, or the facilitator advanced the drill (added in protocol 2, optional). */
  lapsed?: 'deadline' | 'advanced';
  at: number;
  /** Shown after the decision in solo play, at the debrief in team play. */
  feedback?: string;
  score?: Record<string, number>;
  /** Votes for the outcome and votes cast (staff during play, everyone at the debrief; added in protocol 2, optional). */
  support?: { for: number; of: number };
  /** The best option at this inject and why; staff during play, everyone at the debrief. */
  best?: { option: string; label: string; feedback?: string } | null;
}

/** An expectation (critical task) of the drill, met or missed; sent once it can be judged. */
export interface ExpectationView {
  id: string;
  capability: string;
  text: string;
  met: boolean;
  at: number | null;
}

export interface AdHocInjectView {
  id: string;
  title: string;
  body: string;
  sentAt: number;
}

/** The slow-changing part of a team: where the story is and what the estate looks like. */
export interface TeamProgressView {
  simMinutes: number;
  inject: InjectView | null;
  ending: { id: string; title: string; kind: string; body: string } | null;
  estate: EstateView;
  clocks: ClockView[];
  log: LogEntryView[];
  adHoc: AdHocInjectView[];
  /** Facilitators during play, everyone at the debrief. */
  score?: Record<string, number>;
  /** Expectations met and missed: staff during play, everyone at the debrief or a solo ending. */
  expectations?: ExpectationView[];
  /** The gap report's address (needs the facilitator or manager key): at the debrief. */
  reportPath?: string;
}

/**
 * What a decision changed in a team's progress (P5a), merged into the progress the client holds:
 * the log keeps its first `logFrom` entries and takes `log` after them; `estate` replaces only
 * the parts it names; every other field present replaces the old one.
 */
export interface TeamProgressDelta {
  simMinutes: number;
  inject: InjectView | null;
  ending: TeamProgressView['ending'];
  clocks: ClockView[];
  logFrom: number;
  log: LogEntryView[];
  estate: Partial<EstateView>;
  score?: Record<string, number>;
  expectations?: ExpectationView[];
}

/** Votes cast or replaced since the version before (P5b): each replaces that player's vote, or is added after the others. */
export interface TeamDecisionDelta {
  votes: TeamDecisionView['votes'];
  /** Replaces `tied` (absent: no tie). */
  tied?: string[];
}

/** The fast-changing part: votes and the discussion deadline. */
export interface TeamDecisionView {
  injectId: string | null;
  votes: Array<{ playerId: string; option: string; reason?: string }>;
  /** Epoch ms when the discussion deadline passes; null when paused or none. */
  deadline: number | null;
  /** Remaining ms while paused. */
  remainingMs: number | null;
  /** Epoch ms when the current decision opened (added in protocol 1, optional for older servers). */
  openedAt?: number | null;
  /** Vote mode: everyone voted and these options share the top without the lead role's vote (A3). */
  tied?: string[];
}

export interface TeamView {
  id: string;
  name: string;
  progress: TeamProgressView;
  decision: TeamDecisionView;
}

export interface PlayerView {
  id: string;
  name: string;
  teamId: string | null;
  role: string | null;
  online: boolean;
}

export interface ExerciseView {
  id: string;
  code: string;
  /** `roleLabels` names every role in play (and the lead) for people: drill-defined roles have their own names. */
  scenario: {
    id: string;
    version: number;
    title: string;
    summary: string;
    roles: string[];
    lead: string;
    roleLabels: Record<string, string>;
  };
  mode: DecisionMode;
  solo: boolean;
  status: 'lobby' | 'running' | 'paused' | 'debrief' | 'ended';
  createdAt: number;
}

/** One hot-wash answer; facilitators see all, a player only their own. */
export interface HotwashView {
  playerId: string;
  worked: string;
  didNot: string;
  confidence: Record<string, number>;
  at: number;
}

/** A full projected snapshot (P6). */
export interface Snapshot {
  version: number;
  exercise: ExerciseView;
  teams: TeamView[];
  players: PlayerView[];
  me: { seat: Seat; playerId: string | null; teamId: string | null; role: string | null };
  hotwash?: HotwashView[];
}

/** One change, projected for its recipient; only the parts that changed are present (P5). */
export interface Patch {
  version: number;
  exercise?: ExerciseView;
  /** `progress` replaces a team's progress, `progressDelta` merges into it (never both); the same for `decision` and `decisionDelta`. */
  teams?: Array<{
    id: string;
    name?: string;
    progress?: TeamProgressView;
    progressDelta?: TeamProgressDelta;
    decision?: TeamDecisionView;
    decisionDelta?: TeamDecisionDelta;
  }>;
  /** When present: the whole list of players the recipient may see (replaces the old one). */
  players?: PlayerView[];
  me?: Snapshot['me'];
  hotwash?: HotwashView[];
}

/**
 * Why a welcome carries a snapshot the client did not expect (S12). `VERSION_AHEAD`: the
 * client had seen `lastVersion`, later than anything the server still has (its log lost the
 * tail, or it was restored from a backup); the snapshot is the server's state, and what the
 * client saw after `version` is gone. A client shows this to the person, in its own words.
 */
export interface WelcomeNotice {
  code: 'VERSION_AHEAD';
  lastVersion: number;
  message: string;
}

export type Welcome =
  | { ok: true; protocol: number; seat: Seat; version: number; snapshot: Snapshot; notice?: WelcomeNotice }
  | { ok: true; protocol: number; seat: Seat; version: number; patches: Patch[] }
  | { ok: false; code: ErrorCode; message: string };

export interface ClientToServerEvents {
  hello: (hello: Hello, ack: (welcome: Welcome) => void) => void;
  command: (envelope: CommandEnvelope, ack: (ack: Ack) => void) => void;
  typing: (typing: boolean) => void;
  whatif: (request: WhatIfRequest, ack: (answer: WhatIfAnswer) => void) => void;
}

export interface ServerToClientEvents {
  patch: (patch: Patch) => void;
  presence: (presence: { playerId: string; online: boolean; typing: boolean }) => void;
  /** Sent before the server closes a socket for good (kicked, exercise deleted). */
  bye: (reason: { code: ErrorCode; message: string }) => void;
  /** A full snapshot that replaces the client's state (sent after a move changes what it may see) (P8). */
  snapshot: (snapshot: Snapshot) => void;
}

// ---- HTTP ----

export interface ScenarioSummary {
  id: string;
  version: number;
  title: string;
  summary: string;
  difficulty: string;
  minutes: number;
  roles: string[];
  lead: string;
  /** Every role in play (and the lead) with the name people read. */
  roleLabels: Record<string, string>;
  frameworks: { atlas: string[]; owasp_ml: string[]; owasp_llm: string[] };
  phases: Array<{ id: string; title: string; nist: string; injects: number }>;
  decisions: number;
  /** The public incidents and ATLAS case studies the drill is based on. */
  provenance: ProvenanceRef[];
}

/** GET /api/scenarios/:id: the summary plus objectives and the flow (no option details). */
export interface ScenarioDetail extends ScenarioSummary {
  objectives: string[];
  flow: Array<{
    id: string;
    title: string;
    nist: string;
    injects: Array<{ id: string; title: string; decision: boolean }>;
  }>;
}

export const createExerciseSchema = z.strictObject({
  scenarioId: id,
  mode: z.enum(DECISION_MODES).default('vote'),
  teams: z.array(text(LIMITS.teamNameChars)).min(1).max(20).default(['Blue team']),
  facilitatorName: text(LIMITS.nameChars).optional(),
  /** Hot-wash answers appear in the gap report without names. */
  anonymousHotwash: z.boolean().optional(),
});
export type CreateExercise = z.input<typeof createExerciseSchema>;
export interface CreatedExercise {
  exerciseId: string;
  code: string;
  facilitatorKey: string;
}

export const joinSchema = z.strictObject({
  code: z.string().trim().min(4).max(12),
  name: text(LIMITS.nameChars),
  teamId: id.optional(),
  role: z.string().max(40).optional(),
  observer: z.boolean().optional(),
});
export interface Joined {
  exerciseId: string;
  playerId: string | null;
  token: string;
  seat: Seat;
}

export const soloSchema = z.strictObject({ scenarioId: id, name: text(LIMITS.nameChars) });

/**
 * Where a rewound solo run comes from (H18): the trainee's earlier run, the decision it was
 * rewound to (1-based among that run's decisions) and its inject, and when that run was played.
 */
export interface RewoundFrom {
  exerciseId: string;
  code: string;
  decision: number;
  inject: string;
  /** Epoch ms the earlier run started. */
  playedAt: number;
}

/** POST /api/exercises/:id/rewind (H18): the decision of a finished solo run to play on from. */
export const rewindSchema = z.strictObject({ inject: id });
export type RewindRequest = z.infer<typeof rewindSchema>;

/** The new run: the trainee's seat in it, and where it was rewound from. */
export interface Rewound extends Joined {
  rewoundFrom: RewoundFrom;
}
