/**
 * The load generator, a separate process (bench/load/index.ts forks it, pinned to its own core).
 * It opens N websocket connections to 127.0.0.1 and drives them in phases at a target command
 * rate per exercise, measuring for every command the time from emitting it to the resulting
 * patch reaching EVERY member of the sender's group (all teammates, the sender included), from
 * the ack's version and each member's arrival time of that version.
 *
 * - `game`: exercises played by `ExercisePlayer` (exercise-player.ts) through the shared
 *   protocol client; some commands are sent twice with the same id (as a resend after a
 *   reconnect would be). Integrity: each team's decision log against what was sent (integrity.ts).
 * - `relay`: rooms of the same size on a bare relay (relay-room.ts); a member emits a ~2 KB
 *   update that the relay broadcasts to the room. Same rate, same latency rule.
 *
 * What is measured lives in one `Measurements` per run (measure.ts), not in module state.
 * `node --import tsx bench/load/generator.ts '<GeneratorConfig as JSON>'`; reports over IPC.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import {
  dieWithParent,
  summarize,
  type GeneratorConfig,
  type GeneratorMessage,
  type GeneratorReport,
  type IntegrityResult,
  type PhaseResult,
} from './common.ts';
import { ExercisePlayer } from './exercise-player.ts';
import { Integrity } from './integrity.ts';
import { bump, Measurements, type Driver, type PhaseStats } from './measure.ts';
import { pool, sleep } from './net.ts';
import { RelayRoom } from './relay-room.ts';

/** How long a command may wait for its ack before it counts as an error. */
const ACK_TIMEOUT_MS = 10_000;

/** One run of the generator with `config`; `send` reports progress to the parent. */
async function run(config: GeneratorConfig, send: (m: GeneratorMessage) => void): Promise<GeneratorReport> {
  const log = (line: string) => send({ type: 'log', line });
  const measurements = new Measurements();
  const integrity = new Integrity();
  let stopping = false;
  const started = performance.now();
  const body = 'x'.repeat(Math.max(0, config.relayBytes - 40)); // ~relayBytes once wrapped in JSON with room and version
  const shared = {
    url: config.url,
    scenarioId: config.scenarioId,
    teams: config.teams,
    players: config.players,
    ackTimeoutMs: ACK_TIMEOUT_MS,
    measurements,
    integrity,
    log,
    stopping: () => stopping,
  };
  const drivers: Array<ExercisePlayer | RelayRoom> = Array.from({ length: config.exercises }, (_, i) =>
    config.target === 'game' ? new ExercisePlayer(shared, i) : new RelayRoom(shared, i, body),
  );
  let failedSetups = 0;
  await pool(drivers, 8, async (d, i) => {
    try {
      await d.setup();
    } catch (e) {
      failedSetups++;
      bump(measurements.setupErrors, 'setup-failed');
      if (failedSetups <= 3) log(`setup of ${config.target} ${i} failed: ${(e as Error).message}`);
    }
  });
  const setupSeconds = (performance.now() - started) / 1000;
  const connections = drivers.reduce((n, d) => n + d.connections, 0);
  log(
    `${config.target}: ${connections} connections in ${drivers.length} ${config.target === 'game' ? 'exercises' : 'rooms'} ready in ${setupSeconds.toFixed(1)} s`,
  );

  const sweeper = setInterval(() => {
    const now = performance.now();
    for (const d of drivers) for (const g of d.groups) g.sweep(now);
  }, 1000);

  const results: PhaseResult[] = [];
  const queue = [...config.phases];
  const retried = new Set<string>();
  for (let phase = queue.shift(); phase; phase = queue.shift()) {
    const stats: PhaseStats = {
      name: phase.name,
      targetRate: phase.ratePerExercise * drivers.length,
      startedAt: Date.now(),
      startedPerf: performance.now(),
      endedAt: 0,
      endedPerf: 0,
      latencies: [],
      byKind: new Map(),
      ackLatencies: [],
      acked: 0,
      errors: {},
      cpuStart: process.cpuUsage(),
      cpuEnd: null,
      loop: monitorEventLoopDelay({ resolution: 5 }),
    };
    stats.loop.enable();
    measurements.phases.push(stats);
    measurements.current = stats;
    send({ type: 'phase', name: phase.name, startedAt: stats.startedAt });
    await drive(drivers, phase.ratePerExercise, phase.seconds * 1000);
    stats.endedPerf = performance.now();
    stats.endedAt = Date.now();
    stats.cpuEnd = process.cpuUsage(stats.cpuStart);
    stats.loop.disable();
    measurements.current = null;
    // let the phase's last commands land before judging it (and before the next step)
    for (let i = 0; i < 30 && drivers.some((d) => d.inflight > 0 || d.groups.some((g) => g.pending > 0)); i++)
      await sleep(100);
    const secs = (stats.endedPerf - stats.startedPerf) / 1000;
    const result: PhaseResult = {
      name: stats.name,
      targetRate: stats.targetRate,
      achievedRate: Math.round((stats.acked / secs) * 10) / 10,
      commands: stats.acked,
      latency: summarize(stats.latencies),
      ...(stats.name === 'steady' ? { raw: stats.latencies.map((x) => Math.round(x * 100) / 100) } : {}),
      byKind: Object.fromEntries([...stats.byKind].map(([k, v]) => [k, summarize(v)])),
      ack: summarize(stats.ackLatencies),
      errors: stats.errors,
      startedAt: stats.startedAt,
      endedAt: stats.endedAt,
      generatorLoopDelay: {
        p99: Math.round(stats.loop.percentile(99) / 1e4) / 100,
        max: Math.round(stats.loop.max / 1e4) / 100,
      },
      generatorCpu: Math.round(((stats.cpuEnd.user + stats.cpuEnd.system) / 1e6 / secs) * 1000) / 10,
    };
    results.push(result);
    log(
      `${config.target} ${result.name}: ${result.achievedRate}/s (target ${result.targetRate}), p50 ${result.latency.p50} p95 ${result.latency.p95} p99 ${result.latency.p99} ms (ack p95 ${result.ack.p95}; ${Object.entries(
        result.byKind,
      )
        .map(([k, v]) => `${k} ×${v.count} p50 ${v.p50} p95 ${v.p95}`)
        .join(
          ', ',
        )}), generator CPU ${result.generatorCpu}% loop p99 ${result.generatorLoopDelay.p99} max ${result.generatorLoopDelay.max} ms${Object.keys(result.errors).length ? `, errors ${JSON.stringify(result.errors)}` : ''}`,
    );
    if (phase.name.startsWith('step') && config.stopAboveP95 > 0 && result.latency.p95 > config.stopAboveP95) {
      // One more try at the same rate: a single stall of a busy machine should not end the climb.
      if (retried.has(phase.name)) break;
      retried.add(phase.name);
      queue.unshift(phase);
    }
  }
  stopping = true;
  clearInterval(sweeper);

  let integrityResult: IntegrityResult | null = null;
  if (config.target === 'game') {
    await pool(
      drivers.filter((d): d is ExercisePlayer => d instanceof ExercisePlayer && !d.busy && d.exerciseId !== ''),
      10,
      async (d) => {
        try {
          await d.check();
        } catch (e) {
          bump(measurements.setupErrors, 'check-failed');
          log(`check of ${d.exerciseId} failed: ${(e as Error).message}`);
        }
      },
    );
    integrityResult = integrity.result;
  }
  for (const d of drivers) d.close();
  const byKind: GeneratorReport['payload']['byKind'] = {};
  const payload = measurements.payload;
  for (const [k, v] of payload.byKind) byKind[k] = { samples: v.samples, meanBytes: Math.round(v.total / v.samples) };
  return {
    target: config.target,
    connections,
    exercises: drivers.length,
    setupSeconds: Math.round(setupSeconds * 10) / 10,
    phases: results,
    integrity: integrityResult,
    payload: {
      samples: payload.samples,
      meanBytes: payload.samples ? Math.round(payload.total / payload.samples) : 0,
      maxBytes: payload.max,
      byKind,
    },
    setupErrors: measurements.setupErrors,
  };
}

/** Holds `ratePerExercise` commands per second on every driver for `ms` (evenly spaced, random phase). */
async function drive(drivers: Driver[], ratePerExercise: number, ms: number): Promise<void> {
  if (ratePerExercise <= 0) return sleep(ms);
  const interval = 1000 / ratePerExercise;
  const start = performance.now();
  const next = drivers.map(() => start + Math.random() * interval);
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (now - start >= ms) {
        clearInterval(timer);
        done();
        return;
      }
      for (let i = 0; i < drivers.length; i++) {
        let burst = 0;
        while (next[i]! <= now && burst++ < 8) {
          drivers[i]!.step(); // an idle slot (waiting for the next inject) is simply skipped
          next[i]! += interval;
        }
        if (next[i]! < now - 1000) next[i] = now; // far behind: do not burst to catch up
      }
    }, 2);
  });
}

const config = JSON.parse(process.argv[2] ?? '{}') as GeneratorConfig;
dieWithParent(config.maxSeconds);
const report = (m: GeneratorMessage) => process.send?.(m);
run(config, report).then(
  (result) => {
    report({ type: 'report', report: result });
    setTimeout(() => process.exit(0), 200);
  },
  (e: Error) => {
    report({ type: 'log', line: `generator failed: ${e.stack ?? e.message}` });
    setTimeout(() => process.exit(1), 200);
  },
);
