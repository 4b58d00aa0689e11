/**
 * Read-only share links of a report (docs/protocol.md H15-H17):
 *   POST   /api/exercises/:id/shares   facilitator key of :id or manager key → 201 {ok, share, token}
 *   GET    /api/exercises/:id/shares   facilitator key of :id or manager key → {shares}
 *   GET    /api/shares                 manager key → {shares} (every link, newest first)
 *   DELETE /api/shares/:shareId        manager key, or the facilitator key of the link's exercise
 *   GET    /api/shared                 a share token → {exerciseId, scenarioTitle, expiresAt}
 * The token itself opens GET /api/exercises/:id/report.* of its exercise (reports-auth.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createShare, shareStatus } from '../exercise/share-links.ts';
import type { Store, StoredShare } from '../exercise/store/types.ts';
import type { ReportIndex } from '../report/report-index.ts';
import { decodePathSegment, HttpError, parseBody, readJson, sendJson } from './http-json.ts';
import { requestKey, requireManager, requireShare, requireStaff } from './reports-auth.ts';
import { hashSecret } from '../exercise/tokens.ts';
import {
  createShareSchema,
  type CreatedShare,
  type SharedReport,
  type ShareList,
  type ShareView,
} from '../../protocol/index.ts';
import type { ReportsRoutes } from './reports-http.ts';

export interface SharesDeps {
  store: Store;
  index: ReportIndex;
  now?: () => number;
}

/** Builds the share-link routes. */
export function sharesRoutes(deps: SharesDeps): ReportsRoutes {
  const now = deps.now ?? Date.now;

  const views = async (shares: StoredShare[]): Promise<ShareView[]> => {
    const reports = new Map(
      (await deps.index.all()).map((r) => [
        r.exerciseId,
        { scenarioTitle: r.scenario.title, code: r.code, date: r.date },
      ]),
    );
    const at = now();
    return shares.map((s) => ({
      id: s.id,
      exerciseId: s.exerciseId,
      report: reports.get(s.exerciseId) ?? null,
      label: s.label,
      createdBy: s.createdBy,
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      revokedAt: s.revokedAt,
      status: shareStatus(s, at),
    }));
  };

  /** The facilitator key of the exercise or the manager key (not a trainee's token, not a share token). */
  const requireOwner = (req: IncomingMessage, url: URL, exerciseId: string) =>
    requireStaff(deps.store, requestKey(req, url), exerciseId, now(), 'share links are made and revoked');

  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const exerciseMatch = /^\/api\/exercises\/([^/]+)\/shares$/.exec(path);
    if (exerciseMatch) {
      const exerciseId = decodePathSegment(exerciseMatch[1]!, 'exercise id');
      if (method === 'GET') {
        await requireOwner(req, url, exerciseId);
        const answer: ShareList = { shares: await views(await deps.store.shares(exerciseId)) };
        sendJson(res, 200, answer);
        return true;
      }
      if (method !== 'POST') throw new HttpError(405, 'INVALID', `${path} answers GET and POST only`);
      const createdBy = await requireOwner(req, url, exerciseId);
      const status = (await deps.store.exercise(exerciseId))!.status;
      if (status !== 'debrief' && status !== 'ended')
        throw new HttpError(
          409,
          'NOT_NOW',
          `exercise ${exerciseId} is in ${status}: a report can be shared once play has finished`,
        );
      const input = parseBody(createShareSchema, await readJson(req));
      const { share, token } = await createShare(deps.store, exerciseId, {
        createdBy,
        ...(input.days ? { days: input.days } : {}),
        label: input.label || null,
        now: now(),
      });
      const answer: CreatedShare = { ok: true, share: (await views([share]))[0]!, token };
      sendJson(res, 201, answer);
      return true;
    }
    if (path === '/api/shares') {
      if (method !== 'GET') throw new HttpError(405, 'INVALID', `${path} answers GET only`);
      await requireManager(deps.store, requestKey(req, url));
      const answer: ShareList = { shares: await views(await deps.store.shares()) };
      sendJson(res, 200, answer);
      return true;
    }
    const shareMatch = /^\/api\/shares\/([^/]+)$/.exec(path);
    if (shareMatch) {
      if (method !== 'DELETE') throw new HttpError(405, 'INVALID', `${path} answers DELETE only`);
      const key = requestKey(req, url);
      if (key === null)
        throw new HttpError(
          401,
          'FORBIDDEN',
          'a key is required: send "Authorization: Bearer <facilitator or manager key>"',
        );
      const share = await deps.store.share(decodePathSegment(shareMatch[1]!, 'share id'));
      // a key that is not staff learns nothing about which links exist
      const credential = key.length <= 256 ? await deps.store.credential(hashSecret(key)) : undefined;
      const staff = credential?.seat === 'manager' || credential?.seat === 'facilitator';
      if (!staff)
        throw new HttpError(
          403,
          'FORBIDDEN',
          'share links are revoked with the manager key or the facilitator key of their exercise',
        );
      if (!share) throw new HttpError(404, 'NOT_FOUND', 'no such share link');
      await requireOwner(req, url, share.exerciseId);
      await deps.store.revokeShare(share.id, now());
      sendJson(res, 200, { ok: true, share: (await views([(await deps.store.share(share.id))!]))[0]! });
      return true;
    }
    if (path === '/api/shared') {
      if (method !== 'GET') throw new HttpError(405, 'INVALID', `${path} answers GET only`);
      const share = await requireShare(deps.store, requestKey(req, url), now());
      const report = (await deps.index.all()).find((r) => r.exerciseId === share.exerciseId);
      const answer: SharedReport = {
        exerciseId: share.exerciseId,
        scenarioTitle: report?.scenario.title ?? 'Gap report',
        expiresAt: share.expiresAt,
      };
      sendJson(res, 200, answer);
      return true;
    }
    return false;
  };
}
