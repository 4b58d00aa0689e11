/**
 * Adds the engine part's headline (the slowest drill's playthroughs per second on the machine
 * path, against the 5,000/s goal) to the summary table, without changing bench/engine.ts.
 */
import { GOAL_PER_SECOND } from './engine.ts';
import type { BenchPart } from './run.ts';

interface EngineData {
  drills: Array<{ file: string; machine: { perSecond: number }; reducer: { perSecond: number } }>;
}

export function withEngineSummary(part: BenchPart): BenchPart {
  return {
    ...part,
    async run(options) {
      const result = await part.run(options);
      const drills = (result.data as EngineData).drills ?? [];
      const slowest = drills.reduce<EngineData['drills'][number] | undefined>((a, d) => (!a || d.machine.perSecond < a.machine.perSecond ? d : a), undefined);
      const rows = drills.map((d) => ({
        metric: `playthroughs/s, ${d.file.replace(/^.*\//, '')} (machine path)`,
        value: Math.round(d.machine.perSecond),
        goal: `≥ ${GOAL_PER_SECOND.toLocaleString('en-US')}`,
        met: d.machine.perSecond >= GOAL_PER_SECOND,
      }));
      return { ...result, summary: result.summary ?? (slowest ? rows : []) };
    },
  };
}
