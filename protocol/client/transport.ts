/**
 * What the protocol client needs from a connection. socket.io-client's typed `Socket` satisfies
 * it as is; the client's own tests use an in-memory pair (test/unit/protocol-client/socket-pair.ts).
 *
 * The transport reconnects by itself (socket.io's manager does); the protocol client only
 * listens for `connect` and `disconnect` and says `hello` each time.
 */
import type { Ack, CommandEnvelope, ErrorCode, Hello, Patch, Snapshot, Welcome } from '../messages.ts';
import type { WhatIfAnswer, WhatIfRequest } from '../whatif.ts';

export interface Presence {
  playerId: string;
  online: boolean;
  typing: boolean;
}

/** Why the server closes a socket for good (`bye`). */
export interface Farewell {
  code: ErrorCode;
  message: string;
}

/** An emitter whose acks fail with an error after a timeout, or at once when the connection drops. */
export interface TimedEmitter {
  emit(event: 'hello', hello: Hello, ack: (err: Error | null, welcome: Welcome) => void): unknown;
  emit(event: 'command', envelope: CommandEnvelope, ack: (err: Error | null, ack: Ack) => void): unknown;
  emit(event: 'whatif', request: WhatIfRequest, ack: (err: Error | null, answer: WhatIfAnswer) => void): unknown;
}

export interface ProtocolTransport {
  readonly connected: boolean;
  connect(): unknown;
  disconnect(): unknown;
  timeout(ms: number): TimedEmitter;
  emit(event: 'typing', typing: boolean): unknown;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'patch', listener: (patch: Patch) => void): unknown;
  on(event: 'snapshot', listener: (snapshot: Snapshot) => void): unknown;
  on(event: 'presence', listener: (presence: Presence) => void): unknown;
  on(event: 'bye', listener: (farewell: Farewell) => void): unknown;
  off(event: 'connect', listener: () => void): unknown;
  off(event: 'disconnect', listener: (reason: string) => void): unknown;
  off(event: 'patch', listener: (patch: Patch) => void): unknown;
  off(event: 'snapshot', listener: (snapshot: Snapshot) => void): unknown;
  off(event: 'presence', listener: (presence: Presence) => void): unknown;
  off(event: 'bye', listener: (farewell: Farewell) => void): unknown;
}
