/**
 * Checker benchmark (issue 12, items 10-11): the path search on a generated 200-decision ×
 * 4-option drill with 20 branch flags, each child run in its own process for its peak memory.
 * Goal: checked in ≤ 5 s of CPU and ≤ 500 MB peak RSS. The adversarial variant (all 20 flags read
 * at the very end, 2^20 states) must stop at the state limit with a message naming the flags.
 * Also YAML loading of a 32k-key mapping against the yaml package's own duplicate-key check (the
 * old way, quadratic), and, as ratios in the same run: states searched per CPU second, and the
 * compiled xstate machine against the pure reducer on the same generated drill.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { checkDrillText } from '../server/engine/check.ts';
import { compileDrill } from '../server/engine/machine.ts';
import { ROOT } from './load/common.ts';
import { machinePlaythrough, reducerPlaythrough } from './engine.ts';
import { generateDrillText } from './generated-drill.ts';
import type { BenchOptions, BenchPart, BenchResult } from './run.ts';

export const GOAL_SECONDS = 5;
export const GOAL_MB = 500;

interface ChildResult {
  cpuMs: number;
  wallMs: number;
  maxRssMB: number;
  nodes?: number | null;
  searchCpuMs?: number | null;
  paths?: number | null;
  errors?: number;
  problem?: string | null;
  bytes?: number;
}

function child(task: string, arg: string): ChildResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/path-search-child.ts'), task, arg], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

/** CPU seconds this process has used. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Steps per CPU second of `once(seed)` (which returns its step count), over about `seconds`. */
function stepsPerSecond(once: (seed: number) => number, seconds: number): number {
  for (let seed = 1; seed <= 3; seed++) once(seed); // warm-up
  const start = cpuSeconds();
  let steps = 0;
  let seed = 100;
  while (cpuSeconds() - start < seconds) steps += once(seed++);
  return steps / (cpuSeconds() - start);
}

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

export const pathSearchBench: BenchPart = {
  name: 'path-search',
  description: 'the checker on a generated 200 × 4 drill with 20 branch flags; YAML loading of huge mappings',
  async run(options: BenchOptions): Promise<BenchResult> {
    const main = child('check', '5');
    const wide = child('check', '60');
    const adversarial = child('check', 'end');
    const keys = options.quick ? 8000 : 32000;
    const yamlNew = child('yaml', String(keys));
    const oldKeys = options.quick ? 2000 : 8000;
    const yamlOld = child('yaml-unique', String(oldKeys));
    const yamlNewSame = child('yaml', String(oldKeys));

    // Ratios in this process, on the same generated drill.
    const { drill, stats } = checkDrillText(
      'generated.yaml',
      generateDrillText({ decisions: 200, options: 4, flags: 20, window: 5 }),
    );
    const machine = compileDrill(drill!);
    const seconds = options.quick ? 0.5 : 2;
    const viaMachine = stepsPerSecond((seed) => machinePlaythrough(drill!, machine, seed), seconds);
    const viaReducer = stepsPerSecond((seed) => reducerPlaythrough(drill!, seed), seconds);
    const statesPerSecond = (wide.nodes ?? 0) / ((wide.searchCpuMs ?? wide.cpuMs) / 1000);

    const meets = main.cpuMs / 1000 <= GOAL_SECONDS && main.maxRssMB <= GOAL_MB && main.errors === 0;
    const limitNamesFlags = (adversarial.problem ?? '').includes('flag branch-');
    const row = (name: string, r: ChildResult) => [
      name,
      r.nodes ?? '-',
      round(r.cpuMs / 1000, 2),
      round(r.wallMs / 1000, 2),
      round(r.maxRssMB),
      r.problem ?? 'clean',
    ];
    return {
      tables: [
        {
          title: `Path search, generated 200 decisions × 4 options, 20 branch flags (goal ≤ ${GOAL_SECONDS} s CPU, ≤ ${GOAL_MB} MB peak RSS)`,
          columns: ['variant', 'states', 'CPU s', 'wall s', 'peak RSS MB', 'result'],
          rows: [
            row('flags read 5 decisions after set', main),
            row('flags read 60 decisions after set', wide),
            row('all 20 flags read at the end (adversarial)', adversarial),
          ],
        },
        {
          title: 'YAML loading of a huge `flags` mapping (one process each)',
          columns: ['parser', 'keys', 'MB', 'CPU s', 'wall s'],
          rows: [
            [
              'checker (linear duplicate-key pass)',
              keys,
              round((yamlNew.bytes ?? 0) / 1e6, 2),
              round(yamlNew.cpuMs / 1000, 2),
              round(yamlNew.wallMs / 1000, 2),
            ],
            [
              'checker (linear duplicate-key pass)',
              oldKeys,
              round((yamlNewSame.bytes ?? 0) / 1e6, 2),
              round(yamlNewSame.cpuMs / 1000, 2),
              round(yamlNewSame.wallMs / 1000, 2),
            ],
            [
              'yaml uniqueKeys (before, quadratic)',
              oldKeys,
              round((yamlOld.bytes ?? 0) / 1e6, 2),
              round(yamlOld.cpuMs / 1000, 2),
              round(yamlOld.wallMs / 1000, 2),
            ],
          ],
        },
        {
          title: 'Ratios on the generated drill (same run, same machine)',
          columns: ['figure', 'value'],
          rows: [
            ['path search alone: states per CPU second (60-decision window variant)', Math.round(statesPerSecond)],
            ['playthrough steps per CPU second, compiled xstate machine', Math.round(viaMachine)],
            ['playthrough steps per CPU second, pure reducer', Math.round(viaReducer)],
            ['machine ÷ reducer speed', round(viaMachine / viaReducer, 2)],
            [
              `old ÷ new YAML parse time, ${oldKeys.toLocaleString('en-US')} keys`,
              round(yamlOld.cpuMs / yamlNewSame.cpuMs, 1),
            ],
          ],
        },
      ],
      notes: [
        `Goal ${meets ? 'met' : 'MISSED'}: ${round(main.cpuMs / 1000, 2)} s CPU, ${round(main.maxRssMB)} MB peak RSS for ${main.nodes} states.`,
        `Adversarial variant ${limitNamesFlags ? 'stops at the state limit naming the flags' : 'does NOT name the flags'}: ${adversarial.problem}`,
        'Peak RSS is the whole child process (Node, tsx and the drill included).',
      ],
      data: {
        main,
        wide,
        adversarial,
        yaml: { keys, yamlNew, oldKeys, yamlOld, yamlNewSame },
        statesPerSecond,
        machineStepsPerSecond: viaMachine,
        reducerStepsPerSecond: viaReducer,
        pathsOfMain: stats?.paths,
      },
      summary: [
        {
          metric: 'path search, 200×4 drill, 20 branch flags (CPU s)',
          value: round(main.cpuMs / 1000, 2),
          goal: `≤ ${GOAL_SECONDS}`,
          met: main.cpuMs / 1000 <= GOAL_SECONDS,
        },
        {
          metric: 'path search, 200×4 drill, 20 branch flags (peak RSS MB)',
          value: round(main.maxRssMB),
          goal: `≤ ${GOAL_MB}`,
          met: main.maxRssMB <= GOAL_MB,
        },
        {
          metric: 'adversarial 2^20 variant: limit message names the flags',
          value: limitNamesFlags ? 'yes' : 'no',
          met: limitNamesFlags,
        },
        { metric: 'path search states per CPU second', value: Math.round(statesPerSecond) },
        { metric: 'xstate machine ÷ pure reducer, steps/s', value: round(viaMachine / viaReducer, 2) },
        {
          metric: `YAML ${keys.toLocaleString('en-US')}-key mapping load (CPU s)`,
          value: round(yamlNew.cpuMs / 1000, 2),
        },
      ],
    };
  },
};
