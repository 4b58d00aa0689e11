/** Finding notes write durations as a person does (one format), never "N sim-min" or "N-minute target". */
import { expect, it } from 'vitest';
import { loadDrill } from '../../server/engine/check.ts';
import { play } from '../../server/engine/playthrough.ts';
import { historyFromPlaythrough } from '../../server/report/from-playthrough.ts';
import { buildReport } from '../../server/report/model.ts';
import { MINI, START } from './fixture-history.ts';

it('a deadline met says how long it took and the target in the same duration format', () => {
  const { drill, stats } = loadDrill(MINI);
  const report = buildReport(
    drill,
    stats,
    historyFromPlaythrough(drill, 'Team', play(drill, stats, { kind: 'best' }), { start: START }),
  );
  const note = report.teams[0]!.strengths.find((f) => f.key === 'contain-fast')!.note;
  expect(note).toMatch(/^Met after 20m, inside the 1h target: /);
  expect(note).not.toMatch(/sim-min|-minute target/);
});
