/**
 * The report endpoints (docs/protocol.md H7–H10):
 *   GET /api/exercises/:id/report.md|.json|.html|.csv|.plan.csv facilitator key of :id, manager key or a share token of :id
 *   PUT /api/exercises/:id/plan                          facilitator key of :id or manager key
 *   PUT /api/exercises/:id/details                       facilitator key of :id or manager key
 *   GET /api/reports?scenario&team&trainee&from&to       manager key
 *   GET /api/trends?scenario=ID                          manager key
 * Reports exist once play has finished (status debrief or ended); before that the answer is 409.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ScenarioCatalog } from '../exercise/scenarios.ts';
import type { Store, StoredPlanEdit, StoredReportDetails } from '../exercise/store/types.ts';
import { formatOfExtension, renderReport, REPORT_MEDIA_TYPES, reportFileName } from '../report/exports.ts';
import { reportFromStore, type StoredReport } from '../report/from-store.ts';
import type { ReportIndex } from '../report/report-index.ts';
import { StoredRunError } from '../report/stored-run.ts';
import { decodePathSegment, HttpError, parseBody, readJson, sendJson } from './http-json.ts';
import { requestKey, requireManager, requireReader, requireStaff } from './reports-auth.ts';
import {
  planUpdateSchema,
  reportDetailsSchema,
  reportFilterSchema,
  type DetailsUpdated,
  type PlanEditInput,
  type PlanUpdated,
  type ReportDetailsInput,
  type ReportList,
} from '../../protocol/index.ts';

export interface ReportsDeps {
  store: Store;
  catalog: ScenarioCatalog;
  index: ReportIndex;
  now?: () => number;
}

/** Handles a report route; resolves false when the path is not one of them. */
export type ReportsRoutes = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

/** Downloads: no script may run, nothing may load, the browser must not guess the type. */
export const DOWNLOAD_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

function query(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (k !== 'key') out[k] = v;
  return out;
}

/** The stored form of an edit; a changed status is dated today, an unchanged one keeps its date. */
function toStoredEdit(e: PlanEditInput, previous: StoredPlanEdit | undefined, today: string): StoredPlanEdit {
  const edit: StoredPlanEdit = { key: e.key, teamId: e.teamId };
  if (e.status && e.status !== 'open') {
    edit.status = e.status;
    edit.statusDate = previous?.status === e.status && previous.statusDate ? previous.statusDate : today;
  }
  if (e.correctiveAction) edit.correctiveAction = e.correctiveAction;
  if (e.element) edit.element = e.element;
  if (e.responsible) edit.responsible = e.responsible;
  if (e.organisation) edit.organisation = e.organisation;
  if (e.organisationPoc) edit.organisationPoc = e.organisationPoc;
  if (e.start) edit.start = e.start;
  if (e.completion) edit.completion = e.completion;
  return edit;
}

/** The stored form of the report details: empty fields and blank organisations left out. */
function toStoredDetails(d: ReportDetailsInput): StoredReportDetails {
  const organisations = (d.organisations ?? []).filter((o) => o !== '');
  return {
    ...(d.sponsor ? { sponsor: d.sponsor } : {}),
    ...(organisations.length ? { organisations } : {}),
    ...(d.pointOfContact ? { pointOfContact: d.pointOfContact } : {}),
  };
}

/** A finished exercise's report, or the HTTP error that says why not (409 before the debrief, 404 when unknown). */
export async function finishedStoredReport(
  deps: Pick<ReportsDeps, 'store' | 'catalog' | 'index'>,
  exerciseId: string,
): Promise<StoredReport> {
  const row = (await deps.store.exercise(exerciseId))!;
  if (row.status !== 'debrief' && row.status !== 'ended') {
    throw new HttpError(
      409,
      'NOT_NOW',
      `exercise ${exerciseId} is in ${row.status}: its report is ready once play has finished (the debrief)`,
    );
  }
  try {
    return await reportFromStore(deps.store, deps.catalog, exerciseId, deps.index);
  } catch (error) {
    if (error instanceof StoredRunError && error.reason === 'not-found')
      throw new HttpError(404, 'NOT_FOUND', error.message);
    if (error instanceof StoredRunError) throw new HttpError(500, 'INTERNAL', error.message);
    throw error;
  }
}

/** Builds the report routes. */
export function reportsRoutes(deps: ReportsDeps): ReportsRoutes {
  const now = deps.now ?? Date.now;

  const finishedReport = (exerciseId: string) => finishedStoredReport(deps, exerciseId);
  const requireEditor = (req: IncomingMessage, url: URL, exerciseId: string, what: string) =>
    requireStaff(deps.store, requestKey(req, url), exerciseId, now(), what);

  return async (req, res, url) => {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const exportMatch = /^\/api\/exercises\/([^/]+)\/report\.([a-z.]+)$/.exec(path);
    if (exportMatch) {
      if (method !== 'GET') throw new HttpError(405, 'INVALID', `${path} answers GET only`);
      const format = formatOfExtension(exportMatch[2]!);
      if (!format)
        throw new HttpError(
          404,
          'NOT_FOUND',
          `no report format "${exportMatch[2]!}"; expected md, json, html, csv or plan.csv`,
        );
      const exerciseId = decodePathSegment(exportMatch[1]!, 'exercise id');
      await requireReader(deps.store, requestKey(req, url), exerciseId, now());
      const { report } = await finishedReport(exerciseId);
      const body = renderReport(report, format);
      res.writeHead(200, {
        'content-type': REPORT_MEDIA_TYPES[format],
        'content-length': Buffer.byteLength(body),
        'content-disposition': `attachment; filename="${reportFileName(report, format)}"`,
        ...DOWNLOAD_HEADERS,
      });
      res.end(body);
      return true;
    }
    const planMatch = /^\/api\/exercises\/([^/]+)\/plan$/.exec(path);
    if (planMatch) {
      if (method !== 'PUT') throw new HttpError(405, 'INVALID', `${path} answers PUT only`);
      const exerciseId = decodePathSegment(planMatch[1]!, 'exercise id');
      await requireEditor(req, url, exerciseId, 'the improvement plan is edited');
      const update = parseBody(planUpdateSchema, await readJson(req));
      const { report } = await finishedReport(exerciseId);
      update.items.forEach((item, i) => {
        if (!report.plan.some((p) => p.teamId === item.teamId && p.key === item.key)) {
          const rows = report.plan.map((p) => `${p.teamId}/${p.key}`).join(', ') || 'none';
          throw new HttpError(
            400,
            'INVALID',
            `items.${i}: no improvement-plan row for team "${item.teamId}" and key "${item.key}"; the rows are: ${rows}`,
          );
        }
      });
      const previous = await deps.store.planEdits(exerciseId);
      const today = new Date(now()).toISOString().slice(0, 10);
      const edits = update.items.map((item) =>
        toStoredEdit(
          item,
          previous.find((p) => p.teamId === item.teamId && p.key === item.key),
          today,
        ),
      );
      await deps.store.savePlanEdits(exerciseId, edits, now());
      const answer: PlanUpdated = { ok: true, plan: (await finishedReport(exerciseId)).report.plan };
      sendJson(res, 200, answer);
      return true;
    }
    const detailsMatch = /^\/api\/exercises\/([^/]+)\/details$/.exec(path);
    if (detailsMatch) {
      if (method !== 'PUT') throw new HttpError(405, 'INVALID', `${path} answers PUT only`);
      const exerciseId = decodePathSegment(detailsMatch[1]!, 'exercise id');
      await requireEditor(req, url, exerciseId, 'the exercise details are edited');
      const details = parseBody(reportDetailsSchema, await readJson(req));
      await finishedReport(exerciseId);
      await deps.store.saveReportDetails(exerciseId, toStoredDetails(details), now());
      const answer: DetailsUpdated = { ok: true, report: (await finishedReport(exerciseId)).report };
      sendJson(res, 200, answer);
      return true;
    }
    if (path === '/api/reports') {
      if (method !== 'GET') throw new HttpError(405, 'INVALID', `${path} answers GET only`);
      await requireManager(deps.store, requestKey(req, url));
      const filter = parseBody(reportFilterSchema, query(url));
      const answer: ReportList = { reports: await deps.index.list(filter) };
      sendJson(res, 200, answer);
      return true;
    }
    if (path === '/api/trends') {
      if (method !== 'GET') throw new HttpError(405, 'INVALID', `${path} answers GET only`);
      await requireManager(deps.store, requestKey(req, url));
      const scenario = url.searchParams.get('scenario')?.trim();
      if (!scenario)
        throw new HttpError(400, 'INVALID', 'scenario: required, the id of a scenario (GET /api/reports lists them)');
      const trends = await deps.index.trends(scenario);
      if (!trends) throw new HttpError(404, 'NOT_FOUND', `no finished exercise of scenario "${scenario}"`);
      sendJson(res, 200, trends);
      return true;
    }
    return false;
  };
}
