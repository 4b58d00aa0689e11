/**
 * Abuse bench (issue 11 item 9; rules R4–R8): a normal player's ack latency while one abusive
 * player token runs 200 sockets at full speed. The real server (limits as shipped) runs in its
 * own process on core 0, the abuser in another on core 1 from 127.0.0.2, and the normal player
 * (Ada, one vote every 100 ms) in this process from 127.0.0.1, on the same team as the abuser.
 * Goal: Ada's ack p95 stays under 50 ms, and /healthz keeps answering. Loopback only, bounded
 * in sockets (200) and time (a few seconds each phase).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { BenchOptions, BenchPart, BenchResult } from '../run.ts';
import { PROTOCOL_VERSION, type Ack, type CreatedExercise, type Joined, type Welcome } from '../../protocol/index.ts';
import {
  nextMessage,
  ProcSampler,
  ROOT,
  serverReady,
  spawnNode,
  stopChild,
  summarize,
  type LatencySummary,
  type ServerMessage,
} from '../load/common.ts';
import type { AbuserConfig, AbuserMessage, AbuserReport } from './abuser.ts';

const GOAL_P95_MS = 50;
const ABUSIVE_SOCKETS = 200;

async function post<T>(url: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** A socket that has said hello; resolves with it and the welcome's snapshot. */
async function seat(url: string, exerciseId: string, token: string): Promise<{ socket: Socket; welcome: Welcome }> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((done, fail) => {
    socket.once('connect', () => done());
    socket.once('connect_error', fail);
  });
  const welcome = (await socket
    .timeout(10_000)
    .emitWithAck('hello', { protocol: PROTOCOL_VERSION, exerciseId, token, lastVersion: null })) as Welcome;
  if (!welcome.ok) throw new Error(`hello refused: ${welcome.message}`);
  return { socket, welcome };
}

interface Phase {
  acks: LatencySummary;
  /** The server's CPU (% of one core) and worst event-loop delay (ms) meanwhile. */
  serverCpu: number;
  loopMax: number;
  refused: number;
  health: LatencySummary;
  healthFailures: number;
}

/** Ada votes every 100 ms (alternating options) and /healthz is asked every 500 ms, for `seconds`. */
async function measure(
  url: string,
  ada: Socket,
  inject: string,
  options: string[],
  seconds: number,
  server: ServerWatch,
): Promise<Phase> {
  const from = Date.now();
  const acks: number[] = [];
  const health: number[] = [];
  let refused = 0;
  let healthFailures = 0;
  const pending: Array<Promise<void>> = [];
  const end = performance.now() + seconds * 1000;
  let n = 0;
  let nextHealth = 0;
  while (performance.now() < end) {
    const started = performance.now();
    const option = options[n++ % options.length]!;
    pending.push(
      ada
        .timeout(10_000)
        .emitWithAck('command', { id: `ada-${Date.now()}-${n}`, command: { type: 'vote', option, inject } })
        .then(
          (ack: Ack) => {
            acks.push(performance.now() - started);
            if (!ack.ok) refused++;
          },
          () => void (refused++, acks.push(10_000)),
        ),
    );
    if (started >= nextHealth) {
      nextHealth = started + 500;
      pending.push(
        fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) }).then(
          (res) => {
            health.push(performance.now() - started);
            if (!res.ok) healthFailures++;
          },
          () => {
            healthFailures++;
          },
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all(pending);
  const to = Date.now();
  const loops = server.loops.filter((l) => l.at >= from && l.at <= to + 1000);
  return {
    acks: summarize(acks),
    refused,
    health: summarize(health),
    healthFailures,
    serverCpu: server.cpu.window(from, to).cpuPercent,
    loopMax: Math.round(Math.max(0, ...loops.map((l) => l.max))),
  };
}

interface ServerWatch {
  cpu: ProcSampler;
  loops: Array<{ at: number; max: number }>;
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const seconds = options.quick ? 4 : 10;
  const server = spawnNode(join(ROOT, 'bench/load/game-server.ts'), [String(seconds * 3 + 60)], {
    core: 0,
    env: { BENCH_SHIPPED_LIMITS: '1' },
  });
  let abuser: ReturnType<typeof spawnNode> | undefined;
  const sockets: Socket[] = [];
  try {
    const { url, pid } = await serverReady(server, 'the game server');
    const watch: ServerWatch = { cpu: new ProcSampler(pid), loops: [] };
    server.on('message', (m: ServerMessage) => {
      if (m.type === 'loop') watch.loops.push({ at: m.at, max: m.max });
    });
    const scenarios = (await (await fetch(`${url}/api/scenarios`)).json()) as Array<{ id: string }>;
    const created = await post<CreatedExercise>(url, '/api/exercises', {
      scenarioId: scenarios[0]!.id,
      mode: 'vote',
      teams: ['Red'],
    });
    // Bob never votes, so the team's decision stays open however many votes arrive.
    const [ada, , mallory] = await Promise.all(
      ['Ada', 'Bob', 'Mallory'].map((name) =>
        post<Joined>(url, '/api/join', { code: created.code, name, teamId: 't1' }),
      ),
    );
    const facilitator = await seat(url, created.exerciseId, created.facilitatorKey);
    sockets.push(facilitator.socket);
    const started = (await facilitator.socket
      .timeout(10_000)
      .emitWithAck('command', { id: 'bench-start-1', command: { type: 'start' } })) as Ack;
    if (!started.ok) throw new Error(`start refused: ${started.message}`);
    const adaSeat = await seat(url, ada!.exerciseId, ada!.token);
    sockets.push(adaSeat.socket);
    const snapshot = 'snapshot' in adaSeat.welcome ? adaSeat.welcome.snapshot : undefined;
    const inject = snapshot?.teams[0]?.progress.inject;
    if (!inject?.decision) throw new Error('the first inject of the first bundled drill has no decision to vote on');
    const optionIds = inject.decision.options.map((o) => o.id);

    const baseline = await measure(url, adaSeat.socket, inject.id, optionIds, seconds, watch);

    const config: AbuserConfig = {
      url,
      exerciseId: mallory!.exerciseId,
      token: mallory!.token,
      inject: inject.id,
      options: optionIds,
      sockets: ABUSIVE_SOCKETS,
      seconds: seconds + 2,
      localAddress: '127.0.0.2',
      retryMs: 250,
    };
    abuser = spawnNode(join(ROOT, 'bench/abuse/abuser.ts'), [JSON.stringify(config)], { core: 1 });
    // listen for the report now: it may come while the last acks of the measurement are still on their way
    const reported = nextMessage(
      abuser,
      (m): m is AbuserMessage & { type: 'report' } => (m as AbuserMessage).type === 'report',
      (seconds + 60) * 1000,
      "the abuser's report",
    );
    await nextMessage(
      abuser,
      (m): m is AbuserMessage => (m as AbuserMessage).type === 'flooding',
      30_000,
      'the abuser',
    );
    const abused = await measure(url, adaSeat.socket, inject.id, optionIds, seconds, watch);
    const report = (await reported).report as AbuserReport;

    const met = abused.acks.p95 < GOAL_P95_MS && abused.refused === 0 && abused.healthFailures === 0;
    watch.cpu.stop();
    const row = (name: string, p: Phase) => [
      name,
      p.acks.count,
      p.acks.p50,
      p.acks.p95,
      p.acks.p99,
      p.acks.max,
      p.refused,
      p.health.max,
      p.healthFailures,
      p.serverCpu,
      p.loopMax,
    ];
    const codes = Object.entries(report.acks).sort((a, b) => b[1] - a[1]);
    return {
      tables: [
        {
          title: `A normal player's votes (10/s) before and while one token floods from ${ABUSIVE_SOCKETS} sockets (ms)`,
          columns: [
            'phase',
            'acks',
            'p50',
            'p95',
            'p99',
            'max',
            'refused',
            'healthz max',
            'healthz failed',
            'server CPU %',
            'server loop delay max',
          ],
          rows: [row('alone', baseline), row('under abuse', abused)],
        },
        {
          title: 'What the abusive token got',
          columns: ['what', 'count'],
          rows: [
            ['commands sent', report.sent],
            ['connections made', report.connects],
            ['connections refused', report.refusedConnects],
            ['closed by the server', report.closedByServer],
            ...codes.map(([code, n]): [string, number] => [`answer: ${code}`, n]),
          ],
        },
      ],
      notes: [
        `goal: the normal player's ack p95 under abuse < ${GOAL_P95_MS} ms, none refused, /healthz answering: ${met ? 'met' : 'MISSED'} (${abused.acks.p95} ms)`,
        'On a shared machine the latencies follow the CPU the server is given (see /proc/pressure/cpu); the server CPU columns show what the abuse itself costs.',
      ],
      data: { seconds, abusiveSockets: ABUSIVE_SOCKETS, baseline, abused, abuser: report, goalP95Ms: GOAL_P95_MS, met },
      summary: [
        { metric: 'normal player ack p95 under abuse (ms)', value: abused.acks.p95, goal: `< ${GOAL_P95_MS}`, met },
        { metric: 'normal player ack p95 alone (ms)', value: baseline.acks.p95 },
        {
          metric: 'server CPU alone / under abuse (% of a core)',
          value: `${baseline.serverCpu} / ${abused.serverCpu}`,
        },
        {
          metric: 'abusive commands sent / answered RATE_LIMITED',
          value: `${report.sent} / ${report.acks.RATE_LIMITED ?? 0}`,
        },
      ],
    };
  } finally {
    for (const socket of sockets) socket.disconnect();
    if (abuser) await stopChild(abuser);
    await stopChild(server);
  }
}

export const abuseBench: BenchPart = {
  name: 'abuse',
  description: `a normal player's ack p95 while one token floods from ${ABUSIVE_SOCKETS} sockets (goal < ${GOAL_P95_MS} ms)`,
  run,
};
