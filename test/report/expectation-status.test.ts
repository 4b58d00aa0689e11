/**
 * A drill stopped early does not report a `never` task as missed when nobody broke it: every
 * format says "not reached"; a task the team broke says "violated".
 */
import { describe, expect, it } from 'vitest';
import { loadDrill } from '../../server/engine/check.ts';
import { compileDrill } from '../../server/engine/machine.ts';
import { stepperOf } from '../../server/engine/machine-step.ts';
import { play, type Playthrough } from '../../server/engine/playthrough.ts';
import type { TeamEvent } from '../../server/engine/team-state.ts';
import { historyFromPlaythrough } from '../../server/report/from-playthrough.ts';
import { renderHtml } from '../../server/report/html.ts';
import { renderMarkdown } from '../../server/report/markdown.ts';
import { buildReport } from '../../server/report/model.ts';
import { gapReportSchema } from '../../protocol/index.ts';
import { MINI, START } from './fixture-history.ts';

const { drill, stats } = loadDrill(MINI);

/** The first `n` steps of a path: the exercise ends there, before the story does. */
function stopAfter(events: TeamEvent[], n: number): Playthrough {
  const stepper = stepperOf(compileDrill(drill));
  let snapshot = stepper.initial();
  for (const event of events.slice(0, n)) snapshot = stepper.next(snapshot, event);
  return { state: snapshot.context, events: events.slice(0, n) };
}

const statusOf = (p: Playthrough): Record<string, string> => {
  const report = buildReport(drill, stats, historyFromPlaythrough(drill, 'Team', p, { start: START }));
  gapReportSchema.parse(report);
  return Object.fromEntries(report.teams[0]!.expectations.map((e) => [e.id, e.status]));
};

describe('expectation status', () => {
  it('an early stop leaves an unbroken never-task not reached, in JSON, Markdown and HTML', () => {
    const early = stopAfter(stats.bestPath, 1);
    expect(early.state.cursor.ending).toBeUndefined();
    const report = buildReport(drill, stats, historyFromPlaythrough(drill, 'Team', early, { start: START }));
    const task = report.teams[0]!.expectations.find((e) => e.id === 'no-destroy')!;
    expect(task).toMatchObject({ met: false, status: 'not-reached' });
    const md = renderMarkdown(report);
    expect(md).toMatch(/\| Never destroy evidence \| [^|]+ \| \*\*not reached\*\* \|/);
    expect(md).not.toMatch(/\| Never destroy evidence \| [^|]+ \| \*\*missed\*\* \|/);
    expect(renderHtml(report)).toMatch(
      /Never destroy evidence<\/td><td>[^<]*<\/td><td><span class="unreached nowrap">not reached<\/span>/,
    );
    expect(report.summary.teams[0]!.text).not.toContain('never destroy evidence');
  });
  it('deleting evidence violates the never-task, waiting two hours breaches the one-hour deadline; the best path meets them', () => {
    const deleted = statusOf(play(drill, stats, { kind: 'ids', ids: ['delete', 'leave'] }));
    expect(deleted['no-destroy']).toBe('violated');
    const waited = statusOf(play(drill, stats, { kind: 'ids', ids: ['wait', 'leave'] }));
    expect(waited['contain-fast']).toBe('violated');
    expect(Object.values(statusOf(play(drill, stats, { kind: 'best' })))).toEqual(['met', 'met', 'met', 'met']);
  });
});
