/**
 * The abusive client of the abuse bench: one player token on `sockets` sockets from another
 * loopback address (127.0.0.2, so the server sees a second machine), each saying hello and then
 * sending votes as fast as this process can push them (20 per socket every 10 ms); a socket the server closes or refuses
 * comes back after `retryMs`. Runs for `seconds`, then reports what it sent and what came back.
 *
 * `node --import tsx bench/abuse/abuser.ts '<AbuserConfig JSON>'`, forked by bench/abuse/index.ts.
 */
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../protocol/index.ts';
import { dieWithParent } from '../load/common.ts';

export interface AbuserConfig {
  url: string;
  exerciseId: string;
  token: string;
  inject: string;
  options: string[];
  sockets: number;
  seconds: number;
  localAddress: string;
  retryMs: number;
}

export interface AbuserReport {
  sent: number;
  acks: Record<string, number>;
  connects: number;
  refusedConnects: number;
  closedByServer: number;
}

export type AbuserMessage = { type: 'flooding' } | { type: 'report'; report: AbuserReport };

const config = JSON.parse(process.argv[2]!) as AbuserConfig;
const report: AbuserReport = { sent: 0, acks: {}, connects: 0, refusedConnects: 0, closedByServer: 0 };
const count = (code: string) => (report.acks[code] = (report.acks[code] ?? 0) + 1);
let running = true;
let seq = 0;

/** Keeps one abusive socket connected: hello on every connect, back 250 ms after being refused or closed. */
function keepUp(socket: Socket): void {
  const connectAgain = () => setTimeout(() => running && socket.connect(), config.retryMs);
  socket.on('connect', () => {
    report.connects++;
    socket.emit(
      'hello',
      { protocol: PROTOCOL_VERSION, exerciseId: config.exerciseId, token: config.token, lastVersion: null },
      (w: { ok: boolean; code?: string }) => count(w.ok ? 'hello ok' : `hello ${w.code}`),
    );
  });
  socket.on('connect_error', () => {
    report.refusedConnects++;
    connectAgain();
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect' || reason === 'transport close') report.closedByServer++;
    connectAgain();
  });
  socket.connect();
}

/** Every 10 ms, each connected socket sends 20 votes: as fast as this one process can push them. */
function sendAll(sockets: Socket[]): void {
  for (const socket of sockets) {
    if (!socket.connected) continue;
    for (let i = 0; i < 20; i++) {
      const option = config.options[seq % config.options.length]!;
      socket.emit(
        'command',
        { id: `abuse-${process.pid}-${++seq}`, command: { type: 'vote', option, inject: config.inject } },
        (ack: { ok: boolean; code?: string }) => count(ack.ok ? 'OK' : (ack.code ?? 'other')),
      );
      report.sent++;
    }
  }
}

const sockets: Socket[] = [];
for (let i = 0; i < config.sockets; i++) {
  // engine.io-client passes localAddress on to the WebSocket in Node; its types do not list it
  const options = {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    autoConnect: false,
    localAddress: config.localAddress,
  } as Parameters<typeof io>[1];
  const socket = io(config.url, options);
  sockets.push(socket);
  keepUp(socket);
}
const flooding = setInterval(() => running && sendAll(sockets), 10);
process.send?.({ type: 'flooding' } satisfies AbuserMessage);
dieWithParent(config.seconds + 30);
setTimeout(() => {
  running = false;
  clearInterval(flooding);
  for (const socket of sockets) socket.disconnect();
  process.send?.({ type: 'report', report } satisfies AbuserMessage, () => process.exit(0));
}, config.seconds * 1000);
