/**
 * The order a decision's options are shown in. Drill authors tend to write the best option
 * first (every bundled drill did, on every decision), so showing them in file order would teach
 * players to pick the top one. Each exercise shows each decision's options in its own shuffled
 * order, the same for every team and every screen (and after a restart), so a tally on the board
 * and a phone list the options alike. The order is only presentation: the engine, the log and the
 * reports work with option ids.
 */
import { createHash } from 'node:crypto';
import { seededRandom } from '../engine/playthrough.ts';

/** `items` in the order shown for this exercise and inject (a seeded Fisher–Yates shuffle). */
export function displayOrder<T>(items: readonly T[], exerciseId: string, injectId: string): T[] {
  const seed = createHash('sha256').update(`${exerciseId}\n${injectId}`).digest().readUInt32LE(0);
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
