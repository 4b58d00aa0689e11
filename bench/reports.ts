/**
 * The managers' report list on a database of many finished exercises (issue 11 item 13, S10).
 * Seeds solo runs of the bundled fraud drill played to the end straight through the exercise
 * layer (the log is genuine; synchronous=OFF while seeding only), then:
 *  - the one-time cost of making the stored summaries a database from before S10 lacks;
 *  - a server started on the data (in-process, so the event loop it blocks is this one): the
 *    first (cold) GET /api/reports after the start and a repeat, with the longest event-loop
 *    block during each (the HTTP client is warmed on /healthz first: it shares the process);
 *  - for comparison, what the list cost before: replaying every exercise to summarise it.
 * Goals: 500 reports listed in < 100 ms; no request blocks the loop for > 50 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ExerciseRegistry } from '../server/exercise/registry.ts';
import { ScenarioCatalog } from '../server/exercise/scenarios.ts';
import { currentInject } from '../server/exercise/state.ts';
import { DATABASE_FILE, SqliteStore } from '../server/exercise/store/sqlite.ts';
import { startServer } from '../server/net/start.ts';
import { ReportIndex } from '../server/report/report-index.ts';
import { replayStored } from '../server/report/stored-run.ts';
import { summarize } from '../server/report/stored-summary.ts';
import { ROOT } from './load/common.ts';
import type { BenchOptions, BenchPart, BenchResult } from './run.ts';

const MANAGER_KEY = 'bench-manager-key-0123456789';
const LIST_GOAL_MS = 100;
const BLOCK_GOAL_MS = 50;
const SCENARIO = 'poisoned-fraud-detector';

/** Plays `count` solo runs to the end (a decision each time: the option at `i % options`). */
async function seed(store: SqliteStore, catalog: ScenarioCatalog, count: number, offset: number): Promise<void> {
  const registry = new ExerciseRegistry(store, catalog, () => {}, Date.now, { finishedInMemory: 0 });
  for (let i = 0; i < count; i++) {
    const joined = await registry.solo({ scenarioId: SCENARIO, name: `Trainee ${offset + i}` });
    if (!('token' in joined)) throw new Error(`solo: ${joined.message}`);
    const room = (await registry.room(joined.exerciseId))!;
    const me = (await registry.identify(joined.token, joined.exerciseId))!;
    for (let step = 0; step < 100 && room.state.status === 'running'; step++) {
      const team = room.state.teams[0]!;
      const injectId = currentInject(team);
      if (!injectId) break;
      const decision = room.state.scenario.drill.injects[injectId]?.inject.decision;
      // options can depend on the state: take one the team's machine accepts now
      const open = decision?.options.filter((o) => team.snapshot.can({ type: 'CHOOSE', option: o.id })) ?? [];
      const command = decision
        ? { type: 'vote' as const, option: open[(offset + i + step) % open.length]!.id }
        : { type: 'continue' as const };
      const ack = await room.handle(me.actor, me.key, { id: `seed-${offset + i}-${step}`, command });
      if (!ack.ok) throw new Error(`seeding: ${ack.message}`);
    }
    const end = await room.handle(me.actor, me.key, { id: `seed-${offset + i}-end`, command: { type: 'end' } });
    if (!end.ok) throw new Error(`seeding end: ${end.message}`);
  }
  registry.close();
}

/** Runs `work` with the event loop watched; returns its time and the longest loop block seen. */
async function watched<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; blockMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  await new Promise((done) => setTimeout(done, 5)); // let the monitor see the last turn
  delay.disable();
  return { result, ms, blockMs: delay.max / 1e6 };
}

const round = (n: number) => Math.round(n * 10) / 10;

async function measure(dataDir: string, catalog: ScenarioCatalog, finished: number) {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    scenariosDir: join(ROOT, 'scenarios'),
    clientDir: null,
    managerKey: MANAGER_KEY,
    quiet: true,
  });
  try {
    // the body is parsed after the watch: the client shares this process and its loop
    const get = async () => {
      const res = await fetch(`${server.url}/api/reports`, { headers: { authorization: `Bearer ${MANAGER_KEY}` } });
      return { status: res.status, text: await res.text() };
    };
    const check = ({ status, text }: { status: number; text: string }) => {
      const count = (JSON.parse(text) as { reports: unknown[] }).reports.length;
      if (status !== 200 || count !== finished)
        throw new Error(`GET /api/reports: ${status}, ${count} reports, expected ${finished}`);
    };
    // the HTTP client's first use (compiling undici) is not the list's cost; the seeding's garbage settles
    await fetch(`${server.url}/healthz`).then((res) => res.text());
    await new Promise((done) => setTimeout(done, 1000));
    const cold = await watched(get);
    check(cold.result);
    const warm = await watched(get);
    check(warm.result);
    return { cold, warm };
  } finally {
    await server.close();
  }
}

/** What listing used to cost: one replay per exercise (the same work an old database needs once). */
async function replayAll(dataDir: string, catalog: ScenarioCatalog): Promise<number> {
  const store = new SqliteStore(join(dataDir, DATABASE_FILE));
  const replayStart = performance.now();
  for (const row of store.finished()) summarize(await replayStored(store, catalog, row.id));
  const replayMs = performance.now() - replayStart;
  store.close();
  return replayMs;
}

export const reportsBench: BenchPart = {
  name: 'reports',
  description:
    "the managers' report list over many finished exercises: cold and warm GET /api/reports, loop blocks, and the replay it replaced",
  async run(options: BenchOptions): Promise<BenchResult> {
    const sizes = options.quick ? [100, 200] : [500, 1000];
    const WARM_UP = 20; // a first server in this process compiles its routes: measured at this size, not reported
    const dataDir = mkdtempSync(join(tmpdir(), 'breachdrill-bench-reports-'));
    const catalog = ScenarioCatalog.fromDirectory(join(ROOT, 'scenarios'), () => {});
    const rows: Array<Array<string | number>> = [];
    const data: unknown[] = [];
    let rebuild = { exercises: 0, ms: 0 };
    try {
      let seeded = 0;
      for (const size of [WARM_UP, ...sizes]) {
        const store = new SqliteStore(join(dataDir, DATABASE_FILE));
        try {
          store.db.pragma('synchronous = OFF'); // seeding only: the figures below use the server's own settings
          await seed(store, catalog, size - seeded, seeded);
          seeded = size;
          if (size === sizes[0]) {
            // the summaries a database from before S10 lacks, made once at start
            store.db.exec('DELETE FROM report_summaries');
            const started = performance.now();
            const made = await new ReportIndex(store, catalog).rebuild();
            rebuild = { exercises: made, ms: performance.now() - started };
          }
        } finally {
          store.close();
        }
        if (size === WARM_UP) {
          await measure(dataDir, catalog, size);
          continue;
        }
        const m = { ...(await measure(dataDir, catalog, size)), replayMs: await replayAll(dataDir, catalog) };
        data.push({
          finished: size,
          replayMs: m.replayMs,
          coldMs: m.cold.ms,
          coldBlockMs: m.cold.blockMs,
          warmMs: m.warm.ms,
          warmBlockMs: m.warm.blockMs,
        });
        rows.push([
          size.toLocaleString('en-US'),
          round(m.cold.ms),
          round(m.cold.blockMs),
          round(m.warm.ms),
          round(m.warm.blockMs),
          round(m.replayMs),
        ]);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    const at = (size: number) =>
      data.find((d) => (d as { finished: number }).finished === size) as
        { coldMs: number; coldBlockMs: number; warmBlockMs: number } | undefined;
    const listed = at(sizes[0]!)!;
    const largest = data
      .map((d) => d as { coldBlockMs: number; warmBlockMs: number })
      .reduce((max, d) => Math.max(max, d.coldBlockMs, d.warmBlockMs), 0);
    return {
      tables: [
        {
          title: `GET /api/reports over finished exercises (solo runs of ${SCENARIO}; ms)`,
          columns: [
            'finished',
            'cold list',
            'cold loop block',
            'warm list',
            'warm loop block',
            'replay all (before S10)',
          ],
          rows,
        },
      ],
      notes: [
        `Stored summaries made for a database from before S10: ${rebuild.exercises} in ${Math.round(rebuild.ms)} ms (once, at the first start after the upgrade).`,
        `Goals: ${sizes[0]} reports listed cold in < ${LIST_GOAL_MS} ms (${round(listed.coldMs)} ms); no request blocks the loop > ${BLOCK_GOAL_MS} ms (longest ${round(largest)} ms).`,
      ],
      data: { sizes, rebuild, runs: data },
      summary: [
        {
          metric: `cold list of ${sizes[0]} reports (ms)`,
          value: round(listed.coldMs),
          goal: `< ${LIST_GOAL_MS}`,
          met: listed.coldMs < LIST_GOAL_MS,
        },
        {
          metric: `longest loop block listing up to ${sizes.at(-1)} (ms)`,
          value: round(largest),
          goal: `≤ ${BLOCK_GOAL_MS}`,
          met: largest <= BLOCK_GOAL_MS,
        },
      ],
    };
  },
};
