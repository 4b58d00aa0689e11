/**
 * Keeping a projected snapshot in step with the server (P3, P5–P7), as pure functions: what a
 * patch or a welcome does to the snapshot a client holds, and when the client must resync.
 */
import type { Patch, Snapshot, Welcome } from '../messages.ts';
import { applyPatch } from '../patch.ts';

export type Received =
  /** The patch followed the held version and is applied. */
  | { kind: 'applied'; snapshot: Snapshot }
  /** Already held (a repeat delivery, or one the welcome covered): nothing to do. */
  | { kind: 'duplicate' }
  /** Versions are missing in between: say hello with the last version (P7). */
  | { kind: 'gap' }
  /** The patch does not fit what is held (a progress delta past the log, P5a): ask for a snapshot. */
  | { kind: 'misfit' };

/** What one live patch does to `held` (null: nothing held yet, the welcome will bring it). */
export function receivePatch(held: Snapshot | null, patch: Patch): Received {
  if (!held || patch.version <= held.version) return { kind: 'duplicate' };
  if (patch.version !== held.version + 1) return { kind: 'gap' };
  try {
    return { kind: 'applied', snapshot: applyPatch(held, patch) };
  } catch {
    return { kind: 'misfit' };
  }
}

/**
 * The snapshot after an accepted welcome, or null when its patches do not bring `held` to the
 * welcome's version (the client then asks again with no version, for a full snapshot).
 */
export function receiveWelcome(held: Snapshot | null, welcome: Extract<Welcome, { ok: true }>): Snapshot | null {
  if ('snapshot' in welcome) return welcome.snapshot;
  let snapshot = held;
  for (const patch of welcome.patches) {
    const received = receivePatch(snapshot, patch);
    if (received.kind === 'applied') snapshot = received.snapshot;
    else if (received.kind !== 'duplicate') return null;
  }
  return snapshot && snapshot.version === welcome.version ? snapshot : null;
}
