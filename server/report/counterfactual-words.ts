/**
 * Words of the "What if (counterfactual)" section shared by the Markdown and HTML exports, so
 * both say the same thing: the heading of each pinned what-if, its side-by-side rows (as played,
 * and what if), the decisions that differ, the critical tasks that flip and who pinned it.
 * Plain text: each renderer escapes it.
 */
import { formatMinutes } from '../engine/duration.ts';
import { groupDigits, ratingLabel } from './format.ts';
import type { Counterfactual } from '../../protocol/index.ts';

export const COUNTERFACTUAL_TITLE = 'What if (counterfactual)';

export const COUNTERFACTUAL_INTRO =
  'These timelines were not played. Each takes one decision of a team another way and plays the rest as stated, computed from the exercise event log with the same engine as the debrief. They change no score, finding, improvement-plan item or conclusion of this report.';

type Timeline = Counterfactual['real'];

/** "Red team, decision 2 “Pipeline”: what if “Pause the pipeline”". */
export function counterfactualHeading(c: Counterfactual): string {
  return `${c.teamName}, decision ${c.decision} “${c.title}”: what if “${c.option.label}”`;
}

function clockCell(c: Timeline['clocks'][number] | undefined): string {
  if (!c) return '–';
  if (c.status === 'not-started') return 'not started';
  if (c.status === 'running') return `still running (limit ${formatMinutes(c.limitMinutes)})`;
  return `${c.status}${c.elapsedMinutes === null ? '' : ` after ${formatMinutes(c.elapsedMinutes)}`} (limit ${formatMinutes(c.limitMinutes)})`;
}

const ratingCell = (c: Timeline['capabilities'][number] | undefined): string =>
  c ? `${c.score} of ${c.max}${c.rating ? ` (${c.rating}: ${ratingLabel(c.rating)})` : ''}` : '–';

/** [what, as played, what if] rows: the decision itself, ending, score, each capability, clock and impact. */
export function counterfactualRows(c: Counterfactual): Array<[string, string, string]> {
  const { real, alternative: alt } = c;
  const ending = (t: Timeline) => (t.ending ? `${t.ending.title} (${t.ending.kind})` : 'not reached');
  return [
    ['Decision', c.played ? c.played.label : 'no decision', `${c.option.label}, ${c.policyWords}`],
    ['Ending', ending(real), ending(alt)],
    ['Score', `${real.total.score} of ${real.total.max}`, `${alt.total.score} of ${alt.total.max}`],
    ['Sim time', formatMinutes(real.simMinutes), formatMinutes(alt.simMinutes)],
    ...real.capabilities.map((k): [string, string, string] => [
      k.label,
      ratingCell(k),
      ratingCell(alt.capabilities.find((x) => x.id === k.id)),
    ]),
    ...real.clocks.map((k): [string, string, string] => [
      k.label,
      clockCell(k),
      clockCell(alt.clocks.find((x) => x.id === k.id)),
    ]),
    ...real.impact.map((m): [string, string, string] => {
      const other = alt.impact.find((x) => x.id === m.id);
      return [m.label, `${groupDigits(m.total)} ${m.unit}`, other ? `${groupDigits(other.total)} ${other.unit}` : '–'];
    }),
  ];
}

/** "Pipeline: played “Leave it running”; what if “Pause it”". */
export function differenceWords(d: Counterfactual['differences'][number]): string {
  return `${d.title}: played ${d.real === null ? '(the story never came here)' : `“${d.real}”`}; what if ${d.alternative === null ? '(the story never comes here)' : `“${d.alternative}”`}`;
}

/** "met → missed: Preserve evidence". */
export function flipWords(f: Counterfactual['flipped'][number]): string {
  return `${f.real ? 'met' : 'missed'} → ${f.alternative ? 'met' : 'missed'}: ${f.text}`;
}

/** "Pinned by the facilitator, 2025-03-01 10:20 UTC". */
export function pinnedWords(c: Counterfactual): string {
  return `Pinned by ${c.pinnedBy === 'manager' ? 'a manager' : 'the facilitator'}, ${c.pinnedAt}`;
}
