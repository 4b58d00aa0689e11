/**
 * Recovery benchmark: seed a fresh DATA_DIR with N unfinished exercises (default 200) by playing
 * them partway through the real server (HTTP joins, socket votes, so the log is genuine), SIGKILL
 * the server, start it again the way `npm start` does (`node bin/start.js`: the compiled server in
 * dist/server, built beforehand) and time spawn → the first /healthz answer counting every
 * exercise restored. The server only listens once it has replayed every unfinished exercise, so
 * its first answer already has them all; a sample of exercises is then checked over the protocol
 * (facilitator snapshot at the version acked before the kill). For scale, in the same run: a bare
 * `node` HTTP server's spawn → first answer (what any Node server costs here), the same start on
 * an empty DATA_DIR, and the start through tsx (`breachdrill serve`, compiling TypeScript on
 * the fly, as `npm start` did before dist/server).
 * The seeding server runs the same engine, so its drill checks are in the check cache as after
 * any crash (the cache is keyed by the engine's sources, not the build); the empty DATA_DIR
 * start has no cache and checks every bundled drill in full, as the first start after an engine
 * upgrade does.
 * Goals: serving again, all restored, within 2 s of start (issue 6), and within 1 s of the bare
 * node start (issue 10).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCompiled, ROOT, serverReady, spawnNode, stopChild } from './load/common.ts';
import { connect, post } from './load/net.ts';
import { reach, takeSeat, type Seat } from './load/seat.ts';
import type { CommandResult, CreatedExercise, Joined } from '../protocol/index.ts';
import type { BenchOptions, BenchPart, BenchResult } from './run.ts';

export const GOAL_MS = 2000;
/** The compiled restart may take at most this much longer than a bare node HTTP server's start. */
export const OVER_BARE_GOAL_MS = 1000;
const MANAGER_KEY = 'bench-manager-key-0123456789';

interface Seeded {
  exerciseId: string;
  facilitatorKey: string;
  version: number;
}

/** How long a hello, an ack or a patch may take while seeding. */
const TIMEOUT_MS = 10_000;

/**
 * Plays one exercise partway: create, join `players`, start, then `decisions` decisions by a full
 * vote (and `continue` where an inject has none). Reuses the worker's sockets with new tokens.
 */
async function seedOne(
  url: string,
  seats: Seat[],
  facilitatorSeat: Seat,
  players: number,
  decisions: number,
  index: number,
): Promise<Seeded> {
  const created = await post<CreatedExercise>(url, '/api/exercises', {
    scenarioId: 'poisoned-fraud-detector',
    mode: 'vote',
    teams: ['Team 1'],
  });
  const joined = await Promise.all(
    Array.from({ length: players }, (_, i) =>
      post<Joined>(url, '/api/join', { code: created.code, name: `Seed ${index}.${i}`, teamId: 't1' }),
    ),
  );
  const facilitator = await takeSeat(facilitatorSeat, created.exerciseId, created.facilitatorKey, TIMEOUT_MS);
  const clients = await Promise.all(joined.map((j, i) => takeSeat(seats[i]!, created.exerciseId, j.token, TIMEOUT_MS)));
  let ack: CommandResult = await facilitator.send({ type: 'start' });
  if (!ack.ok) throw new Error(`start: ${ack.message}`);
  let version = ack.version;
  let made = 0;
  for (let step = 0; step < decisions * 3 && made < decisions; step++) {
    const state = await reach(facilitator, version, TIMEOUT_MS);
    const inject = state.teams[0]!.progress.inject;
    if (!inject) break;
    if (!inject.decision) {
      ack = await clients[0]!.send({ type: 'continue', inject: inject.id });
    } else {
      const options = inject.decision.options;
      const option = options[(index + made) % options.length]!.id;
      const acks = await Promise.all(clients.map((c) => c.send({ type: 'vote', option, inject: inject.id })));
      ack =
        acks.find((a) => !a.ok) ??
        acks.reduce((a, b) => ((a as { version: number }).version > (b as { version: number }).version ? a : b));
      made++;
    }
    if (!ack.ok) throw new Error(`seed command refused: ${ack.message}`);
    version = Math.max(version, ack.version);
  }
  // a couple of votes on the open decision, so restored exercises hold votes in flight too
  const open = (await reach(facilitator, version, TIMEOUT_MS)).teams[0]!.progress.inject;
  if (open?.decision) {
    for (let i = 0; i < Math.min(2, players - 1); i++) {
      const a = await clients[i]!.send({ type: 'vote', option: open.decision.options[0]!.id, inject: open.id });
      if (a.ok) version = Math.max(version, a.version);
    }
  }
  return { exerciseId: created.exerciseId, facilitatorKey: created.facilitatorKey, version };
}

/**
 * CPU time (user + system, its children included) a process has used, from /proc; null where
 * there is no /proc. On a shared machine the wall-clock start stretches with the load, the CPU
 * time much less, so the bench prints both. Linux counts in USER_HZ ticks, 100 a second.
 */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) * 10;
  } catch {
    return null;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

interface Start {
  /** Spawn → first /healthz answer with every exercise. */
  ms: number;
  exercises: number;
  /** CPU the process used until that answer (user + system), or null off Linux. */
  cpuMs: number | null;
  /** What the server says restoring took ("restored N … in X ms"). */
  restoreMs: number | null;
  output: string;
  kill(): Promise<void>;
  url: string;
}

/** How a server is started: `npm start`'s compiled server, the tsx one, or a bare node HTTP server. */
type Way = 'compiled' | 'tsx' | 'bare';

const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('{"exercises":0}')).listen(Number(process.env.PORT), '127.0.0.1')`;

function argsOf(way: Way): string[] {
  if (way === 'compiled') return [join(ROOT, 'bin/start.js')];
  if (way === 'tsx') return [join(ROOT, 'bin/breachdrill.js'), 'serve'];
  return ['-e', BARE_SERVER];
}

/** Starts a server on DATA_DIR and polls /healthz until `expect` exercises are up. */
async function timedStart(dataDir: string, expect: number, way: Way = 'compiled', timeoutMs = 120_000): Promise<Start> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = argsOf(way);
  const started = performance.now();
  // not pinned: nothing else runs during a restart, and production servers are not pinned either
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SCENARIOS_DIR: join(ROOT, 'scenarios'),
      CLIENT_DIR: join(dataDir, 'no-client'),
      BREACHDRILL_MANAGER_KEY: MANAGER_KEY,
      // the check after a restart says hello to a sample of exercises on one socket (R5 allows a person 2/s)
      BREACHDRILL_HELLOS_PER_SOCKET: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await gone;
  };
  try {
    for (;;) {
      if (performance.now() - started > timeoutMs)
        throw new Error(`no healthy answer within ${timeoutMs} ms:\n${output}`);
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
        const body = (await res.json()) as { exercises?: number };
        if (res.ok && (body.exercises ?? 0) >= expect) {
          const ms = performance.now() - started;
          const cpuMs = cpuMsOf(child.pid);
          const m = /restored (\d+) unfinished exercise\(s\) in (\d+) ms/.exec(output);
          return { ms, cpuMs, exercises: body.exercises ?? 0, restoreMs: m ? Number(m[2]) : null, output, kill, url };
        }
      } catch {
        /* not listening yet */
      }
      await new Promise((done) => setTimeout(done, 5));
    }
  } catch (error) {
    await kill();
    throw error;
  }
}

export const recoveryBench: BenchPart = {
  name: 'recovery',
  description: 'SIGKILL a server holding N unfinished exercises, restart it, time spawn → /healthz with all restored',
  async run(options: BenchOptions): Promise<BenchResult> {
    const exercises = Number(options.params['recovery-exercises'] ?? process.env.BENCH_RECOVERY_EXERCISES ?? 200);
    const players = options.quick ? 8 : 20;
    const decisions = options.quick ? 2 : 4;
    const dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-recovery-'));
    const emptyDir = mkdtempSync(join(tmpdir(), 'breachdrill-empty-'));
    try {
      // 1. seed through the real server
      const seedStart = performance.now();
      const server = spawnNode(join(ROOT, 'bench/load/game-server.ts'), ['600'], {
        core: 0,
        env: { DATA_DIR: dataDir },
      });
      const seeded: Seeded[] = [];
      let events = 0;
      try {
        const { url } = await serverReady(server, 'seed server start');
        const workers = 8;
        let next = 0;
        await Promise.all(
          Array.from({ length: workers }, async () => {
            const seats: Seat[] = await Promise.all(
              Array.from({ length: players }, async () => ({ socket: await connect(url), client: null })),
            );
            const facilitator: Seat = { socket: await connect(url), client: null };
            try {
              while (next < exercises) {
                const i = next++;
                seeded.push(await seedOne(url, seats, facilitator, players, decisions, i));
              }
            } finally {
              for (const s of [...seats, facilitator]) s.socket.close();
            }
          }),
        );
        events = seeded.reduce((n, s) => n + s.version, 0);
        await new Promise((done) => setTimeout(done, 300)); // let a heartbeat land, as on a live server
      } finally {
        server.kill('SIGKILL'); // 2. the crash
        await stopChild(server, 1000);
      }
      const seedSeconds = (performance.now() - seedStart) / 1000;

      // 3. restart, the way `npm start` runs it: the compiled server (built first, not timed)
      buildCompiled();
      const bare: Start[] = [];
      for (let i = 0; i < 3; i++) {
        const start = await timedStart(emptyDir, 0, 'bare');
        bare.push(start);
        await start.kill();
      }
      const bareMs = median(bare.map((b) => b.ms));
      const empty = await timedStart(emptyDir, 0);
      await empty.kill();
      const viaTsx = await timedStart(dataDir, exercises, 'tsx');
      await viaTsx.kill();
      const runs: Start[] = [];
      for (let i = 0; i < (options.quick ? 1 : 3); i++) {
        const start = await timedStart(dataDir, exercises);
        runs.push(start);
        if (i === 0) {
          // all there: a sample over the protocol, at the version acked before the kill (or one more, the restart event)
          const sample = seeded.filter((_, k) => k % Math.max(1, Math.floor(seeded.length / 10)) === 0);
          const seat: Seat = { socket: await connect(start.url), client: null };
          let bad = 0;
          try {
            for (const s of sample) {
              const snapshot = (await takeSeat(seat, s.exerciseId, s.facilitatorKey, TIMEOUT_MS)).snapshot;
              if (!snapshot || snapshot.version < s.version || snapshot.exercise.status !== 'running') bad++;
            }
          } finally {
            seat.socket.close();
          }
          if (bad)
            throw new Error(`${bad} of ${sample.length} sampled exercises did not come back at their acked version`);
        }
        await start.kill(); // SIGKILL again: each restart replays the same log
      }
      const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
      const worst = runs.reduce((a, b) => (b.ms > a.ms ? b : a));
      const first = runs[0]!;
      const met = first.ms <= GOAL_MS;
      const overBare = first.ms - bareMs;
      const round = (n: number) => Math.round(n);
      return {
        tables: [
          {
            title: `Recovery after SIGKILL: ${exercises} unfinished exercises, ${events.toLocaleString('en-US')} events (goals: serving, all restored, ≤ ${GOAL_MS} ms from spawn and ≤ ${OVER_BARE_GOAL_MS} ms more than a bare node server)`,
            columns: ['start', 'spawn → healthy ms', 'CPU ms until then', 'restore ms (server log)', 'exercises up'],
            rows: [
              ['bare node HTTP server (median of 3)', round(bareMs), median(bare.map((b) => b.cpuMs ?? 0)), '', ''],
              [
                'compiled, empty DATA_DIR (every drill checked in full)',
                round(empty.ms),
                empty.cpuMs ?? '',
                empty.restoreMs ?? '',
                empty.exercises,
              ],
              ...runs.map((r, i) => [
                `compiled, after SIGKILL #${i + 1}`,
                round(r.ms),
                r.cpuMs ?? '',
                r.restoreMs ?? '',
                r.exercises,
              ]),
              [
                'tsx (breachdrill serve), after SIGKILL',
                round(viaTsx.ms),
                viaTsx.cpuMs ?? '',
                viaTsx.restoreMs ?? '',
                viaTsx.exercises,
              ],
            ],
          },
        ],
        notes: [
          `seeded in ${seedSeconds.toFixed(1)} s (${players} players per exercise, ${decisions} decisions played); sample of exercises checked at their acked version after restart`,
        ],
        summary: [
          {
            metric: `recovery: ${exercises} exercises, spawn → healthy (ms)`,
            value: round(first.ms),
            goal: `≤ ${GOAL_MS}`,
            met,
          },
          { metric: 'of which restoring (ms, server log)', value: first.restoreMs ?? 'n/a' },
          { metric: 'bare node HTTP server, spawn → first answer (ms)', value: round(bareMs) },
          {
            metric: 'recovery minus the bare node start (ms)',
            value: round(overBare),
            goal: `≤ ${OVER_BARE_GOAL_MS}`,
            met: overBare <= OVER_BARE_GOAL_MS,
          },
          { metric: 'the same restart through tsx (ms)', value: round(viaTsx.ms) },
        ],
        data: {
          goalMs: GOAL_MS,
          exercises,
          events,
          playersPerExercise: players,
          decisionsPlayed: decisions,
          seedSeconds: Math.round(seedSeconds * 10) / 10,
          emptyStartMs: round(empty.ms),
          bareNodeMs: bare.map((b) => round(b.ms)),
          overBareMs: round(overBare),
          overBareGoalMs: OVER_BARE_GOAL_MS,
          tsxStartMs: round(viaTsx.ms),
          tsxRestoreMs: viaTsx.restoreMs,
          runs: runs.map((r) => ({ ms: round(r.ms), cpuMs: r.cpuMs, restoreMs: r.restoreMs, exercises: r.exercises })),
          bareCpuMs: bare.map((b) => b.cpuMs),
          emptyCpuMs: empty.cpuMs,
          tsxCpuMs: viaTsx.cpuMs,
          firstMs: round(first.ms),
          bestMs: round(best.ms),
          worstMs: round(worst.ms),
          meetsGoal: met,
        },
      };
    } finally {
      if (process.env.BENCH_KEEP_DATA) console.log(`kept the seeded DATA_DIR: ${dataDir}`);
      else rmSync(dataDir, { recursive: true, force: true });
      rmSync(emptyDir, { recursive: true, force: true });
    }
  },
};
