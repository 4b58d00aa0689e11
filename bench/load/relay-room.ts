/** One room of the bare relay, driven like an exercise: members emit ~2 KB updates the relay broadcasts. */
import type { Socket } from 'socket.io-client';
import { Group, type Answer, type Driver, type Measurements } from './measure.ts';
import { connect, emitAck, pool } from './net.ts';

export class RelayRoom implements Driver {
  inflight = 0;
  busy = true;
  readonly group: Group;
  readonly groups: Group[];
  readonly sockets: Socket[] = [];
  private cursor = 0;

  constructor(
    private readonly run: { url: string; players: number; ackTimeoutMs: number; measurements: Measurements },
    private readonly index: number,
    private readonly body: string,
  ) {
    this.group = new Group(run.measurements);
    this.groups = [this.group];
  }

  get connections(): number {
    return this.sockets.length;
  }

  async setup(): Promise<void> {
    const { measurements } = this.run;
    const room = `room-${this.index}`;
    await pool(
      Array.from({ length: this.run.players }, (_, i) => i),
      5,
      async (i) => {
        const socket = await connect(this.run.url);
        this.sockets.push(socket);
        this.group.size = this.sockets.length;
        if (i === 0) measurements.watchFrames(socket);
        socket.on('update', (u: { version: number; body: string }) => {
          this.group.arrive(u.version, performance.now());
          if (i === 0) measurements.samplePayload('update', socket);
        });
        socket.on('disconnect', () => measurements.error(null, 'disconnect'));
        await emitAck(socket, 'join', room, this.run.ackTimeoutMs);
      },
    );
    this.busy = false;
  }

  step(): boolean {
    if (this.busy) return false;
    const socket = this.sockets[this.cursor++ % this.sockets.length]!;
    const send = () =>
      emitAck<Answer>(socket, 'update', { room: `room-${this.index}`, body: this.body }, this.run.ackTimeoutMs).catch(
        (): Answer => ({ ok: false, code: 'NO_ANSWER' }),
      );
    this.run.measurements.command(this, this.group, 'update', send, () => {});
    return true;
  }

  close(): void {
    for (const s of this.sockets) s.close();
  }
}
