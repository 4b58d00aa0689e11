/**
 * The Master Scenario Events List (HSEEP MSEL) for controllers and evaluators: every inject in
 * document order with its sim time on the best and the worst path, its phase, how the story
 * reaches it, the decision, the action expected, the options that do harm, the critical tasks it
 * tests and the facilitator notes. As HTML (to print) and as CSV (RFC 4180, formula-safe, with
 * the decision log's helpers).
 */
import { durationMinutes, durationSeconds, formatMinutes } from '../../engine/duration.ts';
import type { Drill } from '../../engine/drill.ts';
import type { ExploreResult } from '../../engine/explore.ts';
import { CAPABILITY_LABELS, NIST_PHASE_LABELS } from '../../engine/vocabulary.ts';
import { neutralise, quote } from '../csv.ts';
import { esc } from '../escape.ts';
import { markdownToHtml } from '../markdown-html.ts';
import { capitalise, clause, roleLabel } from '../format.ts';
import { wallTime } from '../present.ts';
import { drillFacts, type InjectFacts } from './facts.ts';
import { keyValues, page, table } from './page.ts';
import { flagWords } from './words.ts';

/** CSV column headings, in order. */
export const MSEL_COLUMNS = [
  'n',
  'best_path_time',
  'worst_path_time',
  'not_before',
  'phase',
  'nist_phase',
  'inject',
  'inject_text',
  'reached_when',
  'shown_only_if',
  'deciders',
  'discussion',
  'decision',
  'expected_action',
  'harmful_options',
  'tests',
  'capabilities',
  'facilitator_notes',
] as const;

/** Scenario Markdown as plain text: marks dropped, list items as "• ", one line per paragraph. */
export function plainText(markdown: string): string {
  return markdown
    .trim()
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.replace(/^\s*[-*]\s+/, '\n• ').replace(/^\s*(\d+)[.)]\s+/, '\n$1. '))
        .join(' ')
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1$2')
        .replace(/`([^`]+)`/g, '$1')
        .replace(/[ \t]+/g, ' ')
        .replace(/ ?\n ?/g, '\n')
        .trim(),
    )
    .join('\n');
}

const time = (minutes: number | null): string => (minutes === null ? '' : formatMinutes(minutes));

function deciders(drill: Drill, f: InjectFacts): string {
  const defined = drill.scenario.roles.define ?? {};
  return (f.inject.decision?.deciders ?? []).map((r) => roleLabel(r, defined)!).join(', ');
}

const testWords = (f: InjectFacts): string[] =>
  f.tests.map((e) => `${clause(e.text)} (${CAPABILITY_LABELS[e.capability]})`);

/** One CSV row per inject, as plain strings before neutralising and quoting. */
export function mselRows(drill: Drill, stats: ExploreResult): string[][] {
  return drillFacts(drill, stats).injects.map((f) => [
    String(f.n),
    time(f.bestAt),
    time(f.worstAt),
    f.notBefore ? formatMinutes(f.notBefore) : '',
    f.phase.title,
    NIST_PHASE_LABELS[f.phase.nist],
    f.inject.title,
    plainText(f.inject.body),
    f.reached.join('; or '),
    f.shownIf ?? '',
    deciders(drill, f),
    f.inject.decision ? wallTime(durationSeconds(f.inject.decision.discuss)) : '',
    f.inject.decision ? plainText(f.inject.decision.prompt) : '',
    f.expected ? clause(f.expected.label) : '',
    f.harmful.map((o) => clause(o.label)).join('; '),
    testWords(f).join('; '),
    [...new Set(f.tests.map((e) => CAPABILITY_LABELS[e.capability]))].join('; '),
    f.inject.notes ? plainText(f.inject.notes) : '',
  ]);
}

/** The MSEL as CSV text (CRLF line ends, RFC 4180 quoting, formula cells neutralised). */
export function renderMselCsv(drill: Drill, stats: ExploreResult): string {
  const lines = [[...MSEL_COLUMNS], ...mselRows(drill, stats)].map((row) =>
    row.map((c) => quote(neutralise(c))).join(','),
  );
  return `${lines.join('\r\n')}\r\n`;
}

function simTimeWords(f: InjectFacts): string {
  const parts = [
    f.bestAt !== null ? `${formatMinutes(f.bestAt)} on the best path` : 'not on the best path',
    f.worstAt !== null ? `${formatMinutes(f.worstAt)} on the worst path` : 'not on the worst path',
  ];
  if (f.notBefore) parts.push(`never before ${formatMinutes(f.notBefore)}`);
  return parts.join(' · ');
}

function eventCard(drill: Drill, f: InjectFacts): string {
  const d = f.inject.decision;
  const phase =
    NIST_PHASE_LABELS[f.phase.nist] === f.phase.title
      ? esc(f.phase.title)
      : `${esc(f.phase.title)} (${esc(NIST_PHASE_LABELS[f.phase.nist])})`;
  const head: Array<[string, string]> = [
    ['Sim time', esc(simTimeWords(f))],
    ['Phase', phase],
    ['Reached', esc(capitalise(f.reached.join('; or ')))],
  ];
  if (f.shownIf) head.push(['Shown only if', `${esc(f.shownIf)}; otherwise passed over`]);
  const outcome: Array<[string, string]> = [];
  let decision = '<p class="note">No decision: the team reads it and continues.</p>';
  if (d) {
    const harmful = new Set(f.harmful);
    const options = d.options.map((o) => {
      const mark =
        o === f.expected
          ? ' <span class="expected">(expected)</span>'
          : harmful.has(o)
            ? ' <span class="harm">(harmful)</span>'
            : '';
      return `<li>${markdownToHtml(o.label)}${mark}</li>`;
    });
    const who = `${deciders(drill, f)} decide${d.deciders.length === 1 ? 's' : ''}; discussion limit ${wallTime(durationSeconds(d.discuss))}`;
    decision = `<div class="keep"><div class="prompt"><strong>Decision:</strong> ${markdownToHtml(d.prompt)} <span class="note">(${esc(who)})</span></div><ul>${options.join('')}</ul></div>`;
    outcome.push([
      'Expected action',
      f.expected ? `<span class="expected">${markdownToHtml(clause(f.expected.label))}</span>` : '–',
    ]);
  }
  outcome.push([
    'Tests',
    f.tests.length
      ? `<ul>${testWords(f)
          .map((t) => `<li>${esc(t)}</li>`)
          .join('')}</ul>`
      : 'No critical task is decided here.',
  ]);
  const dl = (rows: Array<[string, string]>) =>
    `<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
  const artifacts = f.inject.artifacts.length
    ? `<p class="note">On screen with ${f.inject.artifacts.length === 1 ? 'one artifact' : `${f.inject.artifacts.length} artifacts`}: ${esc(f.inject.artifacts.map((a) => a.title).join('; '))}.</p>`
    : '';
  const notes = f.inject.notes
    ? `<div class="notes"><strong>Facilitator notes.</strong> ${markdownToHtml(f.inject.notes)}</div>`
    : '';
  return `<section class="event">
<h3>${f.n}. ${esc(f.inject.title)}</h3>
${dl(head)}
${markdownToHtml(f.inject.body)}
${artifacts}
${decision}
${dl(outcome)}
${notes}
</section>`;
}

/** The MSEL as a self-contained HTML page. */
export function renderMselHtml(drill: Drill, stats: ExploreResult): string {
  const s = drill.scenario;
  const facts = drillFacts(drill, stats);
  const clocks = s.clocks.map((c) => [
    c.label,
    c.kind === 'sla' ? 'Service level' : 'Regulatory',
    formatMinutes(durationMinutes(c.limit)),
    c.starts_on ? `when ${flagWords(drill, c.starts_on)}` : 'at the start',
    `when ${flagWords(drill, c.stops_on)}`,
  ]);
  const endings = facts.endings.map(({ ending, reached }) => [
    `${ending.title} (${ending.kind})`,
    capitalise(reached.join('; or ')),
  ]);
  const overview = keyValues([
    ['Scenario', `${esc(s.title)}, version ${s.version}`],
    ['Summary', esc(s.summary)],
    [
      'Injects',
      `${facts.injects.length}; the best path shows ${facts.injects.filter((f) => f.bestAt !== null).length}, the worst ${facts.injects.filter((f) => f.worstAt !== null).length}`,
    ],
    ['Objectives', `<ul>${s.objectives.map((o) => `<li>${esc(o)}</li>`).join('')}</ul>`],
  ]);
  const body = `
<h2>Overview</h2>
${overview}
<p class="note">Sim times are when a team reaches the inject on the best path (the highest-scoring choices) and on the worst path; other paths fall between or skip it. Expected actions are the best path’s choices.</p>
${clocks.length ? `<h2>Clocks</h2>\n${table(['Clock', 'Kind', 'Limit', 'Starts', 'Stops'], clocks)}` : ''}
<h2 class="page">Events</h2>
${facts.injects.map((f) => eventCard(drill, f)).join('\n')}
<h2>Endings</h2>
${table(['Ending', 'Reached'], endings)}
`;
  return page(drill, { kind: 'Master Scenario Events List', audience: 'staff', body });
}
