/**
 * The cluster part (issue 16): the same load through 1 node and through 2 nodes, both on
 * PostgreSQL and Redis, p95 and throughput side by side; then the failover time (SIGKILL of the
 * node serving an exercise until another node answers for it). Every exercise's facilitator
 * sends ad-hoc injects at a fixed rate and its players receive them; facilitators and players are
 * spread over the nodes, so with 2 nodes about half the commands are forwarded to the serving
 * node. The load clients share the machine with the nodes (2 cores here): read the figures as a
 * comparison, not as capacity. Needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL or the local
 * defaults); without them the part says so and measures nothing.
 */
import { randomUUID } from 'node:crypto';
import { connectClient, type TestClient } from '../test/helpers/client.ts';
import { createExercise, joinExercise } from '../test/helpers/http.ts';
import { postgresProblem, redisProblem } from '../test/helpers/services.ts';
import { TestCluster } from '../test/cluster/helpers.ts';
import { summarize } from './load/common.ts';
import type { BenchOptions, BenchPart, BenchResult } from './run.ts';

interface Side {
  nodes: number;
  acked: number;
  failed: number;
  seconds: number;
  latency: ReturnType<typeof summarize>;
}

/** Drives `exercises` exercises on the cluster's nodes for `seconds`: each facilitator sends `rate` injects a second. */
async function drive(
  cluster: TestCluster,
  exercises: number,
  players: number,
  rate: number,
  seconds: number,
): Promise<Omit<Side, 'nodes'>> {
  const urls = cluster.nodes.map((n) => n.url);
  const clients: TestClient[] = [];
  const facilitators: TestClient[] = [];
  for (let e = 0; e < exercises; e++) {
    const made = urls[e % urls.length]!;
    const created = await createExercise(made, { scenarioId: 'mini-drill', mode: 'vote', teams: ['Red', 'Blue'] });
    const staff = await connectClient(
      urls[(e + 1) % urls.length]!,
      { exerciseId: created.exerciseId, token: created.facilitatorKey },
      { ackTimeout: 10_000 },
    );
    facilitators.push(staff);
    clients.push(staff);
    for (let p = 0; p < players; p++) {
      const at = urls[(e + p) % urls.length]!;
      const joined = await joinExercise(at, { code: created.code, name: `P${p + 1}`, teamId: p % 2 ? 't2' : 't1' });
      clients.push(await connectClient(at, joined, { ackTimeout: 10_000 }));
    }
    await staff.command({ type: 'start' });
  }
  const latencies: number[] = [];
  let failed = 0;
  const started = Date.now();
  const until = started + seconds * 1000;
  await Promise.all(
    facilitators.map(async (staff, e) => {
      // spread the exercises' sends over the interval
      await new Promise((done) => setTimeout(done, (e * 1000) / rate / facilitators.length));
      for (let n = 0; Date.now() < until; n++) {
        const sent = Date.now();
        const result = await staff.command(
          { type: 'inject', teamId: 'all', title: `Load ${n}`, body: 'A bench inject.' },
          randomUUID(),
        );
        if (result.ok) latencies.push(Date.now() - sent);
        else failed++;
        const next = sent + 1000 / rate;
        if (next > Date.now()) await new Promise((done) => setTimeout(done, next - Date.now()));
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  for (const client of clients) client.close();
  return { acked: latencies.length, failed, seconds: elapsed, latency: summarize(latencies) };
}

/** SIGKILLs the node serving an exercise and times until another node answers a hello for it. */
async function failover(cluster: TestCluster): Promise<number> {
  const urls = cluster.nodes.map((n) => n.url);
  const created = await createExercise(urls[0]!, { scenarioId: 'mini-drill', mode: 'vote', teams: ['Red'] });
  const staff = await connectClient(urls[1]!, { exerciseId: created.exerciseId, token: created.facilitatorKey });
  await staff.command({ type: 'start' });
  staff.close();
  const owner = await cluster.owner(created.exerciseId);
  if (!owner) throw new Error('no node serves the exercise');
  await owner.process.kill('SIGKILL');
  const killed = Date.now();
  const other = cluster.nodes.find((n) => n !== owner)!;
  const probe = await connectClient(
    other.url,
    { exerciseId: created.exerciseId, token: created.facilitatorKey },
    { ackTimeout: 10_000, reconnection: false },
  );
  const ms = Date.now() - killed;
  probe.close();
  return ms;
}

export const clusterBench: BenchPart = {
  name: 'cluster',
  description:
    'the same load through 1 and 2 nodes on PostgreSQL and Redis (p95, throughput), and the failover time after a SIGKILL',
  async run(options: BenchOptions): Promise<BenchResult> {
    const problems = (await Promise.all([postgresProblem(), redisProblem()])).filter(Boolean);
    if (problems.length) {
      const note = `cluster bench skipped: ${problems.join('; ')}`;
      console.warn(`!!!!! ${note} !!!!!`);
      return {
        tables: [],
        notes: [note],
        data: { skipped: note },
        summary: [{ metric: 'cluster', value: 'skipped (no PostgreSQL or Redis)' }],
      };
    }
    const exercises = Number(options.params.exercises ?? (options.quick ? 6 : 20));
    const players = Number(options.params.players ?? (options.quick ? 3 : 5));
    const rate = Number(options.params.rate ?? 2);
    const seconds = Number(options.params.seconds ?? (options.quick ? 8 : 20));
    const sides: Side[] = [];
    let failoverMs: number[] = [];
    for (const nodes of [1, 2]) {
      const cluster = await TestCluster.start(nodes);
      try {
        sides.push({ nodes, ...(await drive(cluster, exercises, players, rate, seconds)) });
        if (nodes === 2) failoverMs = [await failover(cluster)];
      } finally {
        await cluster.stop();
      }
    }
    const rows = sides.map((s) => [
      `${s.nodes} node${s.nodes === 1 ? '' : 's'}`,
      s.acked,
      s.failed,
      Math.round((s.acked / s.seconds) * 10) / 10,
      s.latency.p50,
      s.latency.p95,
      s.latency.p99,
    ]);
    return {
      tables: [
        {
          title: `Cluster: ${exercises} exercises × ${players} players, ${rate} injects/s per exercise for ${seconds} s (PostgreSQL + Redis)`,
          columns: ['nodes', 'acked', 'failed', 'commands/s', 'p50 ms', 'p95 ms', 'p99 ms'],
          rows,
        },
        {
          title: 'Failover: SIGKILL of the serving node until another node answers for the exercise',
          columns: ['run', 'ms'],
          rows: failoverMs.map((ms, i) => [i + 1, ms]),
        },
      ],
      notes: [
        'The load clients run in this process on the same machine as the nodes: compare the two rows, do not read them as capacity.',
      ],
      data: { exercises, players, rate, seconds, sides, failoverMs },
      summary: [
        ...sides.map((s) => ({
          metric: `p95 ack, ${s.nodes} node${s.nodes === 1 ? '' : 's'} (ms)`,
          value: s.latency.p95,
        })),
        ...sides.map((s) => ({
          metric: `throughput, ${s.nodes} node${s.nodes === 1 ? '' : 's'} (commands/s)`,
          value: Math.round((s.acked / s.seconds) * 10) / 10,
        })),
        {
          metric: 'failover after SIGKILL (ms)',
          value: Math.max(...failoverMs),
          goal: '< 5000',
          met: Math.max(...failoverMs) < 5000,
        },
      ],
    };
  },
};
