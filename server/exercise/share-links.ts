/**
 * Read-only share links of a report (docs/protocol.md H15-H17). A token is
 * `bds1.<id>.<expiry>.<secret>.<signature>`: a public id, the expiry in seconds since 1970
 * (base 36), 192 random bits, and an HMAC-SHA256 over the rest with a key the server keeps in
 * its database (made on first use). The signature turns away a tampered or made-up token before
 * any lookup; the store holds only the token's SHA-256, with the exercise it opens, its expiry
 * and when it was revoked, which decide.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store, StoredShare } from './store/types.ts';
import { hashSecret, newSecret } from './tokens.ts';

const PREFIX = 'bds1';
const TOKEN = /^bds1\.([A-Za-z0-9_-]{16})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{43})$/;
const SIGNING_KEY = 'share_signing_key';

/** Days a link lasts: the default and the longest allowed. */
export const SHARE_DAYS = { default: 7, max: 90 } as const;

/** Whether a key is shaped like a share token (the other keys never start with `bds1.`). */
export function isShareToken(key: string): boolean {
  return key.startsWith(`${PREFIX}.`);
}

/** The server's signing key, made and stored on first use. */
async function signingKey(store: Store): Promise<Buffer> {
  let key = await store.getMeta(SIGNING_KEY);
  if (!key) {
    key = randomBytes(32).toString('base64url');
    await store.setMeta(SIGNING_KEY, key);
    // another process may have stored one first: use whichever the database holds
    key = (await store.getMeta(SIGNING_KEY)) ?? key;
  }
  return Buffer.from(key, 'base64url');
}

const sign = (key: Buffer, body: string): string => createHmac('sha256', key).update(body).digest('base64url');

/** Makes a share link of `exerciseId` lasting `days`; returns the stored row and the token (shown once). */
export async function createShare(
  store: Store,
  exerciseId: string,
  options: { createdBy: StoredShare['createdBy']; days?: number; label?: string | null; now: number },
): Promise<{ share: StoredShare; token: string }> {
  const days = options.days ?? SHARE_DAYS.default;
  const expiresAt = Math.floor((options.now + days * 86_400_000) / 1000) * 1000;
  const id = randomBytes(12).toString('base64url');
  const body = `${PREFIX}.${id}.${(expiresAt / 1000).toString(36)}.${newSecret()}`;
  const token = `${body}.${sign(await signingKey(store), body)}`;
  const share: StoredShare = {
    id,
    tokenHash: hashSecret(token),
    exerciseId,
    createdBy: options.createdBy,
    label: options.label ?? null,
    createdAt: options.now,
    expiresAt,
    revokedAt: null,
  };
  await store.addShare(share);
  return { share, token };
}

/** Why a token opens nothing. */
export type ShareRefusal = 'malformed' | 'tampered' | 'unknown' | 'revoked' | 'expired';

/** The share link a token stands for, or why it does not open anything now (with the link when it is a real one). */
export async function checkShareToken(
  store: Store,
  token: string,
  now: number,
): Promise<{ share: StoredShare; refused?: undefined } | { refused: ShareRefusal; share?: StoredShare }> {
  const match = TOKEN.exec(token);
  if (!match) return { refused: 'malformed' };
  const body = token.slice(0, token.lastIndexOf('.'));
  const given = Buffer.from(match[4]!, 'base64url');
  const expected = Buffer.from(sign(await signingKey(store), body), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { refused: 'tampered' };
  const share = await store.shareByTokenHash(hashSecret(token));
  if (!share || share.id !== match[1]) return { refused: 'unknown' };
  if (share.revokedAt !== null) return { refused: 'revoked', share };
  if (share.expiresAt <= now) return { refused: 'expired', share };
  return { share };
}

/** A share link's state at `now`. */
export function shareStatus(share: StoredShare, now: number): 'active' | 'revoked' | 'expired' {
  return share.revokedAt !== null ? 'revoked' : share.expiresAt <= now ? 'expired' : 'active';
}
