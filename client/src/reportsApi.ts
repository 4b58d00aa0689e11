/**
 * The report endpoints for the managers' view: every call sends the key as
 * `Authorization: Bearer …` (never in the URL). The manager key is kept in localStorage on this
 * device; a facilitator's own exercise opens with the facilitator key the client already holds.
 */
import type {
  DetailsUpdated,
  ExerciseSummary,
  PlanEditInput,
  PlanUpdated,
  ReportDetailsInput,
  ReportList,
  Trends,
} from '../../protocol/reports.ts';
import type { Counterfactual, GapReport, PlanItem } from '../../protocol/gap-report.ts';
import type { WhatIfPinInput, WhatIfPinned, WhatIfPins } from '../../protocol/whatif.ts';
import { ApiError, loadSeat } from './api.ts';
import { messages } from './text/messages.ts';

export type { Counterfactual, ExerciseSummary, GapReport, PlanItem, Trends };

const MANAGER_KEY = 'breachdrill:manager-key';

/** The stored manager key, or null. */
export function loadManagerKey(): string | null {
  try {
    return localStorage.getItem(MANAGER_KEY);
  } catch {
    return null;
  }
}

/** Stores (or, with null, forgets) the manager key on this device. */
export function saveManagerKey(key: string | null): void {
  try {
    if (key) localStorage.setItem(MANAGER_KEY, key);
    else localStorage.removeItem(MANAGER_KEY);
  } catch {
    /* private mode: the key lasts for this page only */
  }
}

/**
 * The key that opens an exercise's report here: its facilitator key, a solo trainee's own token,
 * else the manager key.
 */
export function keyFor(exerciseId: string): string | null {
  const seat = loadSeat(exerciseId);
  return seat?.seat === 'facilitator' || seat?.solo ? seat.token : loadManagerKey();
}

/** Whether the key this device holds for an exercise is a solo trainee's (reads, does not edit the plan). */
export function isTraineeKey(exerciseId: string): boolean {
  return Boolean(loadSeat(exerciseId)?.solo);
}

/** A request with the key as `Authorization: Bearer`; throws an ApiError with the server's message unless 2xx. */
export async function call(
  path: string,
  key: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${key}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new ApiError(messages.common.unreachable, 0);
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new ApiError(data?.message ?? messages.common.serverAnswered(res.status), res.status);
  }
  return res;
}

/** `call`, answered with JSON. */
export const json = async <T>(path: string, key: string, init?: { method?: string; body?: unknown }): Promise<T> =>
  (await call(path, key, init)).json() as Promise<T>;

/** GET /api/reports with filters (empty ones left out). */
export function listReports(key: string, filter: Record<string, string>): Promise<ReportList> {
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v.trim() !== ''));
  const q = query.toString();
  return json<ReportList>(`/api/reports${q ? `?${q}` : ''}`, key);
}

/** GET /api/exercises/:id/report.json. */
export const getReport = (exerciseId: string, key: string) =>
  json<GapReport>(`/api/exercises/${encodeURIComponent(exerciseId)}/report.json`, key);

/** GET /api/trends?scenario=ID. */
export const getTrends = (scenarioId: string, key: string) =>
  json<Trends>(`/api/trends?scenario=${encodeURIComponent(scenarioId)}`, key);

/** PUT /api/exercises/:id/plan with one or more rows; resolves with the whole plan after the edit. */
export async function savePlan(exerciseId: string, key: string, items: PlanEditInput[]): Promise<PlanItem[]> {
  return (
    await json<PlanUpdated>(`/api/exercises/${encodeURIComponent(exerciseId)}/plan`, key, {
      method: 'PUT',
      body: { items },
    })
  ).plan;
}

/** PUT /api/exercises/:id/details (sponsor, organisations, point of contact); resolves with the whole report after the change. */
export async function saveDetails(exerciseId: string, key: string, details: ReportDetailsInput): Promise<GapReport> {
  return (
    await json<DetailsUpdated>(`/api/exercises/${encodeURIComponent(exerciseId)}/details`, key, {
      method: 'PUT',
      body: details,
    })
  ).report;
}

const pinsPath = (exerciseId: string) => `/api/exercises/${encodeURIComponent(exerciseId)}/whatifs`;

/** GET /api/exercises/:id/whatifs: the what-ifs pinned into the report (W5). */
export const listPins = async (exerciseId: string, key: string) =>
  (await json<WhatIfPins>(pinsPath(exerciseId), key)).pins;

/** POST /api/exercises/:id/whatifs: pins a what-if (staff keys, W5-W7); resolves with every pin. */
export const pinWhatIf = async (exerciseId: string, key: string, input: WhatIfPinInput) =>
  (await json<WhatIfPinned>(pinsPath(exerciseId), key, { method: 'POST', body: input })).pins;

/** DELETE /api/exercises/:id/whatifs/:pinId; resolves with the pins left. */
export const unpinWhatIf = async (exerciseId: string, key: string, pinId: string) =>
  (await json<WhatIfPins>(`${pinsPath(exerciseId)}/${encodeURIComponent(pinId)}`, key, { method: 'DELETE' })).pins;

/** Downloads one export: fetched with the key in a header, then saved from a Blob link. */
export function downloadExport(
  exerciseId: string,
  key: string,
  format: 'md' | 'json' | 'html' | 'csv' | 'plan.csv',
): Promise<string> {
  return downloadFrom(`/api/exercises/${encodeURIComponent(exerciseId)}/report.${format}`, key, `report.${format}`);
}

/** Fetches a file with the key in a header (never in the URL) and saves it under the server's file name. */
export async function downloadFrom(path: string, key: string, fallbackName: string): Promise<string> {
  const res = await call(path, key);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
