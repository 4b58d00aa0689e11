/**
 * The Exercise Evaluation Guide (HSEEP EEG): per capability the drill exercises, its target and
 * its critical tasks (the drill's expectations with their standard and where the story tests
 * them), with room for the evaluator's observations and a P/S/M/U rating per task and for the
 * capability. Printable, so an evaluator can work on paper.
 */
import type { Drill } from '../../engine/drill.ts';
import type { ExploreResult } from '../../engine/explore.ts';
import { CAPABILITY_LABELS, type Capability } from '../../engine/vocabulary.ts';
import { esc } from '../escape.ts';
import { clause, RATING_LABELS } from '../format.ts';
import { drillFacts, type DrillFacts } from './facts.ts';
import { blank, keyValues, page, tick, writeLines } from './page.ts';
import { CAPABILITY_OBJECTIVES } from './sitman.ts';
import { requirementWords } from './words.ts';

/** The HSEEP rating scale, as an evaluator applies it. */
const RATING_MEANING: Record<keyof typeof RATING_LABELS, string> = {
  P: 'The tasks were done in a way that did not hold back other activities, added no risk and followed the plans.',
  S: 'The tasks were done, with some challenges or chances to do them more efficiently.',
  M: 'The tasks were done, but with challenges that hurt performance, added risk or departed from the plans.',
  U: 'The tasks were not done.',
};

const ratingBoxes = (stacked: boolean): string =>
  `<span class="boxes">${(Object.keys(RATING_LABELS) as Array<keyof typeof RATING_LABELS>).map((r) => tick(r)).join(stacked ? '<br>' : ' ')}</span>`;

function capabilitySection(drill: Drill, facts: DrillFacts, capability: Capability, index: number): string {
  const tasks = drill.scenario.expectations.filter((e) => e.capability === capability);
  const rows = tasks.map((e, i) => {
    const at = facts.testedAt.get(e.id) ?? [];
    const refs = [...e.csf.map((c) => `CSF ${c}`), ...e.mitigations.map((m) => `ATLAS ${m}`)];
    const task = [
      `<strong>${esc(clause(e.text))}.</strong>`,
      `<br>${esc(requirementWords(drill, e.require))}`,
      at.length
        ? `<br><span class="note">Tested at: ${esc(at.map((f) => `“${f.inject.title}”`).join(', '))}</span>`
        : '',
      refs.length ? `<br><span class="note">${esc(refs.join(' · '))}</span>` : '',
    ].join('');
    return `<tr><td class="num">${i + 1}</td><td>${task}</td><td></td><td>${ratingBoxes(true)}</td></tr>`;
  });
  const table = tasks.length
    ? `<table><colgroup><col style="width:2.2rem"><col style="width:48%"><col><col style="width:4.2rem"></colgroup><thead><tr><th scope="col" class="num">#</th><th scope="col">Critical task and standard</th><th scope="col">Observed (when, by whom, how)</th><th scope="col">Rating</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`
    : '<p class="note">This capability is scored through the decisions only; it has no critical task of its own.</p>';
  return `<section>
<h2${index > 0 ? ' class="page"' : ''}>${esc(CAPABILITY_LABELS[capability])}</h2>
<p><strong>Capability target.</strong> ${esc(CAPABILITY_OBJECTIVES[capability])}</p>
${table}
<div class="keep">
<h3>Observations and the reasons for the rating</h3>
${writeLines(5, `Space for observations on ${CAPABILITY_LABELS[capability]}`)}
<p><strong>Capability rating:</strong> ${ratingBoxes(false)}</p>
</div>
</section>`;
}

/** The Exercise Evaluation Guide as a self-contained HTML page. */
export function renderEeg(drill: Drill, stats: ExploreResult): string {
  const s = drill.scenario;
  const facts = drillFacts(drill, stats);
  const scale = keyValues(
    (Object.keys(RATING_LABELS) as Array<keyof typeof RATING_LABELS>).map((r) => [
      `${r}: ${RATING_LABELS[r]}`,
      esc(RATING_MEANING[r]),
    ]),
  );
  const body = `
<h2>Evaluator</h2>
<div class="fields">
${blank('Evaluator')}
${blank('Team observed')}
${blank('Organisation')}
${blank('Date')}
</div>
<h2>Objectives</h2>
<ul>${s.objectives.map((o) => `<li>${esc(o)}</li>`).join('')}</ul>
<h2>Rating scale</h2>
${scale}
<p class="note">Rate each critical task, then the capability as a whole. Write what you saw and heard, with times, so the rating can be explained at the after-action meeting. breachdrill rates the same tasks from the team’s choices; compare yours with its report.</p>
${facts.capabilities.map((c, i) => capabilitySection(drill, facts, c, i)).join('\n')}
`;
  return page(drill, { kind: 'Exercise Evaluation Guide', audience: 'staff', body });
}
