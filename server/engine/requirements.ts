/**
 * Whether an expectation's requirement is met by a team's state (docs/scoring.md). Used by
 * scoring at the end of a drill and by the path search to see which expectations a path meets.
 */
import { chose, holds, readClock } from './conditions.ts';
import type { Drill } from './drill.ts';
import { durationMinutes } from './duration.ts';
import type { Requirement } from './schema.ts';
import type { TeamState } from './team-state.ts';

/** Met or not, and the sim-minute it was met (or broken, for `never`) when that applies. */
export function evaluateRequirement(
  drill: Drill,
  require: Requirement,
  state: TeamState,
  finished: boolean,
): { met: boolean; at: number | null } {
  if ('flag' in require) {
    const set = state.flags[require.flag];
    const limit = require.by ? durationMinutes(require.by) : Infinity;
    let met = set !== undefined && set.at <= limit;
    if (met && require.after !== undefined) {
      // Within a time of another flag: measured from when that flag was set, if it was.
      const from = state.flags[require.after];
      met = from === undefined || set!.at - from.at <= durationMinutes(require.within!);
    }
    return { met, at: set?.at ?? null };
  }
  if ('before' in require) {
    const [a, b] = require.before.map((f) => state.flags[f]);
    return { met: a !== undefined && (b === undefined || a.seq < b.seq), at: a?.at ?? null };
  }
  if ('never' in require) {
    const set = state.flags[require.never];
    return { met: set === undefined && finished, at: set?.at ?? null };
  }
  if ('clock' in require) {
    const clock = drill.scenario.clocks.find((c) => c.id === require.clock.id);
    const reading = clock ? readClock(clock, state, finished) : undefined;
    return { met: reading?.status === require.clock.status, at: reading?.stoppedAt ?? null };
  }
  if ('holds' in require) {
    return { met: finished && holds(drill, require.holds, state), at: null };
  }
  const [inject, option] = require.chose.split('.');
  const record = chose(state, require.chose)
    ? state.log.find((r) => r.inject === inject && r.option === option && r.kind === 'chosen')
    : undefined;
  // Like flags, a choice counts from when its action is done (after its cost).
  return { met: record !== undefined, at: record ? record.at + record.costMinutes : null };
}
