/**
 * Key checks for HTTP routes. Handing out a link to a seat takes the facilitator key of that
 * exercise (H12). Who may read a report: the facilitator key of that exercise or the manager key, sent as
 * `Authorization: Bearer <key>` (or `?key=` so a plain download link works); a solo run's
 * report also opens with the trainee's own token, and any report with a share link's token made
 * for it (H16). No key is 401; a key that grants nothing here (unknown, a player's or observer's token, another exercise's
 * facilitator key, a share token of another report, revoked, expired or tampered) is 403.
 * The documents that spoil a scenario open with the manager key or the facilitator key of an
 * exercise of that scenario (H14).
 */
import type { IncomingMessage } from 'node:http';
import { checkShareToken, isShareToken, type ShareRefusal } from '../exercise/share-links.ts';
import type { Store, StoredShare } from '../exercise/store/types.ts';
import { hashSecret } from '../exercise/tokens.ts';
import { utcDateTime } from '../report/format.ts';
import type { ExerciseRegistry } from '../exercise/registry.ts';
import { HttpError } from './http-json.ts';

/** The key a request carries: the bearer token, else the `key` query parameter. */
export function requestKey(req: IncomingMessage, url: URL): string | null {
  const header = req.headers.authorization;
  const bearer = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  const key = bearer ?? url.searchParams.get('key') ?? '';
  return key.length > 0 ? key : null;
}

/** What the key is: the manager's, the facilitator's of `exerciseId`, the trainee's own token of a solo run, or a share link's. */
export type ReportReader = 'manager' | 'facilitator' | 'trainee' | 'share';

const SHARE_REFUSALS: Record<ShareRefusal, (share: StoredShare | undefined) => string> = {
  malformed: () => 'this share link is not valid: check that the whole address was copied',
  tampered: () => 'this share link is not valid: check that the whole address was copied',
  unknown: () => 'this share link is not valid (it may belong to another server)',
  revoked: () => 'this share link was revoked; ask whoever shared it for a new one',
  expired: (share) =>
    `this share link expired${share ? ` on ${utcDateTime(share.expiresAt)}` : ''}; ask whoever shared it for a new one`,
};

/** The share link a share token opens now; 403 saying why when it opens nothing (H16). */
export async function requireShare(store: Store, key: string | null, now: number): Promise<StoredShare> {
  if (key === null)
    throw new HttpError(401, 'FORBIDDEN', 'a share link\'s token is required: send "Authorization: Bearer <token>"');
  const checked =
    key.length <= 256 && isShareToken(key) ? await checkShareToken(store, key, now) : { refused: 'malformed' as const };
  if (checked.refused !== undefined)
    throw new HttpError(403, 'FORBIDDEN', SHARE_REFUSALS[checked.refused](checked.share));
  return checked.share;
}

async function credentialOf(store: Store, key: string | null) {
  if (key === null)
    throw new HttpError(
      401,
      'FORBIDDEN',
      'a key is required: send "Authorization: Bearer <facilitator or manager key>"',
    );
  if (key.length > 256) throw new HttpError(403, 'FORBIDDEN', 'this key is not valid here');
  return await store.credential(hashSecret(key));
}

/** Requires the manager key. */
export async function requireManager(store: Store, key: string | null): Promise<void> {
  const credential = await credentialOf(store, key);
  if (credential?.seat !== 'manager' || credential.exerciseId !== null) {
    throw new HttpError(403, 'FORBIDDEN', 'only the manager key opens the list of reports and the trends');
  }
}

/**
 * Requires the facilitator key of `exerciseId` or the manager key; 404 when the exercise does
 * not exist (checked after the key is known to be a real one).
 */
export async function requireReader(
  store: Store,
  key: string | null,
  exerciseId: string,
  now: number = Date.now(),
): Promise<ReportReader> {
  if (key !== null && isShareToken(key)) {
    const share = await requireShare(store, key, now);
    if (share.exerciseId !== exerciseId)
      throw new HttpError(403, 'FORBIDDEN', 'this share link opens another report, and nothing else');
    if (!(await store.exercise(exerciseId))) throw new HttpError(404, 'NOT_FOUND', `no exercise "${exerciseId}"`);
    return 'share';
  }
  const credential = await credentialOf(store, key);
  if (!credential)
    throw new HttpError(
      403,
      'FORBIDDEN',
      'this key opens no report: use the facilitator key of the exercise or the manager key',
    );
  const exercise = await store.exercise(exerciseId);
  if (!exercise) throw new HttpError(404, 'NOT_FOUND', `no exercise "${exerciseId}"`);
  if (credential.seat === 'manager' && credential.exerciseId === null) return 'manager';
  if (credential.seat === 'facilitator' && credential.exerciseId === exerciseId) return 'facilitator';
  // a trainee reads their own practice run with the token they already hold
  if (exercise.solo && credential.seat === 'player' && credential.exerciseId === exerciseId) return 'trainee';
  throw new HttpError(
    403,
    'FORBIDDEN',
    `the report of exercise ${exerciseId} opens only with its facilitator key or the manager key (a solo run also with the trainee's own token)`,
  );
}

/**
 * Requires a key that may change what a report holds (H8, H8a, H15, W5): the facilitator key of
 * `exerciseId` or the manager key. A trainee's token and a share link only read (403, saying
 * `what` is done with which keys). Returns which key it was.
 */
export async function requireStaff(
  store: Store,
  key: string | null,
  exerciseId: string,
  now: number,
  what: string,
): Promise<'manager' | 'facilitator'> {
  const reader = await requireReader(store, key, exerciseId, now);
  if (reader === 'trainee' || reader === 'share')
    throw new HttpError(403, 'FORBIDDEN', `${what} with the facilitator key or the manager key`);
  return reader;
}

/**
 * Requires a key that may read the answers of scenario `scenarioId` (H14): the manager key, or
 * the facilitator key of an exercise of that scenario. Returns which.
 */
export async function requireScenarioStaff(
  store: Store,
  key: string | null,
  scenarioId: string,
): Promise<'manager' | 'facilitator'> {
  const credential = key !== null && isShareToken(key) ? undefined : await credentialOf(store, key);
  if (credential?.seat === 'manager' && credential.exerciseId === null) return 'manager';
  if (
    credential?.seat === 'facilitator' &&
    credential.exerciseId !== null &&
    (await store.exercise(credential.exerciseId))?.scenarioId === scenarioId
  )
    return 'facilitator';
  throw new HttpError(
    403,
    'FORBIDDEN',
    'this document reveals the story: it opens with the manager key or the facilitator key of an exercise of this scenario',
  );
}

/** Requires the facilitator key of `exerciseId` (H12): only the facilitator hands seats out. */
export async function requireFacilitator(
  registry: ExerciseRegistry,
  key: string | null,
  exerciseId: string,
): Promise<void> {
  if (key === null)
    throw new HttpError(401, 'FORBIDDEN', 'a key is required: send "Authorization: Bearer <facilitator key>"');
  const identity = key.length <= 256 ? await registry.identify(key, exerciseId) : undefined;
  if (identity?.actor.seat !== 'facilitator')
    throw new HttpError(
      403,
      'FORBIDDEN',
      `only the facilitator of exercise ${exerciseId} can hand out a link to a seat`,
    );
}

/**
 * Requires the token of the trainee who played solo run `exerciseId` (H18: only they rewind it);
 * returns their player id. A facilitator's, manager's or observer's key, or another run's token, is 403.
 */
export async function requireTrainee(
  registry: ExerciseRegistry,
  key: string | null,
  exerciseId: string,
): Promise<string> {
  if (key === null)
    throw new HttpError(401, 'FORBIDDEN', 'a key is required: send "Authorization: Bearer <your token of this run>"');
  const identity = key.length <= 256 ? await registry.identify(key, exerciseId) : undefined;
  if (identity?.actor.seat !== 'player' || identity.credential.exerciseId !== exerciseId || !identity.actor.playerId) {
    throw new HttpError(
      403,
      'FORBIDDEN',
      'only the trainee who played this solo run can rewind it, with the token of their seat',
    );
  }
  return identity.actor.playerId;
}
