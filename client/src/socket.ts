/**
 * The web client's connection to one exercise: a socket.io socket driven by the shared protocol
 * client (protocol/client), whose snapshot, connection state and command outcomes go into the
 * store. Commands made while offline wait in the protocol client's outbox and go out after the
 * reconnect (A8); a refusal becomes a notice in plain words.
 */
import { io, type Socket } from 'socket.io-client';
import {
  ProtocolClient,
  type ClientStatus,
  type CommandResult,
  type ProtocolTransport,
} from '../../protocol/client/index.ts';
import type { ClientToServerEvents, Command, ServerToClientEvents } from '../../protocol/messages.ts';
import type { WhatIfAnswer, WhatIfRequest } from '../../protocol/whatif.ts';
import { forgetSeat } from './api.ts';
import { describeClosed, describeNotice, describeOutcome } from './outcome-words.ts';
import { useStore, type ConnectionState } from './store.ts';

let client: ProtocolClient | null = null;
let current: { exerciseId: string; token: string } | null = null;

const CONNECTION: Record<ClientStatus, ConnectionState> = {
  connecting: 'connecting',
  online: 'online',
  reconnecting: 'reconnecting',
  closed: 'closed',
};

/** Connects to one exercise with a stored token; replaces any earlier connection. */
export function connect(exerciseId: string, token: string): void {
  if (client && current?.exerciseId === exerciseId && current.token === token) return;
  disconnect();
  useStore.getState().reset(exerciseId);
  current = { exerciseId, token };
  useStore.getState().setConnection('connecting');
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    transports: ['websocket', 'polling'],
    reconnectionDelayMax: 4000,
  });
  const transport: ProtocolTransport = socket;
  const c = new ProtocolClient(transport, { exerciseId, token });
  client = c;
  c.on('state', (snapshot) => useStore.getState().setSnapshot(snapshot));
  c.on('status', (status) => {
    if (status !== 'closed') return useStore.getState().setConnection(CONNECTION[status]);
    const reason = c.closedReason!;
    const lostSeat =
      (reason.kind === 'refused' && (reason.welcome.code === 'FORBIDDEN' || reason.welcome.code === 'NOT_FOUND')) ||
      reason.kind === 'bye';
    if (lostSeat) forgetSeat(exerciseId);
    useStore.getState().setConnection('closed', describeClosed(reason));
  });
  c.on('welcome', (welcome) => {
    if (welcome.ok && 'snapshot' in welcome && welcome.notice)
      useStore.getState().notify('error', describeNotice(welcome.notice));
  });
  c.on('presence', (p) => useStore.getState().setPresence(p.playerId, { online: p.online, typing: p.typing }));
  c.on('outbox', (waiting) => useStore.getState().setWaiting(waiting));
  c.on('outcome', ({ command, result }) => {
    // a closed connection is explained once, by the banner
    if (result.ok || result.code === 'CLOSED') return;
    useStore.getState().notify('error', describeOutcome(command, result)!);
  });
}

export function disconnect(): void {
  client?.close();
  client = null;
  current = null;
}

/**
 * Sends a command and resolves with its result once the server answers; a refusal also becomes
 * a notice. While reconnecting it waits in the outbox and is sent after the reconnect.
 */
export function send(command: Command): Promise<CommandResult> {
  if (!client) {
    const result: CommandResult = { ok: false, code: 'CLOSED', message: 'not connected to an exercise' };
    useStore.getState().notify('error', describeOutcome(command, result)!);
    return Promise.resolve(result);
  }
  return client.send(command);
}

/** Asks what if (W1–W4); read-only, so it is answered now or refused, never queued. */
export function whatIf(request: WhatIfRequest): Promise<WhatIfAnswer> {
  if (!client) return Promise.resolve({ ok: false, code: 'NOT_NOW', message: 'not connected' });
  return client.whatIf(request);
}

let typingTimer: ReturnType<typeof setTimeout> | null = null;
/** Volatile typing hint while a player writes a reason. */
export function typing(): void {
  if (!client) return;
  if (!typingTimer) client.typing(true);
  else clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    typingTimer = null;
    client?.typing(false);
  }, 2500);
}
