/**
 * A benchmark's seats: a websocket and the protocol client speaking for whoever holds it now.
 * Benchmarks reuse sockets across exercises (a fresh socket per seat would measure connection
 * set-up instead), so a new protocol client takes the socket over and says hello with its token.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { ProtocolClient, type Snapshot } from '../../protocol/index.ts';

export interface Seat {
  socket: Socket;
  client: ProtocolClient | null;
}

/** Gives the seat's socket a protocol client for `token` (the previous client lets go); resolves once welcomed. */
export async function takeSeat(
  seat: Seat,
  exerciseId: string,
  token: string,
  timeoutMs: number,
): Promise<ProtocolClient> {
  seat.client?.release();
  const client = new ProtocolClient(
    seat.socket,
    { exerciseId, token },
    { ackTimeoutMs: timeoutMs, helloTimeoutMs: timeoutMs, newCommandId: randomUUID },
  );
  seat.client = client;
  const welcome = await client.hello(); // the hello the client sent when it was made
  if (!welcome?.ok) throw new Error(`hello: ${welcome ? welcome.message : `no welcome within ${timeoutMs} ms`}`);
  return client;
}

/** Resolves with the client's snapshot once it holds `version` (patches keep it in step). */
export function reach(client: ProtocolClient, version: number, timeoutMs: number): Promise<Snapshot> {
  return new Promise((done, fail) => {
    const check = () => {
      const snapshot = client.snapshot;
      if (!snapshot || snapshot.version < version) return false;
      clearTimeout(timer);
      off();
      done(snapshot);
      return true;
    };
    const timer = setTimeout(() => {
      off();
      fail(new Error(`version ${version} not reached within ${timeoutMs} ms (at ${client.version})`));
    }, timeoutMs);
    const off = client.on('state', check);
    check();
  });
}
