/**
 * Whether a critical task was met, violated, missed or not reached. A manager acts differently on
 * "the team broke a rule" than on "the exercise stopped before the story got there", so the
 * report never calls an unfinished `never` or an untouched deadline a miss.
 */
import { readClock } from '../engine/conditions.ts';
import { durationMinutes } from '../engine/duration.ts';
import type { Drill } from '../engine/drill.ts';
import type { Requirement } from '../engine/schema.ts';
import type { TeamState } from '../engine/team-state.ts';
import type { ExpectationStatus } from '../../protocol/index.ts';

/** Evidence that the team broke the requirement, whatever came after. */
function violated(drill: Drill, r: Requirement, state: TeamState, finished: boolean): boolean {
  if ('never' in r) return state.flags[r.never] !== undefined;
  if ('flag' in r) {
    const set = state.flags[r.flag];
    const limit = r.by ? durationMinutes(r.by) : undefined;
    if (limit !== undefined && (set ? set.at > limit : state.simMinutes > limit)) return true;
    const from = r.after !== undefined ? state.flags[r.after] : undefined;
    if (from && r.within !== undefined) {
      const allowed = from.at + durationMinutes(r.within);
      return set ? set.at > allowed : state.simMinutes > allowed;
    }
    return false;
  }
  if ('before' in r) {
    const [a, b] = r.before.map((f) => state.flags[f]);
    return b !== undefined && (a === undefined || b.seq < a.seq);
  }
  if ('clock' in r) {
    const clock = drill.scenario.clocks.find((c) => c.id === r.clock.id);
    return (
      clock !== undefined && r.clock.status !== 'breached' && readClock(clock, state, finished).status === 'breached'
    );
  }
  return false;
}

export function expectationStatus(drill: Drill, r: Requirement, state: TeamState, met: boolean): ExpectationStatus {
  if (met) return 'met';
  const finished = state.cursor.ending !== undefined;
  if (violated(drill, r, state, finished)) return 'violated';
  return finished ? 'missed' : 'not-reached';
}
