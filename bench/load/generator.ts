/**
 * The load generator, a separate process (bench/load/index.ts forks it, pinned to its own core).
 * It opens N socket.io-client websocket connections to 127.0.0.1 and drives them in phases at a
 * target command rate per exercise, measuring for every command the time from emitting it to
 * the resulting patch reaching EVERY member of the sender's group (all teammates, the sender
 * included), from the ack's version and each member's arrival time of that version.
 *
 * - `game`: exercises made through the real HTTP API (POST /api/exercises, POST /api/join), each
 *   player says `hello` with its token; the facilitator starts the exercise and watches (its
 *   projected state tells the generator where each team is). Teams vote through the drill: every
 *   member votes (a few dissent), the last vote decides; injects without a decision get one
 *   `continue`. A finished drill is checked and ended, and the sockets move on to a fresh
 *   exercise. Some commands are sent twice with the same id (as socket.io may redeliver).
 *   Integrity: each team's decision log, as the server's snapshot states it, against what the
 *   generator sent: lost, duplicated, mismatched and unexpected decisions.
 * - `relay`: rooms of the same size joined on a bare relay; a member emits a ~2 KB update that
 *   the relay broadcasts to the room. Same rate, same latency rule.
 *
 * `node --import tsx bench/load/generator.ts '<GeneratorConfig as JSON>'`; reports over IPC.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { applyPatch, PROTOCOL_VERSION, type Ack, type Command, type CreatedExercise, type Joined, type Patch, type Snapshot, type Welcome } from '../../protocol/index.ts';
import { dieWithParent, summarize, type GeneratorConfig, type GeneratorMessage, type GeneratorReport, type IntegrityResult, type PhaseResult } from './common.ts';
import { seededRandom } from '../../server/engine/playthrough.ts';

const config = JSON.parse(process.argv[2] ?? '{}') as GeneratorConfig;
dieWithParent(config.maxSeconds);

const send = (m: GeneratorMessage) => process.send?.(m);
const log = (line: string) => send({ type: 'log', line });
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** How long a command may wait for its ack, and its patch for the last member, before it counts as an error. */
const ACK_TIMEOUT_MS = 10_000;
const DELIVERY_TIMEOUT_MS = 10_000;
/** Every n-th command is sent a second time with the same id (idempotency under load). */
const RESEND_EVERY = 20;

// ---------------------------------------------------------------- measurement

interface PhaseStats {
  name: string;
  targetRate: number;
  startedAt: number;
  startedPerf: number;
  endedAt: number;
  endedPerf: number;
  latencies: number[];
  /** Latencies by command kind (vote, deciding vote, continue, update). */
  byKind: Map<string, number[]>;
  /** Emit → ack. */
  ackLatencies: number[];
  acked: number;
  errors: Record<string, number>;
  cpuStart: NodeJS.CpuUsage;
  loop: IntervalHistogram;
  cpuEnd: NodeJS.CpuUsage | null;
}

const phases: PhaseStats[] = [];
const setupErrors: Record<string, number> = {};
let current: PhaseStats | null = null;

function bump(errors: Record<string, number>, key: string, n = 1): void {
  errors[key] = (errors[key] ?? 0) + n;
}

/** The phase a command emitted at `t0` (performance time) belongs to. */
function phaseAt(t0: number): PhaseStats | null {
  for (let i = phases.length - 1; i >= 0; i--) {
    const p = phases[i]!;
    if (t0 >= p.startedPerf) return t0 <= (p.endedPerf || Infinity) ? p : null;
  }
  return null;
}

function error(t0: number | null, key: string): void {
  const phase = t0 === null ? current : phaseAt(t0);
  bump(phase ? phase.errors : setupErrors, key);
}

const payload = { samples: 0, total: 0, max: 0, byKind: new Map<string, { samples: number; total: number }>() };
/** Wire size of the frame being handled on each watched socket (read off engine.io, never re-encoded). */
const frameBytes = new WeakMap<AnySocket, number>();

/** Counts the raw frame sizes of one socket per group, so payload sizes cost the generator nothing to measure. */
function watchFrames(socket: AnySocket): void {
  socket.io.engine.on('data', (data: string | ArrayBuffer) => frameBytes.set(socket, typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength));
}

function samplePayload(kind: string, socket: AnySocket): void {
  const bytes = frameBytes.get(socket);
  if (bytes === undefined) return;
  payload.samples++;
  payload.total += bytes;
  payload.max = Math.max(payload.max, bytes);
  const k = payload.byKind.get(kind) ?? { samples: 0, total: 0 };
  k.samples++;
  k.total += bytes;
  payload.byKind.set(kind, k);
}

/**
 * The sockets that must all receive a version: a team of an exercise, or a relay room. A command
 * is measured once its ack names the version and every member has received it.
 */
class Group {
  private arrivals = new Map<number, { count: number; last: number; firstAt: number }>();
  private waiters = new Map<number, { t0: number; kind: string }>();
  size = 0;

  arrive(version: number, now: number): void {
    let a = this.arrivals.get(version);
    if (!a) this.arrivals.set(version, (a = { count: 0, last: now, firstAt: now }));
    a.count++;
    a.last = now;
    if (a.count >= this.size) this.settle(version);
  }

  /** The ack of a command of `kind` emitted at t0 named `version`. */
  acked(version: number, t0: number, kind: string): void {
    this.waiters.set(version, { t0, kind });
    this.settle(version);
  }

  private settle(version: number): void {
    const w = this.waiters.get(version);
    const a = this.arrivals.get(version);
    if (w === undefined || !a || a.count < this.size) return;
    this.waiters.delete(version);
    this.arrivals.delete(version);
    const phase = phaseAt(w.t0);
    if (!phase) return;
    const ms = a.last - w.t0;
    phase.latencies.push(ms);
    let list = phase.byKind.get(w.kind);
    if (!list) phase.byKind.set(w.kind, (list = []));
    list.push(ms);
  }

  /** Drops what is too old: undelivered commands count as errors. */
  sweep(now: number): void {
    for (const [version, w] of this.waiters) {
      if (now - w.t0 > DELIVERY_TIMEOUT_MS) {
        this.waiters.delete(version);
        error(w.t0, 'undelivered');
      }
    }
    for (const [version, a] of this.arrivals) if (now - a.firstAt > DELIVERY_TIMEOUT_MS + 5000) this.arrivals.delete(version);
  }

  /** Forgets everything (the group moves to a new exercise). */
  reset(): void {
    this.arrivals.clear();
    this.waiters.clear();
  }

  get pending(): number {
    return this.waiters.size;
  }
}

// ---------------------------------------------------------------- sockets

type AnySocket = Socket;

function connect(url: string): Promise<AnySocket> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 15_000 });
  return new Promise((done, fail) => {
    socket.once('connect', () => done(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      fail(e);
    });
  });
}

async function emitAck<T>(socket: AnySocket, event: string, data: unknown, ms = ACK_TIMEOUT_MS): Promise<T> {
  return (await socket.timeout(ms).emitWithAck(event, data)) as T;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(config.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    if (res.ok) return JSON.parse(text) as T;
    if (attempt >= 2 || res.status < 500) throw new Error(`POST ${path} → ${res.status}: ${text.slice(0, 200)}`);
    await sleep(200);
  }
}

/** Runs `fn` over items with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

// ---------------------------------------------------------------- drivers

interface Driver {
  groups: Group[];
  /** Sends one command if there is something to do; false when idle. */
  step(): boolean;
  inflight: number;
  busy: boolean;
}

let commandCount = 0;

/** Emits a command and measures it; `onAck` sees the ack (or null on timeout). */
function measured(driver: Driver, group: Group, socket: AnySocket, event: string, data: unknown, kind: string, onAck: (ack: Ack | null) => void): void {
  const t0 = performance.now();
  driver.inflight++;
  const resend = ++commandCount % RESEND_EVERY === 0;
  emitAck<Ack>(socket, event, data).then(
    (ack) => {
      driver.inflight--;
      const phase = phaseAt(t0);
      if (ack.ok) {
        if (phase) {
          phase.acked++;
          phase.ackLatencies.push(performance.now() - t0);
        }
        group.acked(ack.version, t0, kind);
        if (resend && event === 'command') {
          // the same envelope again: the first answer must come back, and nothing may change
          emitAck<Ack>(socket, event, data).then(
            (again) => {
              if (!again.ok || again.version !== ack.version) error(t0, 'idempotency');
            },
            () => error(t0, 'resend-timeout'),
          );
        }
      } else error(t0, `refused:${ack.code}`);
      onAck(ack);
    },
    () => {
      driver.inflight--;
      error(t0, 'ack-timeout');
      onAck(null);
    },
  );
}

interface Member {
  socket: AnySocket;
  /** False while the member moves to a fresh exercise (late patches of the old one are ignored). */
  live: boolean;
  token: string;
  playerId: string;
  teamId: string;
  index: number;
}

interface ExpectedEntry {
  inject: string;
  kind: 'chosen' | 'continued';
  option: string | null;
}

interface TeamDriver {
  id: string;
  group: Group;
  members: Member[];
  inject: string | null;
  voted: Set<number>;
  /** Acked votes by inject (an ack may arrive after the patch that moved the team on). */
  votesOk: Map<string, number>;
  continueSent: boolean;
  plan: Map<string, string>;
  expected: ExpectedEntry[];
  ended: boolean;
}

const integrity: IntegrityResult = { exercisesChecked: 0, drillsCompleted: 0, decisionsExpected: 0, decisionsFound: 0, lost: 0, duplicated: 0, mismatched: 0, unexpected: 0, details: [] };

function note(detail: string): void {
  if (integrity.details.length < 20) integrity.details.push(detail);
}

/** Compares a team's log on the server with what the generator's acked commands should have made. */
function checkTeam(exerciseId: string, team: TeamDriver, snapshot: Snapshot): void {
  const view = snapshot.teams.find((t) => t.id === team.id);
  const log = view?.progress.log ?? [];
  integrity.decisionsExpected += team.expected.length;
  const expectedInjects = new Set(team.expected.map((e) => e.inject));
  for (const e of team.expected) {
    const found = log.filter((l) => l.inject === e.inject);
    if (found.length === 0) {
      integrity.lost++;
      note(`${exerciseId}/${team.id}: ${e.inject} (${e.option ?? e.kind}) is missing from the log`);
      continue;
    }
    integrity.decisionsFound++;
    if (found.length > 1) {
      integrity.duplicated += found.length - 1;
      note(`${exerciseId}/${team.id}: ${e.inject} appears ${found.length} times`);
    }
    if (found[0]!.kind !== e.kind || found[0]!.option !== e.option) {
      integrity.mismatched++;
      note(`${exerciseId}/${team.id}: ${e.inject} logged ${found[0]!.kind}/${found[0]!.option}, expected ${e.kind}/${e.option}`);
    }
  }
  for (const l of log) {
    if (!expectedInjects.has(l.inject)) {
      integrity.unexpected++;
      note(`${exerciseId}/${team.id}: unexpected ${l.kind} at ${l.inject}`);
    }
  }
}

/** One exercise of the game and its sockets (which move to a fresh exercise after each drill). */
class GameExercise implements Driver {
  inflight = 0;
  busy = true;
  groups: Group[];
  teams: TeamDriver[];
  exerciseId = '';
  private facilitator!: AnySocket;
  private facilitatorKey = '';
  private state: Snapshot | null = null;
  private cursor = 0;
  private drills = 0;
  private random: () => number;

  constructor(private readonly index: number) {
    this.random = seededRandom(1000 + index);
    this.teams = Array.from({ length: config.teams }, (_, t) => ({
      id: `t${t + 1}`,
      group: new Group(),
      members: [],
      inject: null,
      voted: new Set(),
      votesOk: new Map(),
      continueSent: false,
      plan: new Map(),
      expected: [],
      ended: false,
    }));
    this.groups = this.teams.map((t) => t.group);
  }

  get connections(): number {
    return 1 + this.teams.reduce((n, t) => n + t.members.length, 0);
  }

  /** Creates the exercise, joins and connects everyone, starts it. */
  async setup(): Promise<void> {
    const created = await this.create();
    this.facilitator = await connect(config.url);
    this.facilitator.on('patch', (patch: Patch) => this.onStaffPatch(patch));
    this.facilitator.on('snapshot', (snapshot: Snapshot) => this.onState(snapshot));
    this.facilitator.on('disconnect', () => error(null, 'disconnect'));
    await this.helloFacilitator(created);
    const joined = await this.joinAll(created);
    await pool(joined, 5, async (j, i) => {
      const team = this.teams[i % config.teams]!;
      const socket = await connect(config.url);
      const member: Member = { socket, live: true, token: j.token, playerId: j.playerId!, teamId: team.id, index: team.members.length };
      team.members.push(member);
      team.group.size = team.members.length;
      if (member.index === 0) watchFrames(socket);
      socket.on('patch', (patch: Patch) => this.onMemberPatch(team, member, patch));
      socket.on('disconnect', () => error(null, 'disconnect'));
      await this.helloMember(member);
    });
    await this.start();
    // Real exercises are not in lockstep: put each team a random number of votes into its first
    // decision (unmeasured, before the phases), so decisions do not all land in the same instant.
    for (const team of this.teams) {
      const k = Math.floor(this.random() * team.members.length);
      for (let i = 0; i < k; i++) this.act(team);
    }
    for (let i = 0; i < 100 && this.inflight > 0; i++) await sleep(50);
  }

  private async create(): Promise<CreatedExercise> {
    const created = await post<CreatedExercise>('/api/exercises', {
      scenarioId: config.scenarioId,
      mode: 'vote',
      teams: this.teams.map((_, i) => `Team ${i + 1}`),
      facilitatorName: `Bench ${this.index}`,
    });
    this.exerciseId = created.exerciseId;
    this.facilitatorKey = created.facilitatorKey;
    return created;
  }

  private async joinAll(created: CreatedExercise): Promise<Joined[]> {
    const joined: Joined[] = new Array(config.players);
    await pool(Array.from({ length: config.players }, (_, i) => i), 10, async (i) => {
      joined[i] = await post<Joined>('/api/join', { code: created.code, name: `Player ${this.index}.${i + 1}`, teamId: `t${(i % config.teams) + 1}` });
    });
    return joined;
  }

  private async helloFacilitator(created: { exerciseId: string; facilitatorKey: string }): Promise<Snapshot> {
    const welcome = await emitAck<Welcome>(this.facilitator, 'hello', { protocol: PROTOCOL_VERSION, exerciseId: created.exerciseId, token: created.facilitatorKey, lastVersion: null });
    if (!welcome.ok || !('snapshot' in welcome)) throw new Error(`facilitator hello: ${welcome.ok ? 'no snapshot' : welcome.message}`);
    this.onState(welcome.snapshot);
    return welcome.snapshot;
  }

  private async helloMember(member: Member): Promise<void> {
    const welcome = await emitAck<Welcome>(member.socket, 'hello', { protocol: PROTOCOL_VERSION, exerciseId: this.exerciseId, token: member.token, lastVersion: null });
    if (!welcome.ok) throw new Error(`player hello: ${welcome.message}`);
  }

  private async start(): Promise<void> {
    const ack = await emitAck<Ack>(this.facilitator, 'command', { id: randomUUID(), command: { type: 'start' } satisfies Command });
    if (!ack.ok) throw new Error(`start: ${ack.message}`);
    this.busy = false;
  }

  private onState(snapshot: Snapshot): void {
    this.state = snapshot;
    this.follow();
  }

  private onStaffPatch(patch: Patch): void {
    if (!this.state || patch.version <= this.state.version) return;
    if (patch.version !== this.state.version + 1) {
      error(null, 'gap');
      this.helloFacilitator({ exerciseId: this.exerciseId, facilitatorKey: this.facilitatorKey }).catch(() => error(null, 'resync-failed'));
      return;
    }
    this.state = applyPatch(this.state, patch);
    this.follow();
  }

  private onMemberPatch(team: TeamDriver, member: Member, patch: Patch): void {
    if (!member.live) return;
    team.group.arrive(patch.version, performance.now());
    if (member.index === 0) {
      const part = patch.teams?.[0];
      const kind = part?.progress || part?.progressDelta ? 'patch: new inject' : part?.decision || part?.decisionDelta ? 'patch: votes' : 'patch: other';
      samplePayload(kind, member.socket);
    }
  }

  /** Tracks each team's current inject from the facilitator's view. */
  private follow(): void {
    if (!this.state || this.state.exercise.id !== this.exerciseId) return;
    for (const team of this.teams) {
      const view = this.state.teams.find((t) => t.id === team.id);
      if (!view) continue;
      const inject = view.progress.inject?.id ?? null;
      team.ended = view.progress.ending !== null;
      if (inject !== team.inject) {
        team.inject = inject;
        team.voted.clear();
        team.continueSent = false;
        const options = view.progress.inject?.decision?.options ?? [];
        if (inject && options.length && !team.plan.has(inject)) team.plan.set(inject, options[Math.floor(this.random() * options.length)]!.id);
      }
    }
    // every team at an ending (the exercise may already have moved to its debrief by itself)
    if (!this.busy && this.state.exercise.status !== 'lobby' && this.teams.every((t) => t.ended)) {
      this.busy = true;
      this.finish().catch((e: Error) => {
        error(null, 'recycle-failed');
        log(`exercise ${this.index}: ${e.message}`);
      });
    }
  }

  step(): boolean {
    if (this.busy || !this.state || this.state.exercise.status !== 'running') return false;
    for (let k = 0; k < this.teams.length; k++) {
      const team = this.teams[(this.cursor + k) % this.teams.length]!;
      if (this.act(team)) {
        this.cursor = (this.cursor + k + 1) % this.teams.length;
        return true;
      }
    }
    return false;
  }

  private act(team: TeamDriver): boolean {
    if (team.ended || !team.inject || !this.state) return false;
    const inject = team.inject;
    const view = this.state.teams.find((t) => t.id === team.id)!;
    const decision = view.progress.inject?.decision;
    if (!decision) {
      if (team.continueSent) return false;
      team.continueSent = true;
      const member = team.members[this.drills % team.members.length]!;
      measured(this, team.group, member.socket, 'command', { id: randomUUID(), command: { type: 'continue', inject } satisfies Command }, 'continue', (ack) => {
        if (ack?.ok) team.expected.push({ inject, kind: 'continued', option: null });
      });
      return true;
    }
    const member = team.members.find((m) => !team.voted.has(m.index));
    if (!member) return false;
    team.voted.add(member.index);
    const planned = team.plan.get(inject)!;
    const others = decision.options.filter((o) => o.id !== planned);
    // about one in ten dissents (never the lead role's tie-break: the planned option keeps a clear majority)
    const dissent = team.members.length >= 5 && member.index % 10 === 9 && others.length > 0;
    const option = dissent ? others[member.index % others.length]!.id : planned;
    const command: Command = { type: 'vote', option, inject, ...(dissent ? { reason: 'I read the evidence differently' } : {}) };
    const deciding = team.voted.size === team.members.length;
    measured(this, team.group, member.socket, 'command', { id: randomUUID(), command }, deciding ? 'deciding vote' : 'vote', (ack) => {
      if (!ack?.ok) return;
      const ok = (team.votesOk.get(inject) ?? 0) + 1;
      team.votesOk.set(inject, ok);
      if (ok === team.members.length) team.expected.push({ inject, kind: 'chosen', option: planned });
    });
    return true;
  }

  /** Checks the log against what was sent, using a fresh snapshot from the server. */
  async check(): Promise<void> {
    for (let i = 0; i < 50 && this.inflight > 0; i++) await sleep(100);
    const snapshot = await this.helloFacilitator({ exerciseId: this.exerciseId, facilitatorKey: this.facilitatorKey });
    integrity.exercisesChecked++;
    for (const team of this.teams) checkTeam(this.exerciseId, team, snapshot);
  }

  /** A drill ended: check it, end the exercise, move everyone to a fresh one. */
  private async finish(): Promise<void> {
    for (const t of this.teams) for (const m of t.members) m.live = false;
    await this.check();
    integrity.drillsCompleted++;
    this.drills++;
    const ack = await emitAck<Ack>(this.facilitator, 'command', { id: randomUUID(), command: { type: 'end' } satisfies Command });
    if (!ack.ok) error(null, `end-refused:${ack.code}`);
    if (stopping) return;
    const created = await this.create();
    this.state = null;
    for (const team of this.teams) {
      team.group.reset();
      team.inject = null;
      team.voted.clear();
      team.votesOk.clear();
      team.continueSent = false;
      team.plan.clear();
      team.expected = [];
      team.ended = false;
    }
    await this.helloFacilitator(created);
    const joined = await this.joinAll(created);
    // joins were spread over teams in the same order as at setup
    await pool(joined, 10, async (j, i) => {
      const member = this.teams[i % config.teams]!.members[Math.floor(i / config.teams)];
      if (!member) return;
      member.token = j.token;
      member.playerId = j.playerId!;
      await this.helloMember(member);
      member.live = true;
    });
    await this.start();
  }

  close(): void {
    this.facilitator?.close();
    for (const t of this.teams) for (const m of t.members) m.socket.close();
  }
}

/** One room of the bare relay. */
class RelayRoom implements Driver {
  inflight = 0;
  busy = true;
  group = new Group();
  groups = [this.group];
  sockets: AnySocket[] = [];
  private cursor = 0;

  constructor(
    private readonly index: number,
    private readonly body: string,
  ) {}

  get connections(): number {
    return this.sockets.length;
  }

  async setup(): Promise<void> {
    const room = `room-${this.index}`;
    await pool(Array.from({ length: config.players }, (_, i) => i), 5, async (i) => {
      const socket = await connect(config.url);
      this.sockets.push(socket);
      this.group.size = this.sockets.length;
      if (i === 0) watchFrames(socket);
      socket.on('update', (u: { version: number; body: string }) => {
        this.group.arrive(u.version, performance.now());
        if (i === 0) samplePayload('update', socket);
      });
      socket.on('disconnect', () => error(null, 'disconnect'));
      await emitAck(socket, 'join', room);
    });
    this.busy = false;
  }

  step(): boolean {
    if (this.busy) return false;
    const socket = this.sockets[this.cursor++ % this.sockets.length]!;
    measured(this, this.group, socket, 'update', { room: `room-${this.index}`, body: this.body }, 'update', () => {});
    return true;
  }

  close(): void {
    for (const s of this.sockets) s.close();
  }
}

// ---------------------------------------------------------------- the run

let stopping = false;

async function run(): Promise<GeneratorReport> {
  const started = performance.now();
  const body = 'x'.repeat(Math.max(0, config.relayBytes - 40)); // ~relayBytes once wrapped in JSON with room and version
  const drivers: Array<GameExercise | RelayRoom> = Array.from({ length: config.exercises }, (_, i) => (config.target === 'game' ? new GameExercise(i) : new RelayRoom(i, body)));
  let failedSetups = 0;
  await pool(drivers, 8, async (d, i) => {
    try {
      await d.setup();
    } catch (e) {
      failedSetups++;
      bump(setupErrors, 'setup-failed');
      if (failedSetups <= 3) log(`setup of ${config.target} ${i} failed: ${(e as Error).message}`);
    }
  });
  const setupSeconds = (performance.now() - started) / 1000;
  const connections = drivers.reduce((n, d) => n + d.connections, 0);
  log(`${config.target}: ${connections} connections in ${drivers.length} ${config.target === 'game' ? 'exercises' : 'rooms'} ready in ${setupSeconds.toFixed(1)} s`);

  const sweeper = setInterval(() => {
    const now = performance.now();
    for (const d of drivers) for (const g of d.groups) g.sweep(now);
  }, 1000);

  const results: PhaseResult[] = [];
  const queue = [...config.phases];
  const retried = new Set<string>();
  for (let phase = queue.shift(); phase; phase = queue.shift()) {
    const stats: PhaseStats = {
      name: phase.name,
      targetRate: phase.ratePerExercise * drivers.length,
      startedAt: Date.now(),
      startedPerf: performance.now(),
      endedAt: 0,
      endedPerf: 0,
      latencies: [],
      byKind: new Map(),
      ackLatencies: [],
      acked: 0,
      errors: {},
      cpuStart: process.cpuUsage(),
      cpuEnd: null,
      loop: monitorEventLoopDelay({ resolution: 5 }),
    };
    stats.loop.enable();
    phases.push(stats);
    current = stats;
    send({ type: 'phase', name: phase.name, startedAt: stats.startedAt });
    await drive(drivers, phase.ratePerExercise, phase.seconds * 1000);
    stats.endedPerf = performance.now();
    stats.endedAt = Date.now();
    stats.cpuEnd = process.cpuUsage(stats.cpuStart);
    stats.loop.disable();
    current = null;
    // let the phase's last commands land before judging it (and before the next step)
    for (let i = 0; i < 30 && drivers.some((d) => d.inflight > 0 || d.groups.some((g) => g.pending > 0)); i++) await sleep(100);
    const secs = (stats.endedPerf - stats.startedPerf) / 1000;
    const result: PhaseResult = {
      name: stats.name,
      targetRate: stats.targetRate,
      achievedRate: Math.round((stats.acked / secs) * 10) / 10,
      commands: stats.acked,
      latency: summarize(stats.latencies),
      ...(stats.name === 'steady' ? { raw: stats.latencies.map((x) => Math.round(x * 100) / 100) } : {}),
      byKind: Object.fromEntries([...stats.byKind].map(([k, v]) => [k, summarize(v)])),
      ack: summarize(stats.ackLatencies),
      errors: stats.errors,
      startedAt: stats.startedAt,
      endedAt: stats.endedAt,
      generatorLoopDelay: { p99: Math.round(stats.loop.percentile(99) / 1e4) / 100, max: Math.round(stats.loop.max / 1e4) / 100 },
      generatorCpu: Math.round(((stats.cpuEnd.user + stats.cpuEnd.system) / 1e6 / secs) * 1000) / 10,
    };
    results.push(result);
    log(`${config.target} ${result.name}: ${result.achievedRate}/s (target ${result.targetRate}), p50 ${result.latency.p50} p95 ${result.latency.p95} p99 ${result.latency.p99} ms (ack p95 ${result.ack.p95}; ${Object.entries(result.byKind).map(([k, v]) => `${k} ×${v.count} p50 ${v.p50} p95 ${v.p95}`).join(', ')}), generator CPU ${result.generatorCpu}% loop p99 ${result.generatorLoopDelay.p99} max ${result.generatorLoopDelay.max} ms${Object.keys(result.errors).length ? `, errors ${JSON.stringify(result.errors)}` : ''}`);
    if (phase.name.startsWith('step') && config.stopAboveP95 > 0 && result.latency.p95 > config.stopAboveP95) {
      // One more try at the same rate: a single stall of a busy machine should not end the climb.
      if (retried.has(phase.name)) break;
      retried.add(phase.name);
      queue.unshift(phase);
    }
  }
  stopping = true;
  clearInterval(sweeper);

  let integrityResult: IntegrityResult | null = null;
  if (config.target === 'game') {
    await pool(
      drivers.filter((d): d is GameExercise => d instanceof GameExercise && !d.busy && d.exerciseId !== ''),
      10,
      async (d) => {
        try {
          await d.check();
        } catch (e) {
          bump(setupErrors, 'check-failed');
          log(`check of ${d.exerciseId} failed: ${(e as Error).message}`);
        }
      },
    );
    integrityResult = integrity;
  }
  for (const d of drivers) d.close();
  const byKind: GeneratorReport['payload']['byKind'] = {};
  for (const [k, v] of payload.byKind) byKind[k] = { samples: v.samples, meanBytes: Math.round(v.total / v.samples) };
  return {
    target: config.target,
    connections,
    exercises: drivers.length,
    setupSeconds: Math.round(setupSeconds * 10) / 10,
    phases: results,
    integrity: integrityResult,
    payload: { samples: payload.samples, meanBytes: payload.samples ? Math.round(payload.total / payload.samples) : 0, maxBytes: payload.max, byKind },
    setupErrors,
  };
}

/** Holds `ratePerExercise` commands per second on every driver for `ms` (evenly spaced, random phase). */
async function drive(drivers: Driver[], ratePerExercise: number, ms: number): Promise<void> {
  if (ratePerExercise <= 0) return sleep(ms);
  const interval = 1000 / ratePerExercise;
  const start = performance.now();
  const next = drivers.map(() => start + Math.random() * interval);
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (now - start >= ms) {
        clearInterval(timer);
        done();
        return;
      }
      for (let i = 0; i < drivers.length; i++) {
        let burst = 0;
        while (next[i]! <= now && burst++ < 8) {
          drivers[i]!.step(); // an idle slot (waiting for the next inject) is simply skipped
          next[i]! += interval;
        }
        if (next[i]! < now - 1000) next[i] = now; // far behind: do not burst to catch up
      }
    }, 2);
  });
}

run().then(
  (report) => {
    send({ type: 'report', report });
    setTimeout(() => process.exit(0), 200);
  },
  (e: Error) => {
    log(`generator failed: ${e.stack ?? e.message}`);
    setTimeout(() => process.exit(1), 200);
  },
);
