/**
 * Boot cost of restoring unfinished exercises from a DATA_DIR, in-process: the scenario catalog,
 * then registry.restoreAll (replay of every log, hash chain checked, deadlines re-armed).
 * Run with `node --cpu-prof --import tsx bench/load/restore-cost.ts DATA_DIR` to see where it goes.
 * It works on a copy, so the directory is left as it was.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExerciseRegistry } from '../../server/exercise/registry.ts';
import { ScenarioCatalog } from '../../server/exercise/scenarios.ts';
import { openSqliteStore } from '../../server/exercise/store/sqlite.ts';
import { ROOT } from './common.ts';

const source = process.argv[2];
if (!source) {
  console.error('usage: restore-cost.ts DATA_DIR');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'breachdrill-restore-'));
cpSync(source, dir, { recursive: true });
const t0 = performance.now();
const store = openSqliteStore(dir);
const t1 = performance.now();
const catalog = ScenarioCatalog.fromDirectory(join(ROOT, 'scenarios'), console.error);
const t2 = performance.now();
const registry = new ExerciseRegistry(store, catalog, () => {});
const report = await registry.restoreAll();
const t3 = performance.now();
console.log(
  `open store ${(t1 - t0).toFixed(0)} ms, catalog ${(t2 - t1).toFixed(0)} ms, restore ${(t3 - t2).toFixed(0)} ms (${report.restored} exercises, ${report.failed.length} failed)`,
);
registry.close();
store.close();
rmSync(dir, { recursive: true, force: true });
