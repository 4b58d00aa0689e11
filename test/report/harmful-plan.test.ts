/**
 * Harmful choices reach the improvement plan, and "Fix first" is ranked by impact with the
 * reason it comes first, not by the order of the scenario file.
 */
import { describe, expect, it } from 'vitest';
import { loadDrill } from '../../server/engine/check.ts';
import { play } from '../../server/engine/playthrough.ts';
import { historyFromPlaythrough } from '../../server/report/from-playthrough.ts';
import { buildReport } from '../../server/report/model.ts';
import { gapReportSchema } from '../../protocol/index.ts';
import { START } from './fixture-history.ts';

const POISONED = new URL('../../scenarios/poisoned-fraud-detector.yaml', import.meta.url).pathname;

describe('plan from harmful choices, fix first by impact', () => {
  const { drill, stats } = loadDrill(POISONED);
  const report = buildReport(
    drill,
    stats,
    historyFromPlaythrough(drill, 'Worst', play(drill, stats, { kind: 'worst' }), { start: START }),
  );
  gapReportSchema.parse(report);
  const team = report.teams[0]!;

  it('gives every harmful choice an area for improvement and a plan row, unless a missed task already explains it', () => {
    const decisionRows = report.plan.filter((p) => p.source === 'decision');
    // Fabricating the evidence record and promoting the retrain on unverified data.
    expect(decisionRows.map((p) => p.key)).toEqual(expect.arrayContaining(['forensics-gone', 'drift-retrain']));
    for (const row of decisionRows) {
      expect(team.improvements.some((f) => f.source === 'decision' && f.key === row.key)).toBe(true);
      expect(row.correctiveAction).toMatch(/^Agree in the incident-response plan what to do at “/);
      expect(row.responsible).not.toBe('');
    }
  });
  it('ranks a violated task first and says why each is first', () => {
    const statusOf = (key: string): string | undefined => team.expectations.find((e) => e.id === key)?.status;
    const violated = report.plan.filter((p) => p.source === 'expectation' && statusOf(p.key) === 'violated');
    expect(violated.length).toBeGreaterThan(0);
    expect(report.summary.fixFirst).toHaveLength(3);
    for (const line of report.summary.fixFirst) expect(line).toMatch(/ Why: [a-z]/);
    expect(report.summary.fixFirst[0]).toContain('Why: a critical task violated');
    // File order would put the first plan row first; a violated task outranks it when that row was only missed.
    const first = report.plan[0]!;
    if (statusOf(first.key) !== 'violated')
      expect(report.summary.fixFirst[0]).not.toContain(first.correctiveAction.slice(0, 40));
  });
});
