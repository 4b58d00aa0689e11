/**
 * Applying a patch to a snapshot (P5), the merge rule every client uses: `exercise`, `players`,
 * `me` and `hotwash` replace; `teams` merge by id, each present part replacing the old one, and
 * an unknown id adds a team. Pure and dependency-free, so the client bundle can import it.
 */
import type { Patch, Snapshot, TeamView } from './protocol.ts';

/** The snapshot after `patch`; throws when the patch does not follow the snapshot's version. */
export function applyPatch(snapshot: Snapshot, patch: Patch): Snapshot {
  if (patch.version !== snapshot.version + 1) {
    throw new Error(`patch ${patch.version} does not follow version ${snapshot.version}; resync`);
  }
  const next: Snapshot = { ...snapshot, version: patch.version };
  if (patch.exercise) next.exercise = patch.exercise;
  if (patch.players) next.players = patch.players;
  if (patch.me) next.me = patch.me;
  if (patch.hotwash) next.hotwash = patch.hotwash;
  if (patch.teams) {
    const teams = [...snapshot.teams];
    for (const part of patch.teams) {
      const index = teams.findIndex((t) => t.id === part.id);
      if (index >= 0) {
        const old = teams[index]!;
        teams[index] = { ...old, ...(part.name !== undefined ? { name: part.name } : {}), ...(part.progress ? { progress: part.progress } : {}), ...(part.decision ? { decision: part.decision } : {}) };
      } else if (part.name !== undefined && part.progress && part.decision) {
        teams.push({ id: part.id, name: part.name, progress: part.progress, decision: part.decision } satisfies TeamView);
      }
    }
    next.teams = teams;
  }
  return next;
}
