/**
 * The JSON export: the gap report as stable, indented JSON. Key order is the order the model
 * builds objects in, so the same report always gives the same bytes. The shape is
 * docs/report.schema.json (`schemaVersion` says which).
 */
import type { GapReport } from '../../protocol/index.ts';

/** The report as JSON text ending in a newline. */
export function renderJson(report: GapReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
