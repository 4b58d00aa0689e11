/**
 * `breachdrill check FILE...`: every diagnostic of every file (at most 200 printed per file, then
 * how many more), and for a clean drill its size, path count and best and worst scores.
 */
import { checkDrillFile, type CheckOptions } from '../engine/check.ts';
import { provenanceEntries, provenanceLine } from '../engine/provenance.ts';
import { formatDiagnostic } from '../engine/diagnostics.ts';

/** Diagnostics printed per file; the rest are counted ("… and 1,234 more"). */
export const MAX_PRINTED_DIAGNOSTICS = 200;

/** A path count people can read: exact up to a million, then "1.2 × 10^12". */
export function readableCount(n: number): string {
  if (!Number.isFinite(n)) return 'more than 10^308';
  if (n < 1e6) return n.toLocaleString('en-US');
  const exponent = Math.floor(Math.log10(n));
  const mantissa = n / 10 ** exponent;
  // 9.96 rounds to 10.0: carry into the exponent
  const rounded = Math.round(mantissa * 10) / 10;
  return rounded >= 10 ? `1 × 10^${exponent + 1}` : `${rounded.toFixed(1).replace(/\.0$/, '')} × 10^${exponent}`;
}

/** Checks the files, printing with `print`; returns how many failed. */
export function checkFiles(files: string[], print: (line: string) => void, options: CheckOptions = {}): number {
  let failed = 0;
  for (const file of files) {
    const result = checkDrillFile(file, options);
    for (const d of result.diagnostics.slice(0, MAX_PRINTED_DIAGNOSTICS)) print(formatDiagnostic(d));
    const more = result.diagnostics.length - MAX_PRINTED_DIAGNOSTICS;
    if (more > 0)
      print(
        `… and ${more.toLocaleString('en-US')} more diagnostic${more === 1 ? '' : 's'} in ${file} (the first ${MAX_PRINTED_DIAGNOSTICS} are shown)`,
      );
    if (result.errors || !result.drill || !result.stats) {
      failed++;
      print(`✗ ${file}: ${result.errors.toLocaleString('en-US')} error${result.errors === 1 ? '' : 's'}`);
      continue;
    }
    const { drill, stats } = result;
    const injects = drill.order.length;
    const decisions = drill.order.filter((id) => drill.injects[id]!.inject.decision).length;
    print(
      `✓ ${file}: ${drill.scenario.title} v${drill.scenario.version}\n` +
        `  ${drill.scenario.phases.length} phases, ${injects} injects, ${decisions} decisions, ` +
        `${drill.scenario.endings.length} endings, ${drill.scenario.expectations.length} expectations\n` +
        (drill.scenario.provenance.length
          ? `  based on: ${provenanceLine(provenanceEntries(drill.scenario.provenance))}\n`
          : '') +
        `  ${readableCount(stats.paths)} paths (${stats.nodes.toLocaleString('en-US')} distinct states searched); ` +
        `best score ${stats.bestTotal}, worst ${stats.worstTotal}` +
        (options.strict ? '\n  meets every strict quality rule' : ''),
    );
  }
  return failed;
}

/**
 * A reader that closes the pipe early (`breachdrill check … | head`) is not an error: stop
 * quietly instead of printing Node's EPIPE stack trace.
 */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
}
