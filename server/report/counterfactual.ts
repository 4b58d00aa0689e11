/**
 * The report's "What if (counterfactual)" section: each what-if a facilitator or manager pinned
 * (docs/protocol.md W5-W8) recomputed from the team's logged decisions with the same engine fork
 * the debrief uses (exercise/whatif.ts). Only the fork's parameters are stored, so the section is
 * as deterministic as the rest of the report. It is kept apart: no score, finding, plan row or
 * conclusion reads it.
 */
import type { Drill } from '../engine/drill.ts';
import { formatMinutes } from '../engine/duration.ts';
import type { ExploreResult } from '../engine/explore.ts';
import { forkWhatIf } from '../exercise/whatif.ts';
import { listWords, utcDateTime } from './format.ts';
import type { ExerciseHistory } from './history.ts';
import type { Counterfactual, WhatIfPolicy, WhatIfTimelineView, WhatIfView } from '../../protocol/index.ts';

/** How the rest of a counterfactual is played, in words (the debrief says the same). */
export const POLICY_WORDS: Record<WhatIfPolicy, string> = {
  same: 'then the team’s own later choices',
  best: 'then the best option at every later decision',
  worst: 'then the worst option at every later decision',
};

const endingWords = (t: WhatIfTimelineView): string => (t.ending ? `ended “${t.ending.title}”` : 'reached no ending');

function clockChange(
  real: WhatIfTimelineView['clocks'][number],
  alt: WhatIfTimelineView['clocks'][number] | undefined,
): string | null {
  if (!alt || alt.status === real.status) return null;
  const words = (c: WhatIfTimelineView['clocks'][number]) =>
    c.status === 'met' || c.status === 'breached'
      ? `${c.status}${c.elapsedMinutes === null ? '' : ` at ${formatMinutes(c.elapsedMinutes)}`}`
      : c.status === 'running'
        ? 'still running'
        : 'not started';
  return `${real.label} ${words(alt)} (played: ${words(real)})`;
}

/** The counterfactual in one sentence: the fork, then how the two stories end, clocks and critical tasks. */
export function counterfactualSentence(teamName: string, v: WhatIfView): string {
  const { fork, real, alternative: alt } = v;
  const instead = fork.played ? `instead of “${fork.played.label}”` : 'instead of making no decision';
  const parts = [
    `Had ${teamName} chosen “${fork.option.label}” ${instead} at “${fork.title}” (${POLICY_WORDS[fork.policy]}), the story would have ${endingWords(alt)} with ${alt.total.score} of ${alt.total.max} points; as played it ${endingWords(real)} with ${real.total.score} point${Math.abs(real.total.score) === 1 ? '' : 's'}.`,
  ];
  const clocks = real.clocks.flatMap(
    (c) =>
      clockChange(
        c,
        alt.clocks.find((k) => k.id === c.id),
      ) ?? [],
  );
  if (clocks.length) parts.push(`${listWords(clocks)}.`);
  const met = v.flipped.filter((f) => f.alternative).length;
  const missed = v.flipped.length - met;
  if (v.flipped.length) {
    const counts = [
      met ? `${met} more critical task${met === 1 ? '' : 's'} met` : '',
      missed ? `${missed} more missed` : '',
    ].filter(Boolean);
    parts.push(`${counts.join(' and ')}.`.replace(/^./, (c) => c.toUpperCase()));
  }
  return parts.join(' ');
}

/** The pinned what-ifs of the history, each recomputed; a pin the story cannot take (none so far) is left out. */
export function buildCounterfactuals(drill: Drill, stats: ExploreResult, history: ExerciseHistory): Counterfactual[] {
  return (history.whatIf ?? []).flatMap((pin): Counterfactual[] => {
    const team = history.teams.find((t) => t.id === pin.teamId);
    if (!team) return [];
    const view = forkWhatIf(drill, stats, team.id, team.state.log, pin);
    if ('problem' in view) return [];
    const { fork } = view;
    return [
      {
        id: pin.id,
        teamId: team.id,
        teamName: team.name,
        decision: fork.decision,
        inject: fork.inject,
        title: fork.title,
        played: fork.played,
        option: fork.option,
        policy: fork.policy,
        policyWords: POLICY_WORDS[fork.policy],
        note: pin.note,
        pinnedBy: pin.pinnedBy,
        pinnedAt: utcDateTime(pin.pinnedAt),
        sentence: counterfactualSentence(team.name, view),
        real: view.real,
        alternative: view.alternative,
        differences: view.differences,
        flipped: view.flipped,
      },
    ];
  });
}
