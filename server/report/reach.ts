/**
 * Could the team still have got there? For a root-cause note: the last decision on the team's own
 * path where an option on offer, not taken, leads (now or later in the story) to a state the
 * note is about (a flag set, an inject reached). A bounded search over merged states, the same
 * merging the path search uses, so it is exact within its limit and cheap on real drills.
 */
import type { Drill } from '../engine/drill.ts';
import { choicesAt } from '../engine/explore.ts';
import { mergeKey, type MergeKey } from '../engine/merge-key.ts';
import { startState, step, type DecisionRecord, type TeamState } from '../engine/team-state.ts';
import { eventsOfLog } from '../exercise/whatif.ts';

/** States a single search may visit before it gives up and says "unknown". */
const SEARCH_LIMIT = 20_000;

const keys = new WeakMap<Drill, MergeKey>();

function keyOf(drill: Drill): MergeKey {
  let key = keys.get(drill);
  if (!key) {
    key = mergeKey(drill);
    keys.set(drill, key);
  }
  return key;
}

/** Whether some path from `from` reaches a state where `goal` holds; undefined when the search hit its limit. */
export function canReach(drill: Drill, from: TeamState, goal: (s: TeamState) => boolean): boolean | undefined {
  if (goal(from)) return true;
  const key = keyOf(drill);
  const seen = new Set<string>([key.of(from)]);
  const stack: TeamState[] = [from];
  while (stack.length) {
    const state = stack.pop()!;
    for (const event of choicesAt(drill, state)) {
      const child = step(drill, state, event);
      if (!child) continue;
      if (goal(child)) return true;
      const k = key.of(child);
      if (seen.has(k)) continue;
      if (seen.size >= SEARCH_LIMIT) return undefined;
      seen.add(k);
      stack.push(child);
    }
  }
  return false;
}

/** The last point on a team's path where another option would have led to the goal. */
export interface LastChance {
  /** Index of the decision in the team's log. */
  index: number;
  /** The option on offer there that leads to the goal (the first such, in the drill's order). */
  option: string;
}

/**
 * Walks the team's log backwards from its last decision and returns the latest decision where an
 * option not taken leads to the goal; undefined when none does (or a search hit its limit).
 */
export function lastChance(
  drill: Drill,
  log: readonly DecisionRecord[],
  goal: (s: TeamState) => boolean,
): LastChance | undefined {
  const before: TeamState[] = [];
  let state: TeamState | undefined = startState(drill);
  for (const event of eventsOfLog(log)) {
    if (!state) break;
    before.push(state);
    state = step(drill, state, event);
  }
  for (let i = before.length - 1; i >= 0; i--) {
    const record = log[i]!;
    for (const event of choicesAt(drill, before[i]!)) {
      if (event.type !== 'CHOOSE' || (record.kind === 'chosen' && record.option === event.option)) continue;
      const child = step(drill, before[i]!, event);
      if (child && canReach(drill, child, goal)) return { index: i, option: event.option };
    }
  }
  return undefined;
}
