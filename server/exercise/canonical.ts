/**
 * Canonical JSON (keys sorted, no whitespace, undefined dropped) and the SHA-256 hash chain
 * over logged events (rule 10): hash = sha256(previous hash + "\n" + canonical event).
 */
import { hash } from 'node:crypto';

/** The hash that precedes an exercise's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/**
 * `canonicalJson({exerciseId, version, at, actor, commandId, body})` of an event, assembled from text that is already canonical
 * (the actor and body as stored), so the hash chain is written and checked without
 * re-encoding (or, on replay, re-parsing) the body. Keys in sorted order, as canonicalJson puts them.
 */
export function canonicalEventText(
  exerciseId: string,
  version: number,
  at: number,
  actorJson: string | null,
  commandId: string | null,
  bodyJson: string,
): string {
  return `{"actor":${actorJson ?? 'null'},"at":${JSON.stringify(at)},"body":${bodyJson},"commandId":${JSON.stringify(commandId ?? null)},"exerciseId":${JSON.stringify(exerciseId)},"version":${JSON.stringify(version)}}`;
}

/** The chain hash of one event given the previous hash. */
export function chainHash(previous: string, canonicalEvent: string): string {
  // one-shot hashing: half the cost of createHash().update()…digest(), paid per event appended, replayed or checked
  return hash('sha256', `${previous}\n${canonicalEvent}`, 'hex');
}
