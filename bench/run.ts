/**
 * `npm run bench [-- --quick] [-- --only=NAME[,NAME]]`: runs the benchmark parts, prints a table for
 * each and writes bench/results/NAME.json, then prints one summary table of every part's headline
 * figures and writes them all to bench/results/results.json. A part is a module exporting a
 * {@link BenchPart}; add it to PARTS below.
 *
 * Scaling flags (or BENCH_* environment variables, e.g. BENCH_EXERCISES=50):
 *   --exercises N --players N --teams N --rate R (commands/s per exercise) --seconds S
 *   --steps r1,r2,... (per-exercise rates of the throughput step-up) --step-seconds S --no-steps
 *   --recovery-exercises N --cpu-prof (profile the game server into bench/results/prof)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { abuseBench } from './abuse/index.ts';
import { clientBench } from './client.ts';
import { clusterBench } from './cluster.ts';
import { engineBench } from './engine.ts';
import { loadBench } from './load/index.ts';
import { pathSearchBench } from './path-search.ts';
import { recoveryBench } from './recovery.ts';
import { reportsBench } from './reports.ts';
import { whatIfBench } from './whatif.ts';

export interface BenchOptions {
  /** A short run for CI and smoke tests: fewer iterations, same code paths. */
  quick: boolean;
  /** Scaling flags as given (see the header); parts read the ones they know. */
  params: Record<string, string | undefined>;
}

/** One headline figure for the summary table and results.json. */
export interface BenchSummaryRow {
  metric: string;
  value: string | number;
  goal?: string;
  met?: boolean;
}

export interface BenchTable {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
}

export interface BenchResult {
  tables: BenchTable[];
  /** Free-form lines printed after the tables (goals met or missed, notes). */
  notes?: string[];
  /** Everything worth keeping, written as JSON. */
  data: unknown;
  /** Headline figures for the summary table. */
  summary?: BenchSummaryRow[];
}

export interface BenchPart {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<BenchResult>;
}

const PARTS: BenchPart[] = [
  engineBench,
  pathSearchBench,
  loadBench,
  recoveryBench,
  clientBench,
  reportsBench,
  abuseBench,
  whatIfBench,
  clusterBench,
];

/** Prints a table with right-aligned numbers and left-aligned text. */
export function printTable(table: BenchTable): void {
  const cells = [table.columns, ...table.rows.map((r) => r.map(formatCell))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const line = (row: Array<string | number>) =>
    row
      .map((cell, i) =>
        typeof cell === 'number' || /^[\d,.]+$/.test(String(cell))
          ? String(cell).padStart(widths[i]!)
          : String(cell).padEnd(widths[i]!),
      )
      .join('  ');
  console.log(`\n${table.title}`);
  console.log(line(table.columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells.slice(1)) console.log(line(row));
}

function formatCell(cell: string | number): string {
  if (typeof cell === 'string') return cell;
  return Number.isInteger(cell)
    ? cell.toLocaleString('en-US')
    : cell.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Writes a part's results with the machine they were measured on. */
export function writeResult(name: string, options: BenchOptions, result: BenchResult): string {
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${name}.json`;
  const cpu = cpus()[0]?.model ?? 'unknown';
  const doc = {
    part: name,
    quick: options.quick,
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpu,
    cores: cpus().length,
    ...(result.data as object),
  };
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}

const SCALE_FLAGS = [
  'exercises',
  'players',
  'teams',
  'rate',
  'seconds',
  'warmup',
  'steps',
  'step-seconds',
  'scenario',
  'relay-bytes',
  'recovery-exercises',
] as const;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      'no-steps': { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      'game-only': { type: 'boolean', default: false },
      ...Object.fromEntries(SCALE_FLAGS.map((f) => [f, { type: 'string' as const }])),
    },
  });
  const v = values as Record<string, string | boolean | undefined>;
  const params: BenchOptions['params'] = Object.fromEntries(SCALE_FLAGS.map((f) => [f, v[f] as string | undefined]));
  if (v['no-steps']) params['no-steps'] = '1';
  if (v['cpu-prof']) params['cpu-prof'] = '1';
  if (v['game-only']) params['game-only'] = '1';
  const options: BenchOptions = { quick: values.quick, params };
  const only = values.only?.split(',');
  const parts = only ? PARTS.filter((p) => only.includes(p.name)) : PARTS;
  if (parts.length === 0) {
    console.error(`bench: no part named "${values.only}"; parts: ${PARTS.map((p) => p.name).join(', ')}`);
    return 2;
  }
  let failed = 0;
  const started = Date.now();
  const summary: Array<BenchSummaryRow & { part: string }> = [];
  const all: Record<string, unknown> = {};
  for (const part of parts) {
    console.log(`== ${part.name}: ${part.description}${options.quick ? ' (quick)' : ''}`);
    try {
      const result = await part.run(options);
      for (const table of result.tables) printTable(table);
      for (const note of result.notes ?? []) console.log(note);
      console.log(`\nwrote ${writeResult(part.name, options, result)}\n`);
      for (const row of result.summary ?? []) summary.push({ part: part.name, ...row });
      all[part.name] = result.data;
    } catch (error) {
      failed++;
      summary.push({
        part: part.name,
        metric: 'run',
        value: `failed: ${(error as Error).message.split('\n')[0]}`,
        met: false,
      });
      console.error(`bench ${part.name} failed: ${(error as Error).stack ?? String(error)}`);
    }
  }
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  printTable({
    title: `Summary (${options.quick ? 'quick, ' : ''}${seconds} s, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'})`,
    columns: ['part', 'metric', 'value', 'goal', ''],
    rows: summary.map((r) => [
      r.part,
      r.metric,
      r.value,
      r.goal ?? '',
      r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
    ]),
  });
  mkdirSync('bench/results', { recursive: true });
  const doc = {
    quick: options.quick,
    measuredAt: new Date().toISOString(),
    seconds,
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    params,
    summary,
    parts: all,
  };
  writeFileSync('bench/results/results.json', `${JSON.stringify(doc, null, 2)}\n`);
  console.log('\nwrote bench/results/results.json');
  return failed ? 1 : 0;
}

process.exitCode = await main();
