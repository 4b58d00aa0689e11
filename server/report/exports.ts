/**
 * The exports by name: the renderer, the media type and the download file name of each.
 * Shared by the HTTP routes (GET /api/exercises/:id/report.FORMAT) and the command line.
 */
import { renderCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderMarkdown } from './markdown.ts';
import { renderPlanCsv } from './plan-csv.ts';
import type { GapReport } from '../../protocol/index.ts';

export const REPORT_FORMATS = ['md', 'json', 'html', 'csv', 'plan-csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** True for md, json, html, csv and plan-csv. */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

const RENDER: Record<ReportFormat, (report: GapReport) => string> = {
  md: renderMarkdown,
  json: renderJson,
  html: renderHtml,
  csv: renderCsv,
  'plan-csv': renderPlanCsv,
};

/** The file extension of each format: `report.plan.csv` in a URL and a file name. */
export const REPORT_EXTENSIONS: Record<ReportFormat, string> = {
  md: 'md',
  json: 'json',
  html: 'html',
  csv: 'csv',
  'plan-csv': 'plan.csv',
};

/** The format a URL extension names (`plan.csv` → plan-csv), or undefined. */
export function formatOfExtension(ext: string): ReportFormat | undefined {
  return REPORT_FORMATS.find((f) => REPORT_EXTENSIONS[f] === ext);
}

/** Content-Type of each export. */
export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  'plan-csv': 'text/csv; charset=utf-8; header=present',
};

/** Renders a report in one format. */
export function renderReport(report: GapReport, format: ReportFormat): string {
  return RENDER[format](report);
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48) || 'report';

/** `breachdrill-<scenario>-<date>-<code>.<ext>`: ASCII only, safe in a Content-Disposition header. */
export function reportFileName(report: GapReport, format: ReportFormat): string {
  const o = report.overview;
  return `breachdrill-${slug(o.scenario.id)}-${o.date}-${slug(o.code)}.${REPORT_EXTENSIONS[format]}`;
}
