/**
 * The socket.io side: the `hello` handshake (P1–P3), commands with acks (A1–A7), broadcasting
 * each persisted event as one projected patch per recipient class (P5), and volatile presence
 * and typing (P9). Nothing a client sends can throw out of a handler: every input is checked
 * with zod, and a failure becomes an ack with a code.
 */
import type { Server, Socket } from 'socket.io';
import type { ZodType } from 'zod';
import type { Change } from '../exercise/change.ts';
import type { StoredEvent } from '../exercise/events.ts';
import type { ExerciseRegistry, Identity } from '../exercise/registry.ts';
import { MOVED, type ExerciseRoom } from '../exercise/room.ts';
import { Moved, type Cluster } from './cluster.ts';
import { PresenceReporter, RemotePresence, type PresenceReport } from './cluster-presence.ts';
import { describeIssues } from './describe-issues.ts';
import { classesOf, classOf, projectPatch, projectSnapshot, type RecipientClass } from '../exercise/projection.ts';
import {
  commandEnvelopeSchema,
  helloSchema,
  PROTOCOL_VERSION,
  whatIfRequestSchema,
  type Ack,
  type ClientToServerEvents,
  type ErrorCode,
  type Patch,
  type ServerToClientEvents,
  type Hello,
  type CommandEnvelope,
  type WhatIfRequest,
  type Snapshot,
  type Welcome,
  type WelcomeNotice,
  type WhatIfAnswer,
} from '../../protocol/index.ts';
import { answerWhatIf } from '../exercise/whatif.ts';
import type { TokenBucket } from './rate-limit.ts';
import { RecentPatches } from './recent.ts';
import type { Exhausted, SocketGuard } from './socket-limits.ts';

interface SocketData {
  exerciseId?: string;
  identity?: Identity;
  cls?: RecipientClass;
  /** The peer's address, for the per-address limits. */
  address: string;
  budgets: { commands: TokenBucket; hellos: TokenBucket; strikes: TokenBucket };
  /** Set once the server decided to close it: nothing more it sends is handled. */
  closing?: boolean;
}

export type GameServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type GameSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const roomName = (exerciseId: string, cls: RecipientClass | 'all') => `${exerciseId}|${cls}`;
const playerRoom = (exerciseId: string, playerId: string) => `${exerciseId}|player:${playerId}`;

/** A hello's answer as the serving node makes it, with the class the socket is bound to. */
interface Greeting {
  welcome: Welcome;
  cls: RecipientClass;
}
const fail = (code: ErrorCode, message: string) => ({ ok: false as const, code, message });

/**
 * Wires the socket handlers. Returns the room listener that broadcasts events, and `forget`, for
 * an exercise evicted from memory (its recent patches go; a reconnecting client gets a snapshot).
 */
export function attachSockets(
  io: GameServer,
  registry: () => ExerciseRegistry,
  log: (message: string) => void,
  guard: SocketGuard,
  cluster?: Cluster,
) {
  const { limits } = guard;
  const recent = new RecentPatches();
  const sockets = new Map<string, Set<GameSocket>>(); // playerId → sockets
  // in a cluster a player's sockets may be on other nodes, which report them to the serving node
  const remote = new RemotePresence();
  const isOnline = (playerId: string) => (sockets.get(playerId)?.size ?? 0) > 0 || remote.online(playerId);
  const reporter = cluster ? new PresenceReporter(cluster, () => heldHere()) : null;
  reporter?.start();

  /** exerciseId → the players this node holds sockets for. */
  function heldHere(): Map<string, Set<string>> {
    const held = new Map<string, Set<string>>();
    for (const [playerId, set] of sockets) {
      for (const socket of set) {
        const exerciseId = socket.data.exerciseId;
        if (!exerciseId) continue;
        let players = held.get(exerciseId);
        if (!players) held.set(exerciseId, (players = new Set()));
        players.add(playerId);
      }
    }
    return held;
  }

  function meOf(room: ExerciseRoom, identity: Identity): Snapshot['me'] {
    const player = identity.actor.playerId ? room.state.players.get(identity.actor.playerId) : undefined;
    return {
      seat: identity.actor.seat,
      playerId: player?.id ?? null,
      teamId: player?.teamId ?? null,
      role: player?.role ?? null,
    };
  }

  function classFor(room: ExerciseRoom, identity: Identity): RecipientClass {
    const player = identity.actor.playerId ? room.state.players.get(identity.actor.playerId) : undefined;
    return classOf(identity.actor.seat, player);
  }

  function bind(socket: GameSocket, room: ExerciseRoom, identity: Identity): void {
    bindAs(socket, room.id, identity, classFor(room, identity));
  }

  function bindAs(socket: GameSocket, exerciseId: string, identity: Identity, cls: RecipientClass): void {
    for (const name of socket.rooms) if (name !== socket.id) void socket.leave(name);
    const playerId = identity.actor.playerId;
    // in a cluster the serving node reaches a player's sockets on every node through this room
    void socket.join([
      roomName(exerciseId, cls),
      roomName(exerciseId, 'all'),
      ...(cluster && playerId ? [playerRoom(exerciseId, playerId)] : []),
    ]);
    socket.data.exerciseId = exerciseId;
    socket.data.identity = identity;
    socket.data.cls = cls;
  }

  /** Presence goes where the player is visible (V1): their own team, observers and staff. */
  function presence(exerciseId: string, cls: RecipientClass, playerId: string, online: boolean, typing = false): void {
    const rooms = [
      ...new Set([roomName(exerciseId, cls), roomName(exerciseId, 'observer'), roomName(exerciseId, 'staff')]),
    ];
    io.to(rooms).volatile.emit('presence', { playerId, online, typing });
  }

  function track(socket: GameSocket, playerId: string | null, add: boolean): void {
    if (!playerId || !socket.data.exerciseId || !socket.data.cls) return;
    const announce = (online: boolean) => presence(socket.data.exerciseId!, socket.data.cls!, playerId, online);
    let set = sockets.get(playerId);
    if (add) {
      if (!set) sockets.set(playerId, (set = new Set()));
      if (set.has(socket)) return;
      set.add(socket);
      if (set.size === 1) {
        announce(true);
        reporter?.changed(socket.data.exerciseId, playerId, true);
      }
    } else if (set?.delete(socket)) {
      if (set.size === 0) {
        sockets.delete(playerId);
        announce(false);
        reporter?.changed(socket.data.exerciseId, playerId, false);
      }
    }
  }

  /** Exercises whose lost versions were logged already (once per exercise and server run). */
  const lostLogged = new Set<string>();
  /** S12: a client saw versions the log no longer has; say so in the log and to the client. */
  function lostVersions(exerciseId: string, seen: number, kept: number): WelcomeNotice {
    if (!lostLogged.has(exerciseId)) {
      lostLogged.add(exerciseId);
      log(
        `exercise ${exerciseId}: a client had seen version ${seen} but the log ends at ${kept}; version${seen - kept === 1 ? ` ${seen} was` : `s ${kept + 1}-${seen} were`} acknowledged before and are lost (a damaged or truncated WAL, or a database restored from a backup)`,
      );
    }
    return {
      code: 'VERSION_AHEAD',
      lastVersion: seen,
      message: `the server's record ends at version ${kept}, before the version ${seen} this client saw; what happened after ${kept} was lost and the view is reloaded from the server`,
    };
  }

  function hello(socket: GameSocket, raw: unknown): Welcome | Promise<Welcome> {
    const early = socket.data.budgets.hellos.take() ? guard.hello(null, socket.data.address) : 'socket';
    if (early) return limited(socket, early, 'hello');
    const parsed = helloSchema.safeParse(raw);
    if (!parsed.success) return fail('INVALID', `hello: ${describeIssues(parsed.error.issues)}`);
    const h = parsed.data;
    if (h.protocol !== PROTOCOL_VERSION) {
      const side = h.protocol < PROTOCOL_VERSION ? 'the client is too old' : 'the server is too old';
      return fail(
        'INCOMPATIBLE',
        `protocol ${h.protocol} is not supported (server speaks ${PROTOCOL_VERSION}): ${side}; reload the page`,
      );
    }
    return seat(socket, h);
  }

  /** Hello after its schema: resolve the token (a store read), check the seat's limits, then welcome in the queue. */
  async function seat(socket: GameSocket, h: Hello): Promise<Welcome> {
    const identity = await registry().identify(h.token, h.exerciseId);
    if (!identity) return fail('FORBIDDEN', 'this token does not grant access to that exercise');
    const sameSeat = socket.data.identity?.key === identity.key;
    if (!sameSeat) {
      const over = guard.hello(identity.key, socket.data.address);
      if (over) return limited(socket, over, 'hello');
      if (!guard.credentialHasRoom(identity.key)) {
        close(
          socket,
          'RATE_LIMITED',
          `this seat is already open in ${limits.socketsPerCredential} places; close one of them (another tab or device) and reload`,
          true,
        );
        return fail(
          'RATE_LIMITED',
          `this seat is already open in ${limits.socketsPerCredential} places; close one of them and reload`,
        );
      }
    }
    const loaded = registry().loaded(h.exerciseId);
    if (cluster && !loaded) return welcomeFrom(socket, h.exerciseId, identity, h.lastVersion, sameSeat);
    const room = loaded ?? (await registry().room(h.exerciseId));
    if (!room) return fail('NOT_FOUND', `no exercise "${h.exerciseId}"`);
    // in the queue: the snapshot never shows an event whose append is still pending
    return room.run(() => welcome(socket, room, identity, h.lastVersion, sameSeat));
  }

  /** What the serving node answers a hello with, for a socket wherever it is (in its exercise's queue). */
  function greet(room: ExerciseRoom, identity: Identity, lastVersion: number | null): Greeting {
    const playerId = identity.actor.playerId;
    if (playerId && room.state.players.get(playerId)?.removed !== false)
      return { welcome: fail('FORBIDDEN', 'this player was removed from the exercise'), cls: 'observer' };
    const cls = classFor(room, identity);
    const state = room.state;
    const base = { ok: true as const, protocol: PROTOCOL_VERSION, seat: identity.actor.seat, version: state.version };
    if (lastVersion !== null && lastVersion > state.version) {
      const notice = lostVersions(room.id, lastVersion, state.version);
      return {
        welcome: { ...base, snapshot: projectSnapshot(state, cls, meOf(room, identity), isOnline), notice },
        cls,
      };
    }
    const patches = lastVersion === null ? null : recent.since(room.id, lastVersion, state.version, cls, playerId);
    if (patches) return { welcome: { ...base, patches }, cls };
    return { welcome: { ...base, snapshot: projectSnapshot(state, cls, meOf(room, identity), isOnline) }, cls };
  }

  /**
   * Hello for an exercise another node serves: it greets, this node binds the socket. Then this
   * node asks once more for what happened since that version, since a broadcast may have passed
   * before the socket joined its rooms (a repeat is ignored by the client: P4).
   */
  async function welcomeFrom(
    socket: GameSocket,
    exerciseId: string,
    identity: Identity,
    lastVersion: number | null,
    sameSeat: boolean,
  ): Promise<Welcome> {
    // a new seat on this socket counts against the seat's hello budget where the exercise is served (R5)
    const { welcome: answer, cls } = await cluster!.call<Greeting>('greet', {
      exerciseId,
      identity,
      lastVersion,
      newSeat: !sameSeat,
    });
    if (!answer.ok) return answer;
    if (!socket.connected) return fail('NOT_NOW', 'the connection closed before the hello was answered');
    const playerId = identity.actor.playerId;
    const previous = socket.data.identity?.actor.playerId ?? null;
    if (previous && previous !== playerId) track(socket, previous, false);
    if (!sameSeat) {
      if (socket.data.identity) guard.countCredential(socket.data.identity.key, -1);
      guard.countCredential(identity.key, 1);
    }
    bindAs(socket, exerciseId, identity, cls);
    track(socket, playerId, true);
    setImmediate(() => {
      cluster!
        .call<Greeting>('greet', { exerciseId, identity, lastVersion: answer.version })
        .then(({ welcome: later }) => {
          if (!later.ok || !socket.connected) return;
          if ('patches' in later && later.patches) for (const patch of later.patches) socket.emit('patch', patch);
          else if ('snapshot' in later && later.snapshot) socket.emit('snapshot', later.snapshot);
        })
        .catch(() => {}); // a later gap makes the client say hello again (P4)
    });
    return answer;
  }

  /** The operations other nodes forward here when this node serves the exercise. */
  async function servedRoom(exerciseId: string): Promise<ExerciseRoom | undefined> {
    return registry().loaded(exerciseId) ?? (await registry().room(exerciseId));
  }
  /**
   * The room a forwarded command or what-if is for, after the seat's budget here, where all of the
   * seat's requests arrive (R4); or the refusal.
   */
  async function seatedHere(
    p: { exerciseId: string; identity: Identity },
    fromAfar: boolean,
  ): Promise<ExerciseRoom | ReturnType<typeof fail>> {
    if (fromAfar && !guard.seatCommand(p.identity.key)) return tooMany('credential', 'command');
    return (await servedRoom(p.exerciseId)) ?? fail('NOT_FOUND', `exercise "${p.exerciseId}" no longer exists`);
  }
  const movedOn = <T extends { ok: boolean; message?: string }>(answer: T): T => {
    if (!answer.ok && answer.message === MOVED) throw new Moved();
    return answer;
  };
  cluster?.serve(
    'greet',
    async (
      p: { exerciseId: string; identity: Identity; lastVersion: number | null; newSeat?: boolean },
      fromAfar,
    ): Promise<Greeting> => {
      if (fromAfar && p.newSeat && !guard.seatHello(p.identity.key))
        return { welcome: tooMany('credential', 'hello'), cls: 'observer' };
      const room = await servedRoom(p.exerciseId);
      if (!room) return { welcome: fail('NOT_FOUND', `no exercise "${p.exerciseId}"`), cls: 'observer' };
      return room.run(() => greet(room, p.identity, p.lastVersion));
    },
  );
  cluster?.serve(
    'command',
    async (p: { exerciseId: string; identity: Identity; envelope: CommandEnvelope }, fromAfar): Promise<Ack> => {
      const room = await seatedHere(p, fromAfar);
      if ('ok' in room) return room;
      return movedOn(await room.handle(p.identity.actor, p.identity.key, p.envelope));
    },
  );
  cluster?.serve('presence', async (report: PresenceReport): Promise<boolean> => {
    const room = await servedRoom(report.exerciseId);
    if (!room) return false;
    if (report.node !== cluster.bus.node) remote.record(report);
    return true;
  });
  cluster?.serve(
    'whatif',
    async (p: { exerciseId: string; identity: Identity; request: WhatIfRequest }, fromAfar): Promise<WhatIfAnswer> => {
      const room = await seatedHere(p, fromAfar);
      if ('ok' in room) return room;
      return room.run(() => answerWhatIf(room.state, p.identity.actor, p.request));
    },
  );

  /** The rest of hello, in the exercise's queue: bind the socket, answer with patches or a snapshot. */
  function welcome(
    socket: GameSocket,
    room: ExerciseRoom,
    identity: Identity,
    lastVersion: number | null,
    sameSeat: boolean,
  ): Welcome {
    // the socket may have gone while its hello waited: binding it now would leave it in the rooms
    if (!socket.connected) return fail('NOT_NOW', 'the connection closed before the hello was answered');
    const playerId = identity.actor.playerId;
    if (playerId && room.state.players.get(playerId)?.removed !== false)
      return fail('FORBIDDEN', 'this player was removed from the exercise');
    const previous = socket.data.identity?.actor.playerId ?? null;
    if (previous && previous !== playerId) track(socket, previous, false);
    if (!sameSeat) {
      if (socket.data.identity) guard.countCredential(socket.data.identity.key, -1);
      guard.countCredential(identity.key, 1);
    }
    bind(socket, room, identity);
    track(socket, playerId, true);
    const state = room.state;
    const base = { ok: true as const, protocol: PROTOCOL_VERSION, seat: identity.actor.seat, version: state.version };
    if (lastVersion !== null && lastVersion > state.version) {
      const notice = lostVersions(room.id, lastVersion, state.version);
      return { ...base, snapshot: projectSnapshot(state, socket.data.cls!, meOf(room, identity), isOnline), notice };
    }
    const patches =
      lastVersion === null ? null : recent.since(room.id, lastVersion, state.version, socket.data.cls!, playerId);
    if (patches) return { ...base, patches };
    return { ...base, snapshot: projectSnapshot(state, socket.data.cls!, meOf(room, identity), isOnline) };
  }

  /**
   * The checks every request from a seated socket passes before its handler (A4): the limits,
   * a successful hello, the schema, the exercise still there. Commands and what-ifs share them.
   */
  function seated<T, R>(
    socket: GameSocket,
    raw: unknown,
    what: 'command' | 'whatif',
    schema: ZodType<T>,
    handle: (room: ExerciseRoom, identity: Identity, request: T) => Promise<R>,
  ): Promise<R | ReturnType<typeof fail>> | ReturnType<typeof fail> {
    const { identity, exerciseId } = socket.data;
    const over = socket.data.budgets.commands.take()
      ? guard.command(identity?.key ?? null, socket.data.address)
      : 'socket';
    if (over) return limited(socket, over, 'command');
    if (!identity || !exerciseId) {
      strike(socket);
      return fail(
        'FORBIDDEN',
        `send "hello" with a valid token before ${what === 'command' ? 'commands' : 'asking what if'}`,
      );
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return fail('INVALID', `${what}: ${describeIssues(parsed.error.issues)}`);
    // a room in memory is handed its command in this same tick, so arrival order is queue order (A7)
    const loaded = registry().loaded(exerciseId);
    if (loaded) return handle(loaded, identity, parsed.data);
    // in a cluster: here if this node can claim it, else on the node that serves it
    if (cluster)
      return cluster.call<R>(what, {
        exerciseId,
        identity,
        ...(what === 'command' ? { envelope: parsed.data } : { request: parsed.data }),
      });
    return registry()
      .room(exerciseId)
      .then((room): Promise<R | ReturnType<typeof fail>> | ReturnType<typeof fail> =>
        room ? handle(room, identity, parsed.data) : fail('NOT_FOUND', `exercise "${exerciseId}" no longer exists`),
      );
  }

  function command(socket: GameSocket, raw: unknown): Ack | Promise<Ack> {
    return seated(socket, raw, 'command', commandEnvelopeSchema, async (room, identity, envelope) => {
      const ack = await room.handle(identity.actor, identity.key, envelope);
      // taken over by another node while it waited here (say, this process was paused): send it on
      if (cluster && !ack.ok && ack.message === MOVED)
        return cluster.call<Ack>('command', { exerciseId: room.id, identity, envelope });
      return ack;
    });
  }

  /** W1–W4: a what-if is read-only and costs what a command costs against the limits. */
  function whatIf(socket: GameSocket, raw: unknown): WhatIfAnswer | Promise<WhatIfAnswer> {
    return seated(socket, raw, 'whatif', whatIfRequestSchema, (room, identity, request) =>
      room.run(() => answerWhatIf(room.state, identity.actor, request)),
    );
  }

  /**
   * Closes a socket with a last word the client can show. From then on nothing it sent is
   * handled, not even with an ack (R8): a flood already read from the network costs nothing more.
   * `afterAck` waits a tick, so that the ack of the message that caused it arrives first.
   */
  function close(socket: GameSocket, code: ErrorCode, message: string, afterAck = false): void {
    if (socket.data.closing) return;
    socket.data.closing = true;
    const end = () => {
      socket.emit('bye', { code, message });
      socket.disconnect(true);
    };
    if (afterAck) setImmediate(end);
    else end();
  }

  /** A socket that keeps sending after being limited is closed (R8). */
  function strike(socket: GameSocket): void {
    if (!socket.data.budgets.strikes.take())
      close(
        socket,
        'RATE_LIMITED',
        'this connection sent too much too fast and was closed; reload the page to continue',
      );
  }

  function limited(socket: GameSocket, exhausted: Exhausted, what: 'hello' | 'command'): ReturnType<typeof fail> {
    strike(socket);
    return tooMany(exhausted, what);
  }

  io.on('connection', (socket) => {
    socket.data.address = socket.handshake.address;
    if (!guard.addressHasRoom(socket.data.address)) {
      // allowRequest (start.ts) refuses the upgrade already; this catches handshakes that raced past it
      socket.emit('bye', {
        code: 'RATE_LIMITED',
        message: 'too many connections from this network address; close some tabs and reload',
      });
      socket.disconnect(true);
      return;
    }
    socket.data.budgets = guard.socketBudgets();
    guard.countAddress(socket.data.address, 1);
    const helloTimer = setTimeout(() => {
      if (!socket.data.identity)
        close(socket, 'FORBIDDEN', `no "hello" within ${limits.helloTimeoutMs / 1000} seconds`);
    }, limits.helloTimeoutMs);
    // a refusal decided at once (limits, schema) is acked at once, before the next message is read;
    // one that waits for the exercise's queue or the store is acked when it is done
    const run = <T>(name: string, ackArg: unknown, run: () => T | Promise<T>, fallback: T) => {
      if (socket.data.closing) return;
      const send = (result: T) => {
        if (typeof ackArg !== 'function') return;
        try {
          (ackArg as (value: T) => void)(result);
        } catch {
          /* the client's ack could not be sent; nothing else to do */
        }
      };
      const failed = (error: unknown) => {
        log(`socket ${name} failed: ${(error as Error).stack ?? String(error)}`);
        return fallback;
      };
      let result: T | Promise<T>;
      try {
        result = run();
      } catch (error) {
        result = failed(error);
      }
      if (result instanceof Promise) void result.then(send, (error: unknown) => send(failed(error)));
      else send(result);
    };
    socket.on('hello', (raw: unknown, ack: unknown) =>
      run('hello', ack, () => hello(socket, raw), fail('INTERNAL', 'the server could not process hello')),
    );
    socket.on('command', (raw: unknown, ack: unknown) =>
      run('command', ack, () => command(socket, raw), fail('INTERNAL', 'the server could not process the command')),
    );
    socket.on('whatif', (raw: unknown, ack: unknown) =>
      run('whatif', ack, () => whatIf(socket, raw), fail('INTERNAL', 'the server could not work out that what if')),
    );
    socket.on('typing', (typing: unknown) => {
      const { identity, exerciseId, cls } = socket.data;
      if (socket.data.closing || typeof typing !== 'boolean' || !identity?.actor.playerId || !exerciseId || !cls)
        return;
      if (!socket.data.budgets.commands.take()) return strike(socket);
      presence(exerciseId, cls, identity.actor.playerId, true, typing);
    });
    socket.on('disconnect', () => {
      clearTimeout(helloTimer);
      guard.countAddress(socket.data.address, -1);
      if (socket.data.identity) guard.countCredential(socket.data.identity.key, -1);
      track(socket, socket.data.identity?.actor.playerId ?? null, false);
    });
  });

  /**
   * In a cluster: a player moved to another class, or removed, may have sockets on any node; the
   * adapter moves, tells and closes them wherever they are.
   */
  function broadcastMoves(room: ExerciseRoom, change: Change): void {
    const state = room.state;
    for (const playerId of change.resync) {
      const player = state.players.get(playerId);
      if (!player) continue;
      const cls = classOf('player', player);
      const target = io.in(playerRoom(room.id, playerId));
      target.socketsLeave(
        classesOf(state)
          .filter((c) => c !== cls)
          .map((c) => roomName(room.id, c)),
      );
      target.socketsJoin(roomName(room.id, cls));
      io.to(playerRoom(room.id, playerId)).emit(
        'snapshot',
        projectSnapshot(state, cls, { seat: 'player', playerId, teamId: player.teamId, role: player.role }, isOnline),
      );
    }
    for (const playerId of change.removed) {
      io.to(playerRoom(room.id, playerId)).emit('bye', {
        code: 'FORBIDDEN',
        message: 'the facilitator removed you from the exercise',
      });
      io.in(playerRoom(room.id, playerId)).disconnectSockets(true);
    }
  }

  /** Broadcasts one persisted event: one projection per class that has sockets. */
  function broadcast(room: ExerciseRoom, event: StoredEvent, change: Change): void {
    const state = room.state;
    const patches = new Map<RecipientClass, Patch | null>();
    for (const cls of classesOf(state)) {
      const name = roomName(room.id, cls);
      // in a cluster the class's sockets may be on other nodes: always project and send
      if (!cluster && !io.sockets.adapter.rooms.get(name)?.size) {
        patches.set(cls, null);
        continue;
      }
      const patch = projectPatch(state, change, cls, isOnline);
      patches.set(cls, patch);
      io.to(name).emit('patch', patch);
    }
    recent.push(room.id, event.version, patches, change.resync);
    if (cluster) return broadcastMoves(room, change);
    for (const playerId of change.resync) {
      for (const socket of sockets.get(playerId) ?? []) {
        bind(socket, room, socket.data.identity!);
        socket.emit('snapshot', projectSnapshot(state, socket.data.cls!, meOf(room, socket.data.identity!), isOnline));
      }
    }
    for (const playerId of change.removed) {
      for (const socket of [...(sockets.get(playerId) ?? [])]) {
        socket.emit('bye', { code: 'FORBIDDEN', message: 'the facilitator removed you from the exercise' });
        socket.disconnect(true);
      }
    }
  }

  return { broadcast, forget: (exerciseId: string) => recent.drop(exerciseId) };
}

/**
 * The answer to a request over a budget (R4, R5). In a cluster the node serving the exercise
 * also checks the seat's budget on what other nodes forward, since all of a seat's requests
 * arrive there (SocketGuard.seatCommand).
 */
function tooMany(exhausted: Exhausted, what: 'hello' | 'command'): ReturnType<typeof fail> {
  const whose = {
    socket: 'this connection',
    credential: 'this seat (all its tabs and devices)',
    address: 'this network address',
  }[exhausted];
  return fail(
    'RATE_LIMITED',
    `too many ${what === 'hello' ? 'reconnections' : 'actions'} from ${whose}; wait a moment and try again`,
  );
}
