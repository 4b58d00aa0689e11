/**
 * All exercises of a server: creating them (team play and solo), joining by code, resolving
 * tokens to seats, restoring unfinished ones from the log at start, and loading finished ones
 * on demand. Secrets leave here once, in the HTTP answer; only their hashes are stored.
 */
import type { CreatedExercise, DecisionMode, Joined, Rewound } from '../../protocol/index.ts';
import { accept, authorize } from './accept.ts';
import type { Refusal } from './accept.ts';
import { createState } from './apply.ts';
import type { Actor, LogCommand, LoggedEvent } from './events.ts';
import { replayExercise } from './replay.ts';
import { ExerciseRoom, type RoomListener } from './room.ts';
import type { ScenarioCatalog, ScenarioEntry } from './scenarios.ts';
import { leaderOf, membersOf, type ExerciseState } from './state.ts';
import type { Credential, Fence, Store, StoreHealth } from './store/types.ts';
import { hashSecret, newId, newJoinCode, newSecret, normalizeCode } from './tokens.ts';

/** How often the server notes that it is alive, so a restart knows when it went down. */
const HEARTBEAT_MS = 1000;

/** A token resolved to its seat. `key` identifies the sender for idempotency, without the secret. */
export interface Identity {
  credential: Credential;
  actor: Actor;
  key: string;
}

/** A join request (H2): by code, as a player (team and role optional) or an observer. */
type JoinInput = {
  code: string;
  name: string;
  teamId?: string | undefined;
  role?: string | undefined;
  observer?: boolean | undefined;
};

export interface RestoreReport {
  restored: number;
  /** Per restored exercise, how many events its log held (S12: the start logs them). */
  exercises: Array<{ exerciseId: string; events: number; status: string }>;
  /** Exercises in the debrief, left on disk until asked for (S6). */
  deferred: number;
  failed: Array<{ exerciseId: string; error: string }>;
  ms: number;
}

/** How many finished (debrief or ended) exercises stay in memory by default. */
export const FINISHED_IN_MEMORY = 32;

export interface RegistryOptions {
  /** Finished exercises kept in memory, least recently used evicted first; they reload from the log on demand. */
  finishedInMemory?: number;
  /** Called after an exercise is evicted from memory (the net layer forgets its recent patches). */
  onEvicted?: (exerciseId: string) => void;
  /**
   * In a cluster: who serves each exercise. Without it this process serves every exercise (one
   * node, the default). With it an exercise is loaded only after `claim` grants this node its
   * lease; otherwise `room` throws OwnedElsewhere naming the node that serves it.
   */
  ownership?: Ownership;
}

/** A cluster's lease per exercise (net/cluster.ts over the PostgreSQL store). */
export interface Ownership {
  /** Takes (or keeps) the exercise for this node: its fence, with when the previous node was last known alive; or the node that holds it. */
  claim(exerciseId: string): Promise<{ fence: Fence; previousAliveAt: number | null } | { node: string }>;
}

/** Thrown by `room` in a cluster when another node serves the exercise: send the request there. */
export class OwnedElsewhere extends Error {
  constructor(
    readonly exerciseId: string,
    readonly node: string,
  ) {
    super(`exercise ${exerciseId} is served by node ${node}`);
  }
}

export class ExerciseRegistry {
  /** In order of last use, oldest first (a use moves a room to the end). */
  private readonly rooms = new Map<string, ExerciseRoom>();
  /** Rooms being replayed from the log: everyone who asks meanwhile waits for the same one. */
  private readonly loading = new Map<string, Promise<ExerciseRoom | undefined>>();
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly listener: RoomListener;

  constructor(
    private readonly store: Store,
    private readonly catalog: ScenarioCatalog,
    listener: RoomListener,
    private readonly now: () => number = Date.now,
    private readonly options: RegistryOptions = {},
  ) {
    this.listener = (room, event, change) => {
      listener(room, event, change);
      this.touch(room);
    };
  }

  /** Creates a team exercise; the facilitator key is returned once. */
  async create(input: {
    scenarioId: string;
    mode: DecisionMode;
    teams: string[];
    facilitatorName?: string | undefined;
    anonymousHotwash?: boolean | undefined;
  }): Promise<CreatedExercise | Refusal> {
    const scenario = this.catalog.get(input.scenarioId);
    if (!scenario)
      return { code: 'NOT_FOUND', message: `no scenario "${input.scenarioId}"; GET /api/scenarios lists them` };
    const facilitatorKey = newSecret();
    const room = await this.open(
      scenario,
      input.mode,
      false,
      input.teams,
      input.facilitatorName,
      [{ hash: hashSecret(facilitatorKey), seat: 'facilitator' }],
      { anonymousHotwash: input.anonymousHotwash === true },
    );
    return { exerciseId: room.id, code: room.state.code, facilitatorKey };
  }

  /** Starts a solo practice run: one trainee holding every role, already running. */
  async solo(input: { scenarioId: string; name: string }): Promise<Joined | Refusal> {
    const scenario = this.catalog.get(input.scenarioId);
    if (!scenario)
      return { code: 'NOT_FOUND', message: `no scenario "${input.scenarioId}"; GET /api/scenarios lists them` };
    const room = await this.open(scenario, 'lead', true, ['Solo'], undefined, []);
    return room.run(() => this.addPlayer(room, input.name, 't1', scenario.drill.scenario.roles.lead));
  }

  /**
   * Rewinds a finished solo run of `playerId` (the trainee who played it) to its decision at
   * `inject` (H18): a new solo run of the same drill text, linked to the first, whose choices up to
   * that decision are the first run's, logged as the trainee's; from there the trainee plays live.
   * The first run stays as it was.
   */
  async rewind(exerciseId: string, playerId: string, inject: string): Promise<Rewound | Refusal> {
    // read from the log, not the room: a finished run needs no lease to be read (and stays where it is served)
    let original: ExerciseState;
    try {
      original = (await replayExercise(this.store, this.catalog, exerciseId)).state;
    } catch (error) {
      return { code: 'NOT_FOUND', message: (error as Error).message };
    }
    const trainee = original.players.get(playerId);
    if (!original.solo || !trainee)
      return { code: 'FORBIDDEN', message: 'only the trainee who played a solo practice run can rewind it' };
    if (original.status !== 'debrief' && original.status !== 'ended')
      return { code: 'NOT_NOW', message: 'a run can be rewound once it has ended' };
    const prefix = rewindPrefix(original, inject);
    if ('problem' in prefix) return { code: 'INVALID', message: prefix.problem };
    const rewoundFrom = {
      exerciseId,
      code: original.code,
      decision: prefix.decision,
      inject,
      playedAt: original.createdAt,
    };
    const room = await this.open(original.scenario, 'lead', true, ['Solo'], undefined, [], { rewoundFrom });
    return room.run(async (): Promise<Rewound | Refusal> => {
      const joined = await this.addPlayer(room, trainee.name, 't1', trainee.role);
      if (!('token' in joined)) return joined;
      const actor = { seat: 'player' as const, playerId: joined.playerId! };
      for (const command of prefix.commands) {
        const refusal = authorize(room.state, actor, command) ?? accept(room.state, actor, command);
        if (refusal)
          return {
            code: 'INTERNAL',
            message: `the earlier run's choice at "${command.inject}" could not be replayed: ${refusal.message}`,
          };
        const ack = await room.commit({ type: 'command', command }, actor, null);
        if (!ack.ok) return { code: ack.code, message: ack.message };
      }
      return { ...joined, rewoundFrom };
    });
  }

  /** Joins an exercise by code as a player (team and role assigned when not given) or observer. */
  async join(input: JoinInput): Promise<Joined | Refusal> {
    const row = await this.store.exerciseByCode(normalizeCode(input.code));
    const room = row ? await this.room(row.id) : undefined;
    if (!room) return { code: 'NOT_FOUND', message: `no exercise with code "${input.code}"` };
    // in the queue: the team and role are picked from the state the join is applied to
    return room.run(() => this.joinRoom(room, input));
  }

  private async joinRoom(room: ExerciseRoom, input: JoinInput): Promise<Joined | Refusal> {
    const state = room.state;
    if (state.solo) return { code: 'FORBIDDEN', message: 'solo practice runs cannot be joined' };
    if (input.observer) {
      const token = newSecret();
      await this.store.addCredential(hashSecret(token), { exerciseId: room.id, seat: 'observer', playerId: null });
      return { exerciseId: room.id, playerId: null, token, seat: 'observer' };
    }
    if (state.status === 'debrief' || state.status === 'ended')
      return { code: 'NOT_NOW', message: `the exercise is in ${state.status}; join as an observer instead` };
    const team = input.teamId
      ? state.teams.find((t) => t.id === input.teamId)
      : [...state.teams].sort((a, b) => membersOf(state, a.id).length - membersOf(state, b.id).length)[0];
    if (!team)
      return {
        code: 'NOT_FOUND',
        message: `no team "${input.teamId}"; expected one of ${state.teams.map((t) => t.id).join(', ')}`,
      };
    const roles: readonly string[] = state.scenario.drill.scenario.roles.in_play;
    if (input.role && !roles.includes(input.role))
      return { code: 'INVALID', message: `role "${input.role}" is not in play; expected one of ${roles.join(', ')}` };
    const members = membersOf(state, team.id);
    const lead = state.scenario.drill.scenario.roles.lead;
    const leader = leaderOf(state, team.id);
    if (input.role === lead && leader) {
      return {
        code: 'FORBIDDEN',
        message: `${leader.name} already leads ${team.name}; only the facilitator can hand the lead role to someone else`,
      };
    }
    const taken = members.map((p) => p.role);
    // Once every role is taken, newcomers share the roles without powers (H4a).
    const shared = roles.filter((r) => r !== lead);
    const role =
      input.role ||
      roles.find((r) => !taken.includes(r)) ||
      (shared.length ? shared[taken.length % shared.length]! : lead);
    return this.addPlayer(room, input.name, team.id, role);
  }

  /**
   * A further token for an existing player's seat (H12), for the facilitator to hand to the
   * player on another device: same player, team, role and votes. Earlier tokens keep working.
   */
  async seatToken(exerciseId: string, playerId: string): Promise<Joined | Refusal> {
    const room = await this.room(exerciseId);
    if (!room) return { code: 'NOT_FOUND', message: `no exercise "${exerciseId}"` };
    return room.run(async (): Promise<Joined | Refusal> => {
      const player = room.state.players.get(playerId);
      if (!player || player.removed) return { code: 'NOT_FOUND', message: `no player "${playerId}" in this exercise` };
      const token = newSecret();
      await this.store.addCredential(hashSecret(token), { exerciseId, seat: 'player', playerId });
      return { exerciseId, playerId, token, seat: 'player' };
    });
  }

  /** The room of an exercise if it is in memory now (no store read). */
  loaded(exerciseId: string): ExerciseRoom | undefined {
    const loaded = this.rooms.get(exerciseId);
    if (loaded && finished(loaded)) this.touch(loaded);
    return loaded;
  }

  /** The room of an exercise, loading a finished one from the log on first use. */
  room(exerciseId: string): Promise<ExerciseRoom | undefined> {
    const loaded = this.loaded(exerciseId);
    if (loaded) return Promise.resolve(loaded);
    let loading = this.loading.get(exerciseId);
    if (!loading) {
      loading = (async () => {
        try {
          if (!(await this.store.exercise(exerciseId))) return undefined;
          const claim = await this.options.ownership?.claim(exerciseId);
          if (claim && 'node' in claim) throw new OwnedElsewhere(exerciseId, claim.node);
          const { room, lastAt } = await this.load(exerciseId, claim?.fence);
          if (claim?.previousAliveAt != null) await this.resume(room, Math.max(lastAt, claim.previousAliveAt));
          this.evictFinished(room);
          return room;
        } finally {
          this.loading.delete(exerciseId);
        }
      })();
      this.loading.set(exerciseId, loading);
    }
    return loading;
  }

  /** Marks a room as just used, and keeps at most the allowed number of finished rooms in memory. */
  private touch(room: ExerciseRoom): void {
    if (this.rooms.get(room.id) !== room) return; // already evicted, or replaced by a reload
    this.rooms.delete(room.id);
    this.rooms.set(room.id, room);
    if (finished(room)) this.evictFinished(room);
  }

  /**
   * Drops the least recently used finished exercises beyond the limit, never `keep`. A finished
   * exercise has no timers and everything it holds is in the log, so a later use replays it.
   */
  private evictFinished(keep: ExerciseRoom): void {
    const limit = this.options.finishedInMemory ?? FINISHED_IN_MEMORY;
    const done = [...this.rooms.values()].filter(finished);
    for (const room of done.slice(0, Math.max(0, done.length - limit))) {
      if (room === keep || room.busy) continue;
      room.close();
      this.rooms.delete(room.id);
      this.options.onEvicted?.(room.id);
    }
  }

  /** Resolves a token or key to its seat in an exercise; undefined when it grants nothing there. */
  async identify(token: string, exerciseId: string): Promise<Identity | undefined> {
    const hash = hashSecret(token);
    const credential = await this.store.credential(hash);
    if (!credential) return undefined;
    if (credential.exerciseId !== null && credential.exerciseId !== exerciseId) return undefined;
    if (credential.exerciseId === null && credential.seat !== 'manager') return undefined;
    const key = credential.playerId ? `p:${credential.playerId}` : `${credential.seat}:${hash.slice(0, 16)}`;
    return { credential, actor: { seat: credential.seat, playerId: credential.playerId }, key };
  }

  /**
   * Replays every exercise in the lobby or in play and re-arms its deadlines with the time they
   * had left. Exercises in the debrief stay on disk: like any finished exercise they load when
   * a client, a command or a report asks (S6), so a restart keeps no more of them in memory.
   */
  async restoreAll(): Promise<RestoreReport> {
    const started = performance.now();
    const failed: RestoreReport['failed'] = [];
    const exercises: RestoreReport['exercises'] = [];
    const downAtMeta = Number((await this.store.getMeta('heartbeat')) ?? 0);
    let deferred = 0;
    // 200 restart markers with one fsync rather than 200: nobody has been acked any of them yet
    const flushOnce = this.store.flushOnceAfter?.bind(this.store) ?? (<T>(work: () => Promise<T>) => work());
    await flushOnce(async () => {
      // in a cluster each exercise is claimed by the node that gets its next request (or sweeps it up)
      for (const row of this.options.ownership ? [] : await this.store.unfinished()) {
        if (row.status === 'debrief') {
          deferred++;
          continue;
        }
        try {
          const { room, lastAt } = await this.load(row.id);
          exercises.push({ exerciseId: row.id, events: room.state.version, status: room.state.status });
          await this.resume(room, Math.max(lastAt, downAtMeta));
        } catch (error) {
          failed.push({ exerciseId: row.id, error: (error as Error).message });
        }
      }
    });
    await this.beat();
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
    return { restored: exercises.length, exercises, deferred, failed, ms: performance.now() - started };
  }

  /** Number of exercises in memory. */
  get size(): number {
    return this.rooms.size;
  }

  /** Stops timers; the store is closed by its owner. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const room of this.rooms.values()) room.close();
    this.rooms.clear();
  }

  /** Notes the time; a storage failure is the store's to log and report (S9), never a crash. */
  private async beat(): Promise<void> {
    try {
      await this.store.setMeta('heartbeat', String(this.now()));
    } catch {
      // the store logged the cause once and /healthz reports it; the next beat tries again
    }
  }

  /** Whether the store can save now (GET /healthz). */
  health(): StoreHealth {
    return this.store.health();
  }

  /** After a restart or a takeover: where deadlines were running, log when serving stopped, so they get the time they had left (rule 6). */
  private async resume(room: ExerciseRoom, downAt: number): Promise<void> {
    const armed = room.state.status === 'running' && room.state.teams.some((t) => t.deadline !== null);
    if (armed) await room.run(() => room.commit({ type: 'restarted', downAt }, null, null));
  }

  /** Forgets an exercise this node no longer serves (its lease went to another node). */
  drop(exerciseId: string): void {
    const room = this.rooms.get(exerciseId);
    if (!room) return;
    room.close();
    this.rooms.delete(exerciseId);
    this.options.onEvicted?.(exerciseId);
  }

  /** The exercises in memory with their fences (a cluster renews their leases). */
  fences(): Array<{ exerciseId: string; token: number }> {
    return [...this.rooms.values()].flatMap((room) =>
      room.fence ? [{ exerciseId: room.id, token: room.fence.token }] : [],
    );
  }

  private async load(exerciseId: string, fence?: Fence): Promise<{ room: ExerciseRoom; lastAt: number }> {
    const replayed = await replayExercise(this.store, this.catalog, exerciseId);
    const room = new ExerciseRoom(
      replayed.state,
      this.store,
      this.listener,
      async () => (await replayExercise(this.store, this.catalog, exerciseId)).state,
      this.now,
    );
    this.adopt(room, fence);
    for (const [key, ack] of replayed.acks) room.rememberAck(key, ack);
    room.armDeadlines();
    this.rooms.set(exerciseId, room);
    return { room, lastAt: replayed.lastAt };
  }

  /** Gives a room its fence and drops it when an append finds the exercise taken over. */
  private adopt(room: ExerciseRoom, fence: Fence | undefined): void {
    room.fence = fence;
    room.onLost = (lost) => {
      if (this.rooms.get(lost.id) === lost) this.drop(lost.id);
    };
  }

  private async open(
    scenario: ScenarioEntry,
    mode: DecisionMode,
    solo: boolean,
    teamNames: string[],
    facilitatorName: string | undefined,
    keys: Array<{ hash: string; seat: 'facilitator' }>,
    extra: { anonymousHotwash?: boolean; rewoundFrom?: NonNullable<ExerciseState['rewoundFrom']> } = {},
  ): Promise<ExerciseRoom> {
    const id = newId();
    let code = newJoinCode();
    while (await this.store.exerciseByCode(code)) code = newJoinCode();
    const teams = teamNames.map((name, i) => ({ id: `t${i + 1}`, name }));
    // a new exercise is served where it was made: its lease is taken before its first event
    const claim = await this.options.ownership?.claim(id);
    if (claim && 'node' in claim) throw new OwnedElsewhere(id, claim.node);
    const s = scenario.drill.scenario;
    const event: LoggedEvent = {
      version: 1,
      at: this.now(),
      actor: solo ? null : { seat: 'facilitator', playerId: null },
      commandId: null,
      body: {
        type: 'created',
        code,
        scenario: { id: s.id, version: s.version, hash: scenario.hash },
        mode,
        solo,
        teams,
        ...(facilitatorName ? { facilitatorName } : {}),
        ...(extra.anonymousHotwash ? { anonymousHotwash: true } : {}),
        ...(extra.rewoundFrom ? { rewoundFrom: extra.rewoundFrom } : {}),
      },
    };
    const state = createState(id, event, scenario);
    await this.store.append({
      exerciseId: id,
      event,
      exercise: {
        id,
        code,
        scenarioId: s.id,
        scenarioHash: scenario.hash,
        solo,
        status: state.status,
        createdAt: event.at,
      },
      scenario: { hash: scenario.hash, id: s.id, version: s.version, text: scenario.text },
      credentials: keys.map((k) => ({ hash: k.hash, credential: { exerciseId: id, seat: k.seat, playerId: null } })),
      teams,
      ...(claim?.fence ? { fence: claim.fence } : {}),
    });
    const room = new ExerciseRoom(
      state,
      this.store,
      this.listener,
      async () => (await replayExercise(this.store, this.catalog, id)).state,
      this.now,
    );
    this.adopt(room, claim?.fence);
    this.rooms.set(id, room);
    return room;
  }

  /** Logs a join; runs inside the room's queue. */
  private async addPlayer(room: ExerciseRoom, name: string, teamId: string, role: string): Promise<Joined | Refusal> {
    const playerId = newId();
    const token = newSecret();
    const ack = await room.commit(
      { type: 'joined', playerId, name, teamId, role },
      { seat: 'player', playerId },
      null,
      {
        credentials: [{ hash: hashSecret(token), credential: { exerciseId: room.id, seat: 'player', playerId } }],
        player: { id: playerId, name, teamId, role },
      },
    );
    if (!ack.ok) return { code: ack.code, message: ack.message };
    return { exerciseId: room.id, playerId, token, seat: 'player' };
  }
}

/**
 * The commands that replay a solo run's story up to its decision at `inject`: each choice as the
 * trainee's vote, each inject that only informs as a continue; and that decision's number.
 */
function rewindPrefix(
  state: ExerciseState,
  inject: string,
): { decision: number; commands: Array<Extract<LogCommand, { type: 'vote' | 'continue' }>> } | { problem: string } {
  const drill = state.scenario.drill;
  const log = state.teams[0]!.snapshot.context.log;
  const decisions = log
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => drill.injects[r.inject]?.inject.decision !== undefined);
  const at = decisions.findIndex(({ r }) => r.inject === inject);
  if (at < 0) {
    const titles = decisions.map(({ r }) => r.inject).join(', ') || 'none';
    return { problem: `the run made no decision at inject "${inject}"; its decisions are at ${titles}` };
  }
  const commands: Array<Extract<LogCommand, { type: 'vote' | 'continue' }>> = [];
  for (const r of log.slice(0, decisions[at]!.i)) {
    if (r.kind === 'chosen') commands.push({ type: 'vote', option: r.option!, inject: r.inject });
    else if (r.kind === 'continued') commands.push({ type: 'continue', inject: r.inject });
    else return { problem: `the run has no choice to replay at "${r.inject}" (${r.kind})` };
  }
  return { decision: at + 1, commands };
}

function finished(room: ExerciseRoom): boolean {
  return room.state.status === 'debrief' || room.state.status === 'ended';
}
