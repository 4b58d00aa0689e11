/**
 * One measurement of bench/path-search.ts in a fresh process (so its peak memory is its own):
 *   check WINDOW       check the generated 200 × 4 drill with 20 branch flags read WINDOW decisions
 *                      after they are set ("end": all read at the end, the adversarial variant)
 *   yaml KEYS          load a drill whose `flags` mapping has KEYS keys with the checker's parser
 *   yaml-unique KEYS   parse the same text with the yaml package's own duplicate-key check (the old way)
 * Prints one JSON line: CPU and wall milliseconds, peak RSS, and what was found.
 */
import { LineCounter, parseDocument } from 'yaml';
import { checkDrillText } from '../server/engine/check.ts';
import { explore } from '../server/engine/explore.ts';
import { parseYamlSource } from '../server/engine/yaml-source.ts';
import { generateDrillText } from './generated-drill.ts';

const [task, arg] = process.argv.slice(2);

function timed<T>(run: () => T): { value: T; cpuMs: number; wallMs: number } {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}

function keysText(keys: number): string {
  let text = 'id: big\nflags:\n';
  for (let i = 0; i < keys; i++) text += `  flag-${i}: flag number ${i}\n`;
  return text;
}

let out: Record<string, unknown>;
if (task === 'check') {
  const text = generateDrillText({
    decisions: 200,
    options: 4,
    flags: 20,
    window: arg === 'end' ? 'end' : Number(arg),
  });
  const { value: result, cpuMs, wallMs } = timed(() => checkDrillText('generated.yaml', text));
  const problem = result.diagnostics.find((d) => d.severity === 'error');
  // The path search alone, again, for states per second (the check also parses and cross-checks).
  const search = result.drill ? timed(() => explore(result.drill!)).cpuMs : null;
  out = {
    cpuMs,
    wallMs,
    searchCpuMs: search,
    nodes: result.stats?.nodes ?? null,
    paths: result.stats?.paths ?? null,
    errors: result.errors,
    problem: problem ? `${problem.message} (${problem.expected})` : null,
  };
} else if (task === 'yaml' || task === 'yaml-unique') {
  const text = keysText(Number(arg));
  const { cpuMs, wallMs } = timed(() =>
    task === 'yaml'
      ? parseYamlSource('big.yaml', text)
      : parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: true }).toJS(),
  );
  out = { cpuMs, wallMs, bytes: Buffer.byteLength(text) };
} else throw new Error(`unknown task ${task}`);
console.log(JSON.stringify({ ...out, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
