/**
 * The socket.io connection for one exercise: hello with the last seen version on every
 * (re)connect, patches into the store, gap → resync, commands with a client-made id and acks.
 */
import { PROTOCOL_VERSION } from '../../protocol/version.ts';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, Command, ServerToClientEvents, Welcome } from '../../protocol/messages.ts';
import { commandId, forgetSeat } from './api.ts';
import { describeRefusal, useStore } from './store.ts';

/** The server's protocol version, from a zod-free module (P1). */
export const CLIENT_PROTOCOL = PROTOCOL_VERSION;

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: ClientSocket | null = null;
let current: { exerciseId: string; token: string } | null = null;
let helloInFlight = false;

function hello(): void {
  if (!socket || !current || helloInFlight) return;
  const store = useStore.getState();
  const lastVersion = store.snapshot?.version ?? null;
  helloInFlight = true;
  socket.timeout(15_000).emit('hello', { protocol: CLIENT_PROTOCOL, exerciseId: current.exerciseId, token: current.token, lastVersion }, (err: Error | null, welcome: Welcome) => {
    helloInFlight = false;
    if (err) {
      // no answer in time: try again while connected
      if (socket?.connected) setTimeout(hello, 1000);
      return;
    }
    onWelcome(welcome);
  });
}

function onWelcome(welcome: Welcome): void {
  const store = useStore.getState();
  if (!welcome.ok) {
    if (welcome.code === 'FORBIDDEN' || welcome.code === 'NOT_FOUND') {
      if (current) forgetSeat(current.exerciseId);
    }
    store.setConnection('closed', describeRefusal(welcome.code, welcome.message));
    socket?.disconnect();
    return;
  }
  if ('snapshot' in welcome) {
    store.setSnapshot(welcome.snapshot);
  } else {
    for (const patch of welcome.patches) {
      if (!useStore.getState().applyPatch(patch)) {
        // still a gap: ask for a full snapshot
        useStore.getState().setSnapshot(null);
        hello();
        return;
      }
    }
  }
  store.setConnection('online');
}

/** Connects to one exercise with a stored token; replaces any earlier connection. */
export function connect(exerciseId: string, token: string): void {
  if (socket && current?.exerciseId === exerciseId && current.token === token) return;
  disconnect();
  useStore.getState().reset(exerciseId);
  current = { exerciseId, token };
  useStore.getState().setConnection('connecting');
  const s: ClientSocket = io({ transports: ['websocket', 'polling'], reconnectionDelayMax: 4000 });
  socket = s;
  s.on('connect', () => hello());
  s.on('disconnect', (reason) => {
    helloInFlight = false;
    if (useStore.getState().connection === 'closed') return;
    if (reason === 'io server disconnect') {
      useStore.getState().setConnection('closed', 'The server closed the connection.');
    } else {
      useStore.getState().setConnection('reconnecting');
    }
  });
  s.io.on('reconnect_attempt', () => {
    if (useStore.getState().connection !== 'closed') useStore.getState().setConnection('reconnecting');
  });
  s.on('patch', (patch) => {
    const store = useStore.getState();
    if (!store.snapshot) return; // the welcome will bring everything
    if (!store.applyPatch(patch)) hello(); // gap → resync with our last version
  });
  s.on('presence', (p) => useStore.getState().setPresence(p.playerId, { online: p.online, typing: p.typing }));
  s.on('bye', (reason) => {
    if (current) forgetSeat(current.exerciseId);
    useStore.getState().setConnection('closed', describeRefusal(reason.code, reason.message));
    s.disconnect();
  });
}

export function disconnect(): void {
  socket?.removeAllListeners();
  socket?.io.removeAllListeners();
  socket?.disconnect();
  socket = null;
  current = null;
  helloInFlight = false;
}

/**
 * Sends a command with a fresh id. Resolves with the ack; a refusal also becomes a readable
 * notice. socket.io buffers the emit while offline; the id makes a repeat harmless.
 */
export function send(command: Command): Promise<Ack> {
  const store = useStore.getState();
  if (!socket) {
    const ack: Ack = { ok: false, code: 'NOT_NOW', message: 'not connected to the exercise' };
    store.notify('error', describeRefusal(ack.code, ack.message));
    return Promise.resolve(ack);
  }
  const envelope = { id: commandId(), command };
  return new Promise((resolve) => {
    socket!.timeout(20_000).emit('command', envelope, (err: Error | null, ack: Ack) => {
      if (err) {
        const a: Ack = { ok: false, code: 'INTERNAL', message: 'no answer from the server; check your connection and try again' };
        useStore.getState().notify('error', describeRefusal(a.code, a.message));
        resolve(a);
        return;
      }
      if (!ack.ok) useStore.getState().notify('error', describeRefusal(ack.code, ack.message));
      resolve(ack);
    });
  });
}

let typingTimer: ReturnType<typeof setTimeout> | null = null;
/** Volatile typing hint while a player writes a reason. */
export function typing(): void {
  if (!socket?.connected) return;
  if (!typingTimer) socket.emit('typing', true);
  else clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    typingTimer = null;
    socket?.emit('typing', false);
  }, 2500);
}
