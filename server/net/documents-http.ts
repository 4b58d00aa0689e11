/**
 * The exercise documents of an offered scenario (docs/protocol.md H13, H14):
 *   GET /api/scenarios/:id/sitman.html          anyone (it spoils nothing)
 *   GET /api/scenarios/:id/feedback-form.html   anyone
 *   GET /api/scenarios/:id/msel.html|.csv       manager key, or the facilitator key of an exercise of :id
 *   GET /api/scenarios/:id/eeg.html             the same
 * HTML opens in the browser (to print); the CSV downloads. Each is rendered once per scenario text.
 * `?exercise=<id>` renders the version of the drill that exercise was created from (its stored
 * text), so a lobby's documents match its story after the drill file has changed.
 */
import type { ScenarioCatalog, ScenarioEntry } from '../exercise/scenarios.ts';
import type { Store } from '../exercise/store/types.ts';
import { DOCUMENT_MEDIA_TYPES, documentFileName, findDocument } from '../report/documents/index.ts';
import { decodePathSegment, HttpError } from './http-json.ts';
import { requestKey, requireScenarioStaff } from './reports-auth.ts';
import { DOWNLOAD_HEADERS, type ReportsRoutes } from './reports-http.ts';

/** Builds the document routes. */
export function documentsRoutes(deps: { store: Store; catalog: ScenarioCatalog }): ReportsRoutes {
  const rendered = new WeakMap<ScenarioEntry, Map<string, string>>();
  return async (req, res, url) => {
    const match = /^\/api\/scenarios\/([^/]+)\/([a-z-]+)\.([a-z]+)$/.exec(url.pathname);
    if (!match) return false;
    if ((req.method ?? 'GET') !== 'GET') throw new HttpError(405, 'INVALID', `${url.pathname} answers GET only`);
    const scenarioId = decodePathSegment(match[1]!, 'scenario id');
    const doc = findDocument(match[2]!, match[3]!);
    if (!doc)
      throw new HttpError(
        404,
        'NOT_FOUND',
        `no document "${match[2]!}.${match[3]!}"; expected sitman.html, feedback-form.html, msel.html, msel.csv or eeg.html`,
      );
    if (doc.spoils) await requireScenarioStaff(deps.store, requestKey(req, url), scenarioId);
    const exerciseId = url.searchParams.get('exercise');
    const entry = exerciseId ? await versionPlayedIn(deps, scenarioId, exerciseId) : deps.catalog.get(scenarioId);
    if (!entry) throw new HttpError(404, 'NOT_FOUND', `no scenario "${scenarioId}"`);
    const cache = rendered.get(entry) ?? new Map<string, string>();
    rendered.set(entry, cache);
    const key = `${doc.name}.${doc.ext}`;
    const body = cache.get(key) ?? doc.render(entry.drill, entry.stats);
    cache.set(key, body);
    res.writeHead(200, {
      'content-type': DOCUMENT_MEDIA_TYPES[doc.ext],
      'content-length': Buffer.byteLength(body),
      'content-disposition': `${doc.ext === 'html' ? 'inline' : 'attachment'}; filename="${documentFileName(entry.drill, doc)}"`,
      ...DOWNLOAD_HEADERS,
    });
    res.end(body);
    return true;
  };
}

/** The drill version an exercise of `scenarioId` was created from; 404 when there is no such exercise. */
async function versionPlayedIn(
  deps: { store: Store; catalog: ScenarioCatalog },
  scenarioId: string,
  exerciseId: string,
): Promise<ScenarioEntry | undefined> {
  const row = await deps.store.exercise(exerciseId);
  if (!row || row.scenarioId !== scenarioId)
    throw new HttpError(404, 'NOT_FOUND', `no exercise "${exerciseId}" of scenario "${scenarioId}"`);
  return deps.catalog.resolveStored(row, deps.store);
}
