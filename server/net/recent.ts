/**
 * The last projected patches of each exercise, per recipient class, so a client that
 * reconnects after missing a few versions gets exactly those patches (P7). Classes without a
 * connected socket are not projected at all (stored as null); a client missing one gets a
 * snapshot instead.
 */
import type { Patch } from '../../protocol/index.ts';
import type { RecipientClass } from '../exercise/projection.ts';

/** How many versions per exercise are kept. */
export const RECENT_VERSIONS = 64;

interface Entry {
  version: number;
  patches: Map<RecipientClass, Patch | null>;
  /** Players whose view changed wholesale at this version. */
  resync: readonly string[];
}

export class RecentPatches {
  private readonly byExercise = new Map<string, Entry[]>();

  /** Records the patches of one version. */
  push(
    exerciseId: string,
    version: number,
    patches: Map<RecipientClass, Patch | null>,
    resync: readonly string[],
  ): void {
    let list = this.byExercise.get(exerciseId);
    if (!list) this.byExercise.set(exerciseId, (list = []));
    list.push({ version, patches, resync });
    if (list.length > RECENT_VERSIONS) list.splice(0, list.length - RECENT_VERSIONS);
  }

  /** The patches after `lastVersion` up to `version` for a class, or null when a snapshot is needed. */
  since(
    exerciseId: string,
    lastVersion: number,
    version: number,
    cls: RecipientClass,
    playerId: string | null,
  ): Patch[] | null {
    if (lastVersion === version) return [];
    if (lastVersion > version) return null;
    const list = this.byExercise.get(exerciseId) ?? [];
    const first = list.findIndex((e) => e.version === lastVersion + 1);
    if (first < 0 || list.length - first !== version - lastVersion) return null;
    const patches: Patch[] = [];
    for (const entry of list.slice(first)) {
      const patch = entry.patches.get(cls);
      if (!patch || (playerId && entry.resync.includes(playerId))) return null;
      patches.push(patch);
    }
    return patches;
  }

  /** Forgets an exercise. */
  drop(exerciseId: string): void {
    this.byExercise.delete(exerciseId);
  }
}
