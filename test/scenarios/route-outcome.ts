/**
 * What the bundled drills' route tests ask about a run: the ending, the expectations missed, the
 * clocks, the impact, which injects were shown and the estate at the end (and, for anything else,
 * the end state and the outcome themselves).
 */
import { outcomeOf } from '../../server/engine/outcome.ts';
import { play } from '../../server/engine/playthrough.ts';
import type { Loaded } from '../engine/helpers.ts';

/** Plays a drill along option ids (or its best or worst path) and reads the end state. */
export function routeOutcome({ drill, stats }: Loaded, ids: string[] | 'best' | 'worst') {
  const strategy = typeof ids === 'string' ? { kind: ids } : { kind: 'ids' as const, ids };
  const state = play(drill, stats, strategy).state;
  const result = outcomeOf(drill, stats, state);
  return {
    ending: result.ending?.id,
    missed: result.expectations.filter((e) => !e.met).map((e) => e.id),
    clock: (id: string) => result.clocks.find((c) => c.id === id)?.status,
    metric: (id: string) => result.impact.find((m) => m.id === id)?.total ?? 0,
    shown: (inject: string) => state.log.some((r) => r.inject === inject),
    serving: (endpoint: string) => state.estate.endpoints.find((e) => e.id === endpoint)?.traffic,
    credential: (id: string) => state.estate.credentials?.find((c) => c.id === id)?.status ?? 'valid',
    tool: (agent: string, tool: string) => state.estate.agents?.find((a) => a.id === agent)?.tools.find((t) => t.id === tool)?.permission,
    state,
    result,
  };
}
