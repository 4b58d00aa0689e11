/**
 * What if (issue 17): how long the debrief waits for a fork. For the bundled drill with the most
 * decisions, random playthroughs stand in for teams' logs; each is forked at every decision with
 * every other option on offer under every policy, through the same function the server answers
 * `whatif` with (server/exercise/whatif.ts: replay, fork, both outcomes, the view). Beside it, a
 * plain replay of the same log through the engine, in the same run, so the ratio holds on a
 * noisy machine. Goal: a fork of a 24-decision drill in ≤ 50 ms (p95).
 */
import { readdirSync } from 'node:fs';
import { checkDrillFile } from '../server/engine/check.ts';
import { compareFork } from '../server/engine/fork-compare.ts';
import { decisionSteps, FORK_POLICIES, replayTimeline } from '../server/engine/fork.ts';
import { play } from '../server/engine/playthrough.ts';
import { offeredOptions } from '../server/engine/team-state.ts';
import { whatIfView } from '../server/exercise/whatif.ts';
import type { BenchOptions, BenchPart, BenchResult } from './run.ts';

const GOAL_MS = 50;

function loadLargest() {
  const loaded = readdirSync('scenarios')
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => checkDrillFile(`scenarios/${f}`))
    .filter((r) => r.drill && r.stats && !r.errors);
  const decisions = (r: (typeof loaded)[number]) =>
    r.drill!.order.filter((id) => r.drill!.injects[id]!.inject.decision).length;
  return loaded.sort((a, b) => decisions(b) - decisions(a))[0]!;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export const whatIfBench: BenchPart = {
  name: 'whatif',
  description: 'what if: a fork in the debrief beside a plain replay of the same log',
  async run(options: BenchOptions): Promise<BenchResult> {
    const { drill, stats, file } = loadLargest();
    const paths = options.quick ? 4 : 20;
    const forks: number[] = [];
    const replays: number[] = [];
    let decisionsPerPath = 0;
    for (let seed = 1; seed <= paths; seed++) {
      const events = play(drill!, stats!, { kind: 'random', seed }).events;
      const real = replayTimeline(drill!, events);
      const decisions = decisionSteps(drill!, real.steps);
      decisionsPerPath = Math.max(decisionsPerPath, decisions.length);
      decisions.forEach((d, i) => {
        const before = replayTimeline(drill!, events.slice(0, real.steps.indexOf(d))).state;
        for (const option of offeredOptions(drill!, d.inject, before)) {
          for (const policy of FORK_POLICIES) {
            let started = performance.now();
            replayTimeline(drill!, events);
            replays.push(performance.now() - started);
            started = performance.now();
            whatIfView(
              drill!,
              't1',
              compareFork(drill!, stats!, events, { decision: i + 1, option: option.id, policy }),
              [],
            );
            forks.push(performance.now() - started);
          }
        }
      });
    }
    forks.sort((a, b) => a - b);
    replays.sort((a, b) => a - b);
    const row = (label: string, xs: number[]) => [
      label,
      xs.length,
      quantile(xs, 0.5),
      quantile(xs, 0.95),
      xs[xs.length - 1]!,
    ];
    const p95 = quantile(forks, 0.95);
    const ratio = quantile(forks, 0.5) / quantile(replays, 0.5);
    return {
      tables: [
        {
          title: `What if on ${file} (${decisionsPerPath} decisions on the longest path, ${paths} random logs)`,
          columns: ['operation', 'count', 'p50 ms', 'p95 ms', 'max ms'],
          rows: [row('plain replay of the log', replays), row('fork (replay, fork, both outcomes, view)', forks)],
        },
      ],
      notes: [
        `fork p95 ${p95.toFixed(2)} ms (goal ≤ ${GOAL_MS} ms): ${p95 <= GOAL_MS ? 'met' : 'MISSED'}; a fork costs ${ratio.toFixed(1)}× a plain replay (p50)`,
      ],
      data: {
        file,
        paths,
        decisionsPerPath,
        forks: { count: forks.length, p50: quantile(forks, 0.5), p95, max: forks.at(-1) },
        replays: { p50: quantile(replays, 0.5), p95: quantile(replays, 0.95) },
        ratio,
      },
      summary: [
        { metric: 'what-if fork p95', value: `${p95.toFixed(2)} ms`, goal: `≤ ${GOAL_MS} ms`, met: p95 <= GOAL_MS },
        { metric: 'what-if fork / plain replay (p50)', value: `${ratio.toFixed(1)}×` },
      ],
    };
  },
};
