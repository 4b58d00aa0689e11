/**
 * The baseline: a bare socket.io relay on 127.0.0.1. A socket joins a room (`join`, acked); a
 * member emits `update` (~2 KB), the server stamps it with the room's next sequence number,
 * broadcasts it to the whole room (sender included) and acks with the sequence number. The
 * same engine options as the game server, nothing else: no auth, no state, no storage.
 *
 * Run by bench/load/index.ts: `node --import tsx bench/load/relay-server.ts [maxSeconds]`;
 * it reports its address over IPC and exits with its parent or at the time limit.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { dieWithParent, reportLoopDelay, type ServerMessage } from './common.ts';

const maxSeconds = Number(process.argv[2] ?? 900);
const http = createServer();
const io = new Server(http, {
  transports: ['websocket', 'polling'],
  serveClient: false,
  maxHttpBufferSize: 64 * 1024,
  pingInterval: 10_000,
  pingTimeout: 20_000,
});
const seq = new Map<string, number>();

io.on('connection', (socket) => {
  socket.on('join', (room: unknown, ack: unknown) => {
    if (typeof room !== 'string' || typeof ack !== 'function') return;
    void socket.join(room);
    (ack as (r: { ok: true }) => void)({ ok: true });
  });
  socket.on('update', (update: unknown, ack: unknown) => {
    const u = update as { room?: unknown; body?: unknown };
    if (typeof u?.room !== 'string' || typeof ack !== 'function') return;
    const version = (seq.get(u.room) ?? 0) + 1;
    seq.set(u.room, version);
    io.to(u.room).emit('update', { version, body: u.body });
    (ack as (r: { ok: true; version: number }) => void)({ ok: true, version });
  });
});

http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}`, pid: process.pid } satisfies ServerMessage);
});
reportLoopDelay();
dieWithParent(maxSeconds, () => new Promise<void>((done) => void io.close(() => done())));
