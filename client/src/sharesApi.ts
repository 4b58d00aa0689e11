/**
 * Read-only share links (docs/protocol.md H15-H17) and the exercise documents (H13, H14). Keys
 * and share tokens travel as `Authorization: Bearer`, never in a URL the server sees: a shared
 * report's address carries its token in the fragment (#/shared/TOKEN).
 */
import type { CreatedShare, CreateShare, SharedReport, ShareList, ShareView } from '../../protocol/shares.ts';
import { call, downloadFrom, json } from './reportsApi.ts';
import { routeUrl } from './router.ts';

export type { ShareView };

/** POST /api/exercises/:id/shares: a new link (its token is shown this once). */
export const createShare = (exerciseId: string, key: string, input: CreateShare) =>
  json<CreatedShare>(`/api/exercises/${encodeURIComponent(exerciseId)}/shares`, key, { method: 'POST', body: input });

/** The links of one exercise, or (with the manager key and no exercise) every link. */
export const listShares = (key: string, exerciseId?: string) =>
  json<ShareList>(exerciseId ? `/api/exercises/${encodeURIComponent(exerciseId)}/shares` : '/api/shares', key).then(
    (l) => l.shares,
  );

/** DELETE /api/shares/:id. */
export const revokeShare = async (shareId: string, key: string): Promise<void> => {
  await call(`/api/shares/${encodeURIComponent(shareId)}`, key, { method: 'DELETE' });
};

/** GET /api/shared: the report a share token opens. */
export const sharedReport = (token: string) => json<SharedReport>('/api/shared', token);

/** The address a share token is handed out as. */
export const shareUrl = (token: string): string => routeUrl(`/shared/${token}`);

/**
 * Where a scenario's document is; with an exercise, the drill version that exercise was created
 * from (its lobby must match its story even after the drill file changed).
 */
const documentPath = (scenarioId: string, file: string, exerciseId?: string): string =>
  `/api/scenarios/${encodeURIComponent(scenarioId)}/${file}` +
  (exerciseId ? `?exercise=${encodeURIComponent(exerciseId)}` : '');

/** The public documents of a scenario open as plain links; these are their addresses. */
export const documentUrl = (scenarioId: string, name: 'sitman' | 'feedback-form', exerciseId?: string): string =>
  documentPath(scenarioId, `${name}.html`, exerciseId);

/** Downloads a document that reveals the story, with a staff key. */
export const downloadDocument = (
  scenarioId: string,
  key: string,
  file: 'msel.html' | 'msel.csv' | 'eeg.html',
  exerciseId?: string,
) => downloadFrom(documentPath(scenarioId, file, exerciseId), key, file);
