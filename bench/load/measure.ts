/**
 * What the load generator measures, held by one object per run (no module state): the phases
 * with their latencies and errors, errors outside any phase, payload sizes read off the wire,
 * and the groups of sockets that must all receive a version before a command counts as done.
 */
import { performance, type IntervalHistogram } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';

/** How long a command's patch may take to reach the last member before it counts as an error. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Every n-th command is sent a second time with the same id (idempotency under load). */
export const RESEND_EVERY = 20;

export interface PhaseStats {
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

export function bump(errors: Record<string, number>, key: string, n = 1): void {
  errors[key] = (errors[key] ?? 0) + n;
}

/** A command's answer as the meter needs it: the version it made, or why not (NO_ANSWER: no ack in time). */
export type Answer = { ok: true; version: number } | { ok: false; code: string };

/** Anything that sends commands and can say how many await their ack. */
export interface Driver {
  groups: Group[];
  /** Sends one command if there is something to do; false when idle. */
  step(): boolean;
  inflight: number;
  busy: boolean;
}

export class Measurements {
  readonly phases: PhaseStats[] = [];
  readonly setupErrors: Record<string, number> = {};
  /** The phase running now, or null between phases. */
  current: PhaseStats | null = null;
  readonly payload = { samples: 0, total: 0, max: 0, byKind: new Map<string, { samples: number; total: number }>() };
  /** Wire size of the frame being handled on each watched socket (read off engine.io, never re-encoded). */
  private readonly frameBytes = new WeakMap<Socket, number>();
  private commands = 0;

  /** The phase a command emitted at `t0` (performance time) belongs to. */
  phaseAt(t0: number): PhaseStats | null {
    for (let i = this.phases.length - 1; i >= 0; i--) {
      const p = this.phases[i]!;
      if (t0 >= p.startedPerf) return t0 <= (p.endedPerf || Infinity) ? p : null;
    }
    return null;
  }

  error(t0: number | null, key: string): void {
    const phase = t0 === null ? this.current : this.phaseAt(t0);
    bump(phase ? phase.errors : this.setupErrors, key);
  }

  /** Counts the raw frame sizes of one socket per group, so payload sizes cost the generator nothing to measure. */
  watchFrames(socket: Socket): void {
    socket.io.engine.on('data', (data: string | ArrayBuffer) =>
      this.frameBytes.set(socket, typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength),
    );
  }

  samplePayload(kind: string, socket: Socket): void {
    const bytes = this.frameBytes.get(socket);
    if (bytes === undefined) return;
    const payload = this.payload;
    payload.samples++;
    payload.total += bytes;
    payload.max = Math.max(payload.max, bytes);
    const k = payload.byKind.get(kind) ?? { samples: 0, total: 0 };
    k.samples++;
    k.total += bytes;
    payload.byKind.set(kind, k);
  }

  /**
   * Sends a command of `kind` and measures it: emit → ack, and (through `group`) emit → the
   * last member's receipt of its version. Every RESEND_EVERY-th command is sent again after its
   * ack with `again` (the same id): the first answer must come back unchanged.
   */
  command(
    driver: Driver,
    group: Group,
    kind: string,
    send: () => Promise<Answer>,
    onAnswer: (answer: Answer) => void,
    again?: () => Promise<Answer>,
  ): void {
    const t0 = performance.now();
    driver.inflight++;
    const resend = again && ++this.commands % RESEND_EVERY === 0;
    void send().then((answer) => {
      driver.inflight--;
      if (answer.ok) {
        const phase = this.phaseAt(t0);
        if (phase) {
          phase.acked++;
          phase.ackLatencies.push(performance.now() - t0);
        }
        group.acked(answer.version, t0, kind);
        if (resend) {
          void again().then((repeat) => {
            if (!repeat.ok && repeat.code === 'NO_ANSWER') this.error(t0, 'resend-timeout');
            else if (!repeat.ok || repeat.version !== answer.version) this.error(t0, 'idempotency');
          });
        }
      } else this.error(t0, answer.code === 'NO_ANSWER' ? 'ack-timeout' : `refused:${answer.code}`);
      onAnswer(answer);
    });
  }

  /** A delivered command: its latency goes to the phase it was emitted in. */
  record(t0: number, ms: number, kind: string): void {
    const phase = this.phaseAt(t0);
    if (!phase) return;
    phase.latencies.push(ms);
    let list = phase.byKind.get(kind);
    if (!list) phase.byKind.set(kind, (list = []));
    list.push(ms);
  }
}

/**
 * The sockets that must all receive a version: a team of an exercise, or a relay room. A command
 * is measured once its ack names the version and every member has received it.
 */
export class Group {
  private arrivals = new Map<number, { count: number; last: number; firstAt: number }>();
  private waiters = new Map<number, { t0: number; kind: string }>();
  size = 0;

  constructor(private readonly measurements: Measurements) {}

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
    this.measurements.record(w.t0, a.last - w.t0, w.kind);
  }

  /** Drops what is too old: undelivered commands count as errors. */
  sweep(now: number): void {
    for (const [version, w] of this.waiters) {
      if (now - w.t0 > DELIVERY_TIMEOUT_MS) {
        this.waiters.delete(version);
        this.measurements.error(w.t0, 'undelivered');
      }
    }
    for (const [version, a] of this.arrivals)
      if (now - a.firstAt > DELIVERY_TIMEOUT_MS + 5000) this.arrivals.delete(version);
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
