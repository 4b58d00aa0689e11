/**
 * Issue 15 item 4, statements a manager would act on: strengths name only mitigations the team
 * applied; a root cause never says nothing could have led somewhere when an option on offer did;
 * a headless run's wall times are labelled synthetic; "Needs most work" names only the weakest
 * capabilities; no raw minute counts in the summary. Checked on the worst path of every bundled
 * drill that is quick to search, and on mini.yaml.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkDrillText, loadDrill } from '../../server/engine/check.ts';
import { play } from '../../server/engine/playthrough.ts';
import { historyFromPlaythroughs } from '../../server/report/from-playthrough.ts';
import { renderHtml } from '../../server/report/html.ts';
import { renderMarkdown } from '../../server/report/markdown.ts';
import { buildReport } from '../../server/report/model.ts';
import { weakestCapabilities } from '../../server/report/summary.ts';
import type { TeamReport } from '../../protocol/index.ts';
import { MINI, START } from './fixture-history.ts';

const DRILLS = ['poisoned-fraud-detector', 'backdoored-registry-model', 'poisoned-support-agent'].map(
  (id) => new URL(`../../scenarios/${id}.yaml`, import.meta.url).pathname,
);

function worstAndBest(file: string) {
  const { drill, stats } = loadDrill(file);
  const history = historyFromPlaythroughs(
    drill,
    [
      { name: 'Strong', playthrough: play(drill, stats, { kind: 'best' }) },
      { name: 'Weak', playthrough: play(drill, stats, { kind: 'worst' }) },
    ],
    { start: START },
  );
  return buildReport(drill, stats, history);
}

describe.each(DRILLS)('%s, best and worst paths', (file) => {
  const report = worstAndBest(file);
  it('strengths name only the ATLAS mitigations the team applied', () => {
    for (const t of report.teams) {
      const applied = new Set(t.mitigationsApplied.map((m) => m.id));
      for (const f of t.strengths)
        expect(
          f.mitigations.filter((m) => !applied.has(m.id)),
          `${t.name}: ${f.text}`,
        ).toEqual([]);
    }
  });
  it('no root cause says nothing could have led there', () => {
    for (const f of report.teams.flatMap((t) => t.improvements)) {
      expect(f.note).not.toMatch(/No decision the team faced could bring it about|took the story elsewhere/);
    }
  });
  it('a headless run says its wall times are synthetic wherever it shows them', () => {
    expect(report.overview.wallClock).toBe('synthetic');
    const md = renderMarkdown(report);
    expect(md).toMatch(/wall-clock time \(planned [^)]*; synthetic: a headless run/);
    const outcomes = md.split('\n').filter((l) => l.startsWith('- Outcome:'));
    expect(outcomes.length).toBeGreaterThan(0);
    for (const line of outcomes) expect(line).toMatch(/ in \d+m(\d+s)? \(synthetic\)/);
    expect(renderHtml(report)).toContain('(synthetic)');
  });
  it('the summary has no raw minutes, no N-minute limits and names at most three weakest capabilities', () => {
    for (const { text } of report.summary.teams) {
      expect(text).not.toMatch(/sim-minutes?|\d+-minute|\d+ min\b|\(\d+ sim/);
      const weak = /Needs most work: ([^.]*)\./.exec(text)?.[1] ?? '';
      expect(weak.split(/, | and /).filter((x) => !/^the lowest|^\d|rated/.test(x)).length).toBeLessThanOrEqual(4);
    }
  });
});

describe('"Needs most work" on mini.yaml', () => {
  it('names only the capabilities with the lowest rating, lowest share of the best possible first', () => {
    const team = {
      capabilities: [
        { id: 'detection', label: 'Detection & Analysis', score: 1, max: 3, rating: 'M' },
        { id: 'containment', label: 'Containment', score: -3, max: 3, rating: 'U' },
        { id: 'evidence', label: 'Evidence & Forensics', score: 0, max: 3, rating: 'U' },
        { id: 'recovery', label: 'Eradication & Recovery', score: 3, max: 3, rating: 'P' },
      ],
    } as unknown as TeamReport;
    expect(weakestCapabilities(team)).toBe('Needs most work: Containment and Evidence & Forensics (rated U).');
    const many = {
      capabilities: ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({
        id,
        label: id.toUpperCase(),
        score: i - 3,
        max: 3,
        rating: 'U',
      })),
    } as unknown as TeamReport;
    expect(weakestCapabilities(many)).toBe(
      'Needs most work: A, B and C, the lowest-scoring of the 5 capabilities rated U.',
    );
    const fine = { capabilities: [{ id: 'a', label: 'A', score: 2, max: 3, rating: 'S' }] } as unknown as TeamReport;
    expect(weakestCapabilities(fine)).toBe('');
  });
  it('a played mini run names the last decision that could still have led to a missing flag', () => {
    const { drill, stats } = loadDrill(MINI);
    const history = historyFromPlaythroughs(
      drill,
      [{ name: 'Weak', playthrough: play(drill, stats, { kind: 'worst' }) }],
      { start: START },
    );
    const notes = buildReport(drill, stats, history).teams[0]!.improvements.map((f) => f.note);
    expect(
      notes.some((n) =>
        /At “Alert” \(at the start\) the team chose “[^”]+” instead of “Snapshot then roll back”|The last chance was at/.test(
          n,
        ),
      ),
    ).toBe(true);
  });
});

describe('a root cause when the team never faced the option that sets the flag', () => {
  // mini.yaml where waiting at the alert ends the story before the retrain decision: "paused" is
  // set only by an option the waiting team never saw, yet one on offer at the alert led there.
  const text = readFileSync(MINI, 'utf8')
    .replace('label: Wait\n              cost: 2h', 'label: Wait\n              cost: 2h\n              next: bad-end')
    .replace(
      'expectations:\n',
      'expectations:\n  - { id: paused-flag, capability: recovery, text: Retrain paused, require: { flag: paused } }\n',
    );
  const checked = checkDrillText('mini-wait.yaml', text);
  it('names the last decision where an option on offer leads there later in the story', () => {
    expect(checked.errors).toBe(0);
    const drill = checked.drill!;
    const stats = checked.stats!;
    const history = historyFromPlaythroughs(
      drill,
      [{ name: 'Waiters', playthrough: play(drill, stats, { kind: 'ids', ids: ['wait'] }) }],
      { start: START },
    );
    const notes = Object.fromEntries(
      buildReport(drill, stats, history).teams[0]!.improvements.map((f) => [f.key, f.note]),
    );
    const chance =
      'The last chance was at “Alert” (at the start): the team chose “Wait”; “Snapshot then roll back”, on offer there, would have led to it.';
    expect(notes['paused-flag']).toBe(`“The retrain pipeline is paused” never happened. ${chance}`);
    expect(notes['pause-it']).toBe(`The team never reached “Retrain due”. ${chance}`);
  });
});
