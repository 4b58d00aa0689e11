/**
 * One full check of a drill's text (schema, cross-references, path search), as the scenario
 * catalog needs it: the checked drill, or one message that names the file and its first errors.
 * Shared by the catalog (scenarios.ts) and the worker threads that check drills at start
 * (drill-check-worker.ts), so both word a broken drill the same way.
 */
import { checkDrillText } from '../engine/check.ts';
import type { Drill } from '../engine/drill.ts';
import type { ExploreResult } from '../engine/explore.ts';

export type DrillCheck = { drill: Drill; stats: ExploreResult } | { error: string };

export function checkDrill(text: string, label: string): DrillCheck {
  const result = checkDrillText(label, text);
  if (result.errors || !result.drill || !result.stats) {
    const first = result.diagnostics.filter((d) => d.severity === 'error').slice(0, 3);
    return {
      error: `${label}: ${result.errors} error(s): ${first.map((d) => `${d.line}:${d.column} ${d.path}: ${d.message}`).join('; ')}`,
    };
  }
  return { drill: result.drill, stats: result.stats };
}
