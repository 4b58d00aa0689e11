/**
 * Conditions on a team's state (`when` of injects and options, conditional `next`, `holds`
 * requirements) and the status of the drill's clocks, which conditions and scoring both read.
 */
import type { Drill } from './drill.ts';
import { kindHolds } from './estate-kinds.ts';
import { durationMinutes } from './duration.ts';
import type { Clock, ClockStatus, Condition } from './schema.ts';
import type { TeamState } from './team-state.ts';

/** A clock at the state's sim time: when it started and stopped, and its status. */
export interface ClockReading {
  status: ClockStatus;
  startedAt: number | null;
  stoppedAt: number | null;
  elapsedMinutes: number | null;
}

/**
 * A clock starts at 0, or when its `starts_on` flag is set; it is met when `stops_on` is set
 * within its limit and breached when the limit passes first (or the drill ends with it open).
 * Once stopped it stays stopped: clearing `stops_on` later does not reopen it.
 */
export function readClock(clock: Clock, state: TeamState, finished = state.cursor.ending !== undefined): ClockReading {
  const limitMinutes = durationMinutes(clock.limit);
  const startedAt = clock.starts_on ? (state.flags[clock.starts_on]?.at ?? null) : 0;
  // A stop that happened stays: clearing the flag later does not reopen the clock.
  const stoppedAt = state.cleared?.[clock.stops_on]?.at ?? state.flags[clock.stops_on]?.at ?? null;
  if (startedAt === null) return { status: 'not-started', startedAt, stoppedAt, elapsedMinutes: null };
  const elapsedMinutes = (stoppedAt ?? state.simMinutes) - startedAt;
  const status =
    elapsedMinutes > limitMinutes ? 'breached' : stoppedAt !== null ? 'met' : finished ? 'breached' : 'running';
  return { status, startedAt, stoppedAt, elapsedMinutes };
}

/** True when the choice `inject.option` was taken on this path. */
export function chose(state: TeamState, ref: string): boolean {
  const [inject, option] = ref.split('.');
  return state.log.some((r) => r.inject === inject && r.option === option && r.kind === 'chosen');
}

/** True when `condition` holds for `state`. */
export function holds(drill: Drill, condition: Condition, state: TeamState): boolean {
  if ('flag' in condition) return state.flags[condition.flag] !== undefined;
  if ('not' in condition) return !holds(drill, condition.not, state);
  if ('all' in condition) return condition.all.every((c) => holds(drill, c, state));
  if ('any' in condition) return condition.any.some((c) => holds(drill, c, state));
  if ('chose' in condition) return chose(state, condition.chose);
  if ('pipeline' in condition) {
    return state.estate.pipelines.some((p) => p.id === condition.pipeline.id && p.status === condition.pipeline.status);
  }
  if ('serving' in condition) {
    const endpoint = state.estate.endpoints.find((e) => e.id === condition.serving.endpoint);
    return (endpoint?.traffic[condition.serving.model] ?? 0) > 0;
  }
  if ('clock' in condition) {
    const clock = drill.scenario.clocks.find((c) => c.id === condition.clock.id);
    return clock !== undefined && readClock(clock, state).status === condition.clock.status;
  }
  if ('time' in condition) {
    const { from, before } = condition.time;
    return (
      (from === undefined || state.simMinutes >= durationMinutes(from)) &&
      (before === undefined || state.simMinutes < durationMinutes(before))
    );
  }
  const kind = kindHolds(state.estate, condition);
  if (kind !== undefined) return kind;
  if (!('evidence' in condition)) return false;
  const item = state.estate.evidence.find((e) => e.id === condition.evidence.id);
  if (!item) return false;
  const status = item.status ?? 'intact';
  return condition.evidence.status === undefined ? status !== 'lost' : status === condition.evidence.status;
}
