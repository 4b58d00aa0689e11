/** Renders one report in every export format, keyed by file extension. */
import { renderCsv } from '../../server/report/csv.ts';
import { renderHtml } from '../../server/report/html.ts';
import { renderJson } from '../../server/report/json.ts';
import { renderMarkdown } from '../../server/report/markdown.ts';
import type { GapReport } from '../../protocol/index.ts';

export const FORMATS = ['md', 'json', 'html', 'csv'] as const;

export function renderAll(report: GapReport): Record<(typeof FORMATS)[number], string> {
  return { md: renderMarkdown(report), json: renderJson(report), html: renderHtml(report), csv: renderCsv(report) };
}
