/**
 * Boot cost of the scenario catalog, step by step per drill (YAML parse, schema, cross-references,
 * path search, machine compile). `npx tsx bench/load/catalog-cost.ts`
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDrillText } from '../../server/engine/check.ts';
import { compileDrill } from '../../server/engine/machine.ts';
import { explore } from '../../server/engine/explore.ts';
import { parseYamlSource } from '../../server/engine/yaml-source.ts';
import { ROOT } from './common.ts';

const dir = join(ROOT, 'scenarios');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
  const text = readFileSync(join(dir, file), 'utf8');
  const t0 = performance.now();
  const source = parseYamlSource(file, text);
  const t1 = performance.now();
  const result = checkDrillText(file, text);
  const t2 = performance.now();
  const again = performance.now();
  explore(result.drill!);
  const t3 = performance.now();
  compileDrill(result.drill!);
  const t4 = performance.now();
  checkDrillText(file, text);
  const t5 = performance.now();
  console.log(
    `${file}: yaml ${(t1 - t0).toFixed(0)} ms, full check (cold) ${(t2 - t1).toFixed(0)} ms, explore (warm) ${(t3 - again).toFixed(0)} ms (${result.stats!.nodes} nodes), compile ${(t4 - t3).toFixed(0)} ms, full check (warm) ${(t5 - t4).toFixed(0)} ms; ${source.syntaxErrors.length} syntax errors`,
  );
}
