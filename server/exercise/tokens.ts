/**
 * Secrets and short ids: tokens and keys are 24 random bytes (192 bits) in base64url and are
 * only ever stored as SHA-256 hashes; join codes use an alphabet without look-alikes.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Join-code alphabet: no 0/O, 1/I/L. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;

/** A new secret (player token, facilitator or manager key). */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** A new opaque id for exercises and players. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** The stored form of a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A 6-character join code. */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Upper-cases a typed code and maps look-alikes (O→0 is not in the alphabet, so O stays invalid). */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase().replace(/[\s-]/g, '');
}
