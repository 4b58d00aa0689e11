/**
 * The improvement plan as CSV (HSEEP AAR/IP Appendix A), the part of the report a programme
 * manager tracks in a spreadsheet: one row per plan item, RFC 4180 and formula-injection-safe
 * like the decision log (corrective actions and owners can be edited by people).
 */
import { neutralise, quote } from './csv.ts';
import type { GapReport } from '../../protocol/index.ts';

export const PLAN_CSV_COLUMNS = [
  'team',
  'capability',
  'source',
  'issue',
  'corrective_action',
  'element',
  'responsible',
  'organisation',
  'organisation_poc',
  'start',
  'completion',
  'status',
  'status_date',
  'atlas_mitigations',
  'csf',
  'validated_by',
] as const;

const refs = (list: Array<{ id: string; name: string }>): string =>
  list.map((r) => (r.name ? `${r.id} ${r.name}` : r.id)).join('; ');

/** The improvement plan as CSV text. */
export function renderPlanCsv(report: GapReport): string {
  const rows = report.plan.map((p) => [
    p.teamName,
    p.capabilityLabel,
    p.source === 'expectation' ? 'critical task' : 'harmful choice',
    p.issue,
    p.correctiveAction,
    p.element,
    p.responsible,
    p.organisation,
    p.organisationPoc,
    p.start,
    p.completion,
    p.status,
    p.statusDate ?? '',
    refs(p.mitigations),
    refs(p.csf),
    p.validatedBy ? `${p.validatedBy.exerciseId} (${p.validatedBy.date})` : '',
  ]);
  const lines = [[...PLAN_CSV_COLUMNS], ...rows].map((row) => row.map((c) => quote(neutralise(c))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
