/**
 * The command line's gap reports: `breachdrill run FILE --choices ... --report FORMAT` (a
 * headless solo run) and `breachdrill report --exercise ID --format FORMAT` (an exercise stored
 * in DATA_DIR/breachdrill.sqlite, or in PostgreSQL when DATABASE_URL is set). Output goes to
 * stdout, or to --out FILE.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Drill } from '../engine/drill.ts';
import type { ExploreResult } from '../engine/explore.ts';
import type { Playthrough } from '../engine/playthrough.ts';
import { ScenarioCatalog } from '../exercise/scenarios.ts';
import { DATABASE_FILE, SqliteStore } from '../exercise/store/sqlite.ts';
import type { Store } from '../exercise/store/types.ts';
import { renderReport, type ReportFormat } from './exports.ts';
import { historyFromPlaythrough } from './from-playthrough.ts';
import type { ReportDetails } from './history.ts';
import { reportFromStore } from './from-store.ts';
import { buildReport } from './model.ts';
import type { GapReport } from '../../protocol/index.ts';
import { StoredRunError } from './stored-run.ts';

function emit(report: GapReport, format: ReportFormat, out: string | undefined): void {
  const text = renderReport(report, format);
  if (out) {
    writeFileSync(out, text);
    console.error(`wrote ${out}`);
  } else process.stdout.write(text);
}

/** The run's start: SOURCE_DATE_EPOCH (seconds) when set, for reproducible output; else now. */
function startTime(): number {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return Math.floor(Date.now() / 60_000) * 60_000;
  const seconds = Number(epoch);
  if (!Number.isInteger(seconds) || seconds < 0)
    throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, found "${epoch}"`);
  return seconds * 1000;
}

/** Prints the gap report of a headless solo run. */
export function runReport(
  drill: Drill,
  stats: ExploreResult,
  playthrough: Playthrough,
  options: {
    format: ReportFormat;
    team?: string | undefined;
    out?: string | undefined;
    /** The overview's sponsor, organisations and point of contact (--sponsor, --organisation, --contact). */
    details?: ReportDetails | undefined;
  },
): number {
  const history = historyFromPlaythrough(drill, options.team ?? 'Solo player', playthrough, { start: startTime() });
  if (options.details) history.details = options.details;
  emit(buildReport(drill, stats, history), options.format, options.out);
  return 0;
}

/** Prints the gap report of a stored exercise; 1 with a message when the database or exercise is missing. */
export async function storedReport(options: {
  exercise: string;
  format: ReportFormat;
  dataDir: string;
  out?: string | undefined;
  databaseUrl?: string | undefined;
  databaseSchema?: string | undefined;
}): Promise<number> {
  const file = join(resolve(options.dataDir), DATABASE_FILE);
  if (!options.databaseUrl && !existsSync(file)) {
    console.error(
      `breachdrill: no database at ${file}; pass --data DIR (the server's DATA_DIR) holding ${DATABASE_FILE}`,
    );
    return 1;
  }
  const where = options.databaseUrl ? 'the PostgreSQL database (DATABASE_URL)' : file;
  const store: Store = options.databaseUrl
    ? await (
        await import('../exercise/store/postgres.ts')
      ).openPostgresStore(options.databaseUrl, options.databaseSchema ? { schema: options.databaseSchema } : {})
    : new SqliteStore(file);
  try {
    const row = await store.exercise(options.exercise);
    if (!row) {
      const recent = (await store.finished()).slice(-5).map((r) => r.id);
      console.error(
        `breachdrill: no exercise "${options.exercise}" in ${where}${recent.length ? `; finished ones include ${recent.join(', ')}` : ''}`,
      );
      return 1;
    }
    if (row.status !== 'debrief' && row.status !== 'ended')
      console.error(`breachdrill: note: exercise ${row.id} is still in ${row.status}; the report shows play so far`);
    const { report } = await reportFromStore(store, new ScenarioCatalog(), options.exercise);
    emit(report, options.format, options.out);
    return 0;
  } catch (error) {
    if (error instanceof StoredRunError) {
      console.error(`breachdrill: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}
