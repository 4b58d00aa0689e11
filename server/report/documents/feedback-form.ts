/**
 * The Participant Feedback Form: the hot-wash questions players answer on screen in the debrief
 * (what worked, what did not, confidence from 1 to 5 per capability the drill exercises), on
 * paper, so a session run without screens still feeds the after-action report.
 */
import type { Drill } from '../../engine/drill.ts';
import type { ExploreResult } from '../../engine/explore.ts';
import { CAPABILITY_LABELS } from '../../engine/vocabulary.ts';
import { esc } from '../escape.ts';
import { roleLabel } from '../format.ts';
import { drillFacts } from './facts.ts';
import { blank, page, tick, writeLines } from './page.ts';

/** The Participant Feedback Form as a self-contained HTML page. */
export function renderFeedbackForm(drill: Drill, stats: ExploreResult): string {
  const s = drill.scenario;
  const { capabilities } = drillFacts(drill, stats);
  const defined = s.roles.define ?? {};
  const roles = s.roles.in_play.map((r) => tick(roleLabel(r, defined)!)).join(' ');
  const scale = [1, 2, 3, 4, 5];
  const confidence = `<table><thead><tr><th scope="col">Capability</th>${scale.map((n) => `<th scope="col" class="mark">${n}</th>`).join('')}</tr></thead><tbody>
${capabilities.map((c) => `<tr><th scope="row">${esc(CAPABILITY_LABELS[c])}</th>${scale.map((n) => `<td class="mark"><span class="box" role="img" aria-label="${n}"></span></td>`).join('')}</tr>`).join('\n')}
</tbody></table>`;
  const body = `
<h2>About you</h2>
<div class="fields">
${blank('Date')}
${blank('Team')}
${blank('Name (leave it out when the facilitator asks for anonymous answers)')}
</div>
<p><strong>Your role:</strong> <span class="roles">${roles}</span></p>
<h2>1. What worked?</h2>
<p class="note">Decisions, habits, tools or plans that helped the team.</p>
${writeLines(6, 'Space for what worked')}
<h2>2. What did not?</h2>
<p class="note">What slowed the team down, was missing, or would go wrong in a real incident.</p>
${writeLines(6, 'Space for what did not work')}
<div class="keep">
<h2>3. How confident are you?</h2>
<p>How confident are you that your team can do each of these in a real incident? Tick one box per line: 1 is low, 5 is high.</p>
${confidence}
</div>
<div class="keep">
<h2>4. Anything else?</h2>
<p class="note">Optional: what the planners should change in the next exercise.</p>
${writeLines(4, 'Space for other comments')}
</div>
<p class="note">Hand the form to the facilitator. The answers go into the hot-wash section of the after-action report, where a team’s confidence is compared with how it performed.</p>
`;
  return page(drill, {
    kind: 'Participant Feedback Form',
    audience: 'players',
    body,
    handling: 'For every player, after play: the hot-wash questions on paper.',
  });
}
