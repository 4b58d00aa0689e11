/**
 * The exercise player of the load generator: one exercise made through the real HTTP API, its
 * facilitator and players each a protocol client (protocol/client) on their own websocket. The
 * facilitator starts it and watches (its projected state tells where each team is); teams vote
 * through the drill (every member votes, a few dissent, the last vote decides; injects without
 * a decision get one `continue`). A finished drill is checked against the server's snapshot and
 * ended, and the sockets move on to a fresh exercise.
 */
import { randomUUID } from 'node:crypto';
import type { Command, CreatedExercise, Joined, Patch, Snapshot, Welcome } from '../../protocol/index.ts';
import { seededRandom } from '../../server/engine/playthrough.ts';
import type { ExpectedEntry, Integrity } from './integrity.ts';
import { Group, type Answer, type Driver, type Measurements } from './measure.ts';
import { connect, pool, post, sleep } from './net.ts';
import { takeSeat, type Seat } from './seat.ts';

/** What every exercise of one run shares. */
export interface PlayerRun {
  url: string;
  scenarioId: string;
  teams: number;
  players: number;
  ackTimeoutMs: number;
  measurements: Measurements;
  integrity: Integrity;
  log: (line: string) => void;
  /** True once the run winds down: a finished drill is not followed by a fresh exercise. */
  stopping: () => boolean;
}

interface Member extends Seat {
  /** False while the member moves to a fresh exercise (late patches of the old one are ignored). */
  live: boolean;
  index: number;
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

export class ExercisePlayer implements Driver {
  inflight = 0;
  busy = true;
  readonly groups: Group[];
  readonly teams: TeamDriver[];
  exerciseId = '';
  private facilitator: Seat | null = null;
  private facilitatorKey = '';
  private cursor = 0;
  private drills = 0;
  /** A deliberate full resync (the integrity check) is not counted as a gap. */
  private checking = false;
  private readonly random: () => number;

  constructor(
    private readonly run: PlayerRun,
    private readonly index: number,
  ) {
    this.random = seededRandom(1000 + index);
    this.teams = Array.from({ length: run.teams }, (_, t) => ({
      id: `t${t + 1}`,
      group: new Group(run.measurements),
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

  private get state(): Snapshot | null {
    return this.facilitator?.client?.snapshot ?? null;
  }

  /** Creates the exercise, joins and connects everyone, starts it. */
  async setup(): Promise<void> {
    const { measurements } = this.run;
    const created = await this.create();
    const socket = await connect(this.run.url);
    socket.on('disconnect', () => measurements.error(null, 'disconnect'));
    this.facilitator = { socket, client: null };
    await this.seatFacilitator(created);
    const joined = await this.joinAll(created);
    await pool(joined, 5, async (j, i) => {
      const team = this.teams[i % this.run.teams]!;
      const member: Member = {
        socket: await connect(this.run.url),
        client: null,
        live: false,
        index: team.members.length,
      };
      team.members.push(member);
      team.group.size = team.members.length;
      if (member.index === 0) measurements.watchFrames(member.socket);
      member.socket.on('disconnect', () => {
        measurements.error(null, 'disconnect');
        member.client?.close({ kind: 'server-closed' }); // no reconnection here: what waits settles as CLOSED
      });
      await this.seatMember(team, member, j);
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
    const created = await post<CreatedExercise>(this.run.url, '/api/exercises', {
      scenarioId: this.run.scenarioId,
      mode: 'vote',
      teams: this.teams.map((_, i) => `Team ${i + 1}`),
      facilitatorName: `Bench ${this.index}`,
    });
    this.exerciseId = created.exerciseId;
    this.facilitatorKey = created.facilitatorKey;
    return created;
  }

  private async joinAll(created: CreatedExercise): Promise<Joined[]> {
    const joined: Joined[] = [];
    await pool(
      Array.from({ length: this.run.players }, (_, i) => i),
      10,
      async (i) => {
        joined[i] = await post<Joined>(this.run.url, '/api/join', {
          code: created.code,
          name: `Player ${this.index}.${i + 1}`,
          teamId: `t${(i % this.run.teams) + 1}`,
        });
      },
    );
    return joined;
  }

  private async seatFacilitator(created: { exerciseId: string; facilitatorKey: string }): Promise<void> {
    const client = await takeSeat(this.facilitator!, created.exerciseId, created.facilitatorKey, this.run.ackTimeoutMs);
    client.on('state', () => this.follow());
    client.on('welcome', () => {
      if (!this.checking) this.run.measurements.error(null, 'gap'); // a resync after the first welcome
    });
    this.follow();
  }

  private async seatMember(team: TeamDriver, member: Member, joined: Joined): Promise<void> {
    const client = await takeSeat(member, joined.exerciseId, joined.token, this.run.ackTimeoutMs);
    client.on('patch', (patch) => this.onMemberPatch(team, member, patch));
    member.live = true;
  }

  private async start(): Promise<void> {
    const ack = await this.facilitator!.client!.send({ type: 'start' });
    if (!ack.ok) throw new Error(`start: ${ack.message}`);
    this.busy = false;
  }

  private onMemberPatch(team: TeamDriver, member: Member, patch: Patch): void {
    if (!member.live) return;
    team.group.arrive(patch.version, performance.now());
    if (member.index === 0) {
      const part = patch.teams?.[0];
      const kind =
        part?.progress || part?.progressDelta
          ? 'patch: new inject'
          : part?.decision || part?.decisionDelta
            ? 'patch: votes'
            : 'patch: other';
      this.run.measurements.samplePayload(kind, member.socket);
    }
  }

  /** Tracks each team's current inject from the facilitator's view. */
  private follow(): void {
    const state = this.state;
    if (!state || state.exercise.id !== this.exerciseId) return;
    for (const team of this.teams) {
      const view = state.teams.find((t) => t.id === team.id);
      if (!view) continue;
      const inject = view.progress.inject?.id ?? null;
      team.ended = view.progress.ending !== null;
      if (inject !== team.inject) {
        team.inject = inject;
        team.voted.clear();
        team.continueSent = false;
        const options = view.progress.inject?.decision?.options ?? [];
        if (inject && options.length && !team.plan.has(inject))
          team.plan.set(inject, options[Math.floor(this.random() * options.length)]!.id);
      }
    }
    // every team at an ending (the exercise may already have moved to its debrief by itself)
    if (!this.busy && state.exercise.status !== 'lobby' && this.teams.every((t) => t.ended)) {
      this.busy = true;
      this.finish().catch((e: Error) => {
        this.run.measurements.error(null, 'recycle-failed');
        this.run.log(`exercise ${this.index}: ${e.message}`);
      });
    }
  }

  step(): boolean {
    if (this.busy || this.state?.exercise.status !== 'running') return false;
    for (let k = 0; k < this.teams.length; k++) {
      const team = this.teams[(this.cursor + k) % this.teams.length]!;
      if (this.act(team)) {
        this.cursor = (this.cursor + k + 1) % this.teams.length;
        return true;
      }
    }
    return false;
  }

  /** Sends `command` from `member`, measured; every so often the same id goes again (A5). */
  private send(
    team: TeamDriver,
    member: Member,
    command: Command,
    kind: string,
    onAnswer: (answer: Answer) => void,
  ): void {
    const id = randomUUID();
    const send = () => member.client!.send(command, id);
    this.run.measurements.command(this, team.group, kind, send, onAnswer, send);
  }

  private act(team: TeamDriver): boolean {
    const state = this.state;
    if (team.ended || !team.inject || !state) return false;
    const inject = team.inject;
    const view = state.teams.find((t) => t.id === team.id)!;
    const decision = view.progress.inject?.decision;
    if (!decision) {
      if (team.continueSent) return false;
      team.continueSent = true;
      const member = team.members[this.drills % team.members.length]!;
      this.send(team, member, { type: 'continue', inject }, 'continue', (answer) => {
        if (answer.ok) team.expected.push({ inject, kind: 'continued', option: null });
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
    const command: Command = {
      type: 'vote',
      option,
      inject,
      ...(dissent ? { reason: 'I read the evidence differently' } : {}),
    };
    const deciding = team.voted.size === team.members.length;
    this.send(team, member, command, deciding ? 'deciding vote' : 'vote', (answer) => {
      if (!answer.ok) return;
      const ok = (team.votesOk.get(inject) ?? 0) + 1;
      team.votesOk.set(inject, ok);
      if (ok === team.members.length) team.expected.push({ inject, kind: 'chosen', option: planned });
    });
    return true;
  }

  /** Checks the log against what was sent, using a fresh snapshot from the server. */
  async check(): Promise<void> {
    for (let i = 0; i < 50 && this.inflight > 0; i++) await sleep(100);
    this.checking = true;
    let welcome: Welcome | null;
    try {
      welcome = await this.facilitator!.client!.hello(true);
    } finally {
      this.checking = false;
    }
    if (!welcome?.ok || !('snapshot' in welcome))
      throw new Error(`fresh snapshot: ${welcome && !welcome.ok ? welcome.message : 'none came'}`);
    this.run.integrity.result.exercisesChecked++;
    for (const team of this.teams)
      this.run.integrity.checkTeam(this.exerciseId, team.id, team.expected, welcome.snapshot);
  }

  /** A drill ended: check it, end the exercise, move everyone to a fresh one. */
  private async finish(): Promise<void> {
    for (const t of this.teams) for (const m of t.members) m.live = false;
    await this.check();
    this.run.integrity.result.drillsCompleted++;
    this.drills++;
    const ack = await this.facilitator!.client!.send({ type: 'end' });
    if (!ack.ok) this.run.measurements.error(null, `end-refused:${ack.code}`);
    if (this.run.stopping()) return;
    const created = await this.create();
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
    await this.seatFacilitator(created);
    const joined = await this.joinAll(created);
    // joins were spread over teams in the same order as at setup
    await pool(joined, 10, async (j, i) => {
      const team = this.teams[i % this.run.teams]!;
      const member = team.members[Math.floor(i / this.run.teams)];
      if (member) await this.seatMember(team, member, j);
    });
    await this.start();
  }

  close(): void {
    this.facilitator?.socket.close();
    for (const t of this.teams) for (const m of t.members) m.socket.close();
  }
}
