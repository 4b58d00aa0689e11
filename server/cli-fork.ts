/**
 * `breachdrill run FILE --choices … --fork N:OPTION --then same|best|worst [--json]`: the played
 * timeline and the what-if side by side, for authors checking that a branch teaches what they meant.
 */
import type { Drill } from './engine/drill.ts';
import { formatMinutes } from './engine/duration.ts';
import type { ExploreResult } from './engine/explore.ts';
import { compareFork, type TimelineComparison } from './engine/fork-compare.ts';
import { parseFork, type ForkPolicy } from './engine/fork.ts';
import type { ClockResult, Outcome } from './engine/outcome.ts';
import type { TeamEvent } from './engine/team-state.ts';

const POLICY_WORDS: Record<ForkPolicy, string> = {
  same: "the team's own later choices (the best option where their story never went)",
  best: 'the best option at every later decision',
  worst: 'the worst option at every later decision',
};

/** Prints the comparison of a fork of `events`; returns the exit code. */
export function forkCommand(
  drill: Drill,
  stats: ExploreResult,
  events: TeamEvent[],
  forkText: string,
  then: string | undefined,
  json: boolean,
): number {
  const comparison = compareFork(drill, stats, events, parseFork(forkText, then));
  if (json) console.log(JSON.stringify(comparison, null, 2));
  else console.log(describeComparison(drill, comparison));
  return 0;
}

const optionLabel = (drill: Drill, inject: string, option: string | null): string =>
  option === null
    ? 'no decision'
    : (drill.injects[inject]?.inject.decision?.options.find((o) => o.id === option)?.label ?? option);

const clockText = (c: ClockResult | undefined): string =>
  !c
    ? '-'
    : c.status === 'not-started'
      ? 'not started'
      : `${c.status}${c.elapsedMinutes === null ? '' : ` after ${formatMinutes(c.elapsedMinutes)}`}`;

/** The two timelines' differences as plain text. */
export function describeComparison(drill: Drill, c: TimelineComparison): string {
  const rows: Array<[string, string, string]> = [['', 'played', 'what if']];
  const row = (label: string, real: string, alt: string) => rows.push([label, real, alt]);
  const ending = (o: Outcome) => (o.ending ? `${o.ending.title} (${o.ending.kind})` : 'not reached');
  row('Ending', ending(c.real), ending(c.alternative));
  row('Sim time', formatMinutes(c.real.simMinutes), formatMinutes(c.alternative.simMinutes));
  row(
    'Score',
    `${c.real.total.score} of ${c.real.total.max}`,
    `${c.alternative.total.score} of ${c.alternative.total.max}`,
  );
  c.real.capabilities.forEach((cap, i) => {
    const alt = c.alternative.capabilities[i]!;
    row(`  ${cap.label}`, `${cap.score} (${cap.rating ?? '-'})`, `${alt.score} (${alt.rating ?? '-'})`);
  });
  for (const clock of c.real.clocks)
    row(clock.label, clockText(clock), clockText(c.alternative.clocks.find((k) => k.id === clock.id)));
  for (const metric of c.real.impact) {
    const alt = c.alternative.impact.find((m) => m.id === metric.id);
    row(
      metric.label,
      `${metric.total.toLocaleString('en-US')} ${metric.unit}`,
      alt ? `${alt.total.toLocaleString('en-US')} ${alt.unit}` : '-',
    );
  }
  const labelWidth = Math.max(...rows.map((r) => r[0].length)) + 2;
  const realWidth = Math.max(...rows.map((r) => r[1].length)) + 2;
  const lines = [
    `What if, at decision ${c.fork.decision} ("${c.fork.title}"), the team had chosen`,
    `  "${optionLabel(drill, c.fork.inject, c.fork.option)}"`,
    `instead of "${optionLabel(drill, c.fork.inject, c.fork.realOption)}", then ${POLICY_WORDS[c.fork.policy]}?`,
    '',
    ...rows.map(([label, real, alt]) => `${label.padEnd(labelWidth)}${real.padEnd(realWidth)}${alt}`.trimEnd()),
  ];
  lines.push('', c.differences.length ? 'Decisions that differ' : 'No decision differs.');
  for (const d of c.differences) {
    const played = d.real ? optionLabel(drill, d.inject, d.real.option) : '(never came to it)';
    const alt = d.alternative ? optionLabel(drill, d.inject, d.alternative.option) : '(never comes to it)';
    lines.push(`  ${d.title}`, `    played:  ${played}`, `    what if: ${alt}`);
  }
  lines.push('', c.flipped.length ? 'Expectations that flip' : 'No expectation flips.');
  for (const f of c.flipped) lines.push(`  ${f.real ? 'met → missed' : 'missed → met'}  ${f.text}`);
  return lines.join('\n');
}
