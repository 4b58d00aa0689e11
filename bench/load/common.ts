/**
 * Shared pieces of the load benchmark: the messages between the orchestrator (bench/load/index.ts),
 * the servers under test and the load generator, percentiles, /proc sampling of a process's RSS
 * and CPU, and spawning Node children pinned to a core with `taskset` when it exists.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Builds what `npm start` runs where it is stale (bin/build.js); not part of any timing. */
export function buildCompiled(): void {
  const built = spawnSync(process.execPath, [fileURLToPath(new URL('../../bin/build.js', import.meta.url))], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('bin/build.js failed');
}

/** One phase of load: a command rate per exercise (room) held for some seconds. */
export interface Phase {
  name: string;
  /** Commands per second per exercise (room). */
  ratePerExercise: number;
  seconds: number;
}

export interface GeneratorConfig {
  target: 'game' | 'relay';
  url: string;
  exercises: number;
  /** Players (sockets) per exercise; in the relay, sockets per room. */
  players: number;
  /** Teams per exercise (game only); players are spread evenly. */
  teams: number;
  scenarioId: string;
  /** The steady phase first, then optional step-up phases. */
  phases: Phase[];
  /** Step phases stop after the first one whose p95 exceeds this (ms); 0 runs them all. */
  stopAboveP95: number;
  /** Relay update size in bytes. */
  relayBytes: number;
  /** Hard limit for the generator's whole life, in seconds. */
  maxSeconds: number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface PhaseResult {
  name: string;
  targetRate: number;
  /** Commands acked per second during the phase (all exercises). */
  achievedRate: number;
  commands: number;
  latency: LatencySummary;
  /** Every latency of the steady phase (to pool repeated runs); dropped before results are written. */
  raw?: number[];
  /** By command kind: vote, deciding vote, continue (game), update (relay). */
  byKind: Record<string, LatencySummary>;
  /** Emit → ack at the sender. */
  ack: LatencySummary;
  errors: Record<string, number>;
  /** Wall-clock start and end (epoch ms), to match server samples. */
  startedAt: number;
  endedAt: number;
  /** The generator's event-loop delay during the phase (ms). */
  generatorLoopDelay: { p99: number; max: number };
  /** Generator CPU use during the phase (% of one core). */
  generatorCpu: number;
}

export interface IntegrityResult {
  /** Exercises whose final log was compared. */
  exercisesChecked: number;
  drillsCompleted: number;
  decisionsExpected: number;
  decisionsFound: number;
  lost: number;
  duplicated: number;
  /** Decisions stored with another option than the one the team voted for. */
  mismatched: number;
  /** Log entries no command of the generator caused (e.g. a deadline). */
  unexpected: number;
  details: string[];
}

export interface GeneratorReport {
  target: 'game' | 'relay';
  connections: number;
  exercises: number;
  setupSeconds: number;
  phases: PhaseResult[];
  integrity: IntegrityResult | null;
  /** Sampled patch (or update) sizes in bytes, as JSON. */
  payload: {
    samples: number;
    meanBytes: number;
    maxBytes: number;
    byKind: Record<string, { samples: number; meanBytes: number }>;
  };
  setupErrors: Record<string, number>;
}

export type GeneratorMessage =
  | { type: 'phase'; name: string; startedAt: number }
  | { type: 'report'; report: GeneratorReport }
  | { type: 'log'; line: string };
export type ReadyMessage = { type: 'ready'; url: string; pid: number };
export type ServerMessage = ReadyMessage | { type: 'loop'; at: number; p99: number; max: number; mean: number };

/** In a server under test: reports its event-loop delay (ms) over IPC every second. */
export function reportLoopDelay(): void {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const timer = setInterval(() => {
    process.send?.({
      type: 'loop',
      at: Date.now(),
      p99: h.percentile(99) / 1e6,
      max: h.max / 1e6,
      mean: h.mean / 1e6,
    } satisfies ServerMessage);
    h.reset();
  }, 1000);
  timer.unref();
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(values: number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const sum = values.reduce((a, b) => a + b, 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    count: values.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1]! : 0),
    mean: round(values.length ? sum / values.length : 0),
  };
}

const TICKS = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(out.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

export interface ProcSample {
  at: number;
  /** Resident set size, bytes. */
  rss: number;
  /** utime + stime in seconds. */
  cpuSeconds: number;
  /** The whole machine's CPU time stolen by the hypervisor, and all its CPU time, in ticks (/proc/stat). */
  machineSteal: number;
  machineTotal: number;
}

/** The machine's steal and total CPU ticks (the first line of /proc/stat); zeros where unreadable. */
function machineTicks(): { steal: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const ticks = line.trim().split(/\s+/).slice(1).map(Number); // user nice system idle iowait irq softirq steal …
    // guest time is already counted in user and nice, so only the first eight fields add up
    return { steal: ticks[7] ?? 0, total: ticks.slice(0, 8).reduce((a, b) => a + b, 0) };
  } catch {
    return { steal: 0, total: 0 };
  }
}

/** Reads RSS (VmRSS of /proc/PID/status) and CPU time (utime+stime of /proc/PID/stat); null when gone. */
export function readProc(pid: number): ProcSample | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from #3 (state) on
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const machine = machineTicks();
    return {
      at: Date.now(),
      rss: rssKb * 1024,
      cpuSeconds: (utime + stime) / TICKS,
      machineSteal: machine.steal,
      machineTotal: machine.total,
    };
  } catch {
    return null;
  }
}

/** Samples a process every `ms` until stopped. */
export class ProcSampler {
  readonly samples: ProcSample[] = [];
  private timer: NodeJS.Timeout;
  constructor(
    readonly pid: number,
    ms = 250,
  ) {
    const take = () => {
      const s = readProc(pid);
      if (s) this.samples.push(s);
    };
    take();
    this.timer = setInterval(take, ms);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * Peak RSS (bytes), mean CPU (% of one core) and the machine's steal time (% of all its CPU
   * time: the hypervisor running other guests, the noise of a shared VM) between two epoch-ms instants.
   */
  window(from: number, to: number): { rssPeak: number; rssEnd: number; cpuPercent: number; stealPercent: number } {
    const inside = this.samples.filter((s) => s.at >= from && s.at <= to);
    if (inside.length < 2)
      return { rssPeak: inside[0]?.rss ?? 0, rssEnd: inside[0]?.rss ?? 0, cpuPercent: 0, stealPercent: 0 };
    const first = inside[0]!;
    const last = inside[inside.length - 1]!;
    const cpu = ((last.cpuSeconds - first.cpuSeconds) / ((last.at - first.at) / 1000)) * 100;
    const ticks = last.machineTotal - first.machineTotal;
    const steal = ticks > 0 ? ((last.machineSteal - first.machineSteal) / ticks) * 100 : 0;
    return {
      rssPeak: Math.max(...inside.map((s) => s.rss)),
      rssEnd: last.rss,
      cpuPercent: Math.round(cpu * 10) / 10,
      stealPercent: Math.round(steal * 10) / 10,
    };
  }
}

let tasksetChecked: boolean | undefined;
/** Whether `taskset` exists and this machine has at least two cores. */
export function canPin(): boolean {
  if (tasksetChecked === undefined) {
    const probe = spawnSync('taskset', ['-c', '0', 'true']);
    tasksetChecked =
      probe.status === 0 && (readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 1) >= 2;
  }
  return tasksetChecked;
}

/**
 * Spawns `node [nodeArgs] --import tsx script [args]` with an IPC channel, pinned to `core`
 * when taskset is available (taskset execs node, so the pid is node's).
 */
export function spawnNode(
  script: string,
  args: string[],
  options: { core?: number; nodeArgs?: string[]; env?: NodeJS.ProcessEnv; quiet?: boolean } = {},
): ChildProcess {
  const nodeArgv = [...(options.nodeArgs ?? []), '--import', 'tsx', script, ...args];
  const pin = options.core !== undefined && canPin();
  const [command, argv] = pin
    ? ['taskset', ['-c', String(options.core), process.execPath, ...nodeArgv]]
    : [process.execPath, nodeArgv];
  return spawn(command, argv, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit', 'ipc'],
  });
}

/** Waits for a server child's `ready` message. */
export function serverReady(child: ChildProcess, what: string, ms = 30_000): Promise<ReadyMessage> {
  return nextMessage(child, (m): m is ReadyMessage => (m as ServerMessage | undefined)?.type === 'ready', ms, what);
}

/** Resolves with the first IPC message matching `accept`, rejecting after `ms` or when the child exits. */
export function nextMessage<T>(
  child: ChildProcess,
  accept: (m: unknown) => m is T,
  ms: number,
  what: string,
): Promise<T> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => finish(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    const onMessage = (m: unknown) => {
      if (accept(m)) finish(null, m);
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`${what}: process exited (${code ?? signal}) first`));
    const finish = (error: Error | null, value?: T) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) fail(error);
      else done(value as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Stops a child: SIGTERM, then SIGKILL after `ms`; resolves once it exited. */
export async function stopChild(child: ChildProcess, ms = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  await exited;
  clearTimeout(timer);
}

/** In a child: exit when the parent goes away or after `seconds`, whatever happens. */
export function dieWithParent(seconds: number, cleanup: () => Promise<void> | void = () => {}): void {
  let leaving = false;
  const leave = (code: number) => {
    if (leaving) return;
    leaving = true;
    const hard = setTimeout(() => process.exit(code), 2000);
    hard.unref();
    void Promise.resolve()
      .then(cleanup)
      .finally(() => process.exit(code));
  };
  process.on('disconnect', () => leave(0));
  process.on('SIGTERM', () => leave(0));
  process.on('SIGINT', () => leave(0));
  const limit = setTimeout(() => {
    console.error(`${process.argv[2] ?? 'child'}: time limit of ${seconds} s reached; exiting`);
    leave(3);
  }, seconds * 1000);
  limit.unref();
}
