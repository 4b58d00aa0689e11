/**
 * The HTML export: one self-contained file (inline CSS and SVG, no scripts, no external
 * resources) in the HSEEP AAR/IP layout, printable to clean A4 pages. Every string a player,
 * facilitator or scenario supplied is escaped with `esc`; a Content-Security-Policy meta tag
 * forbids scripts and remote loads as a second line of defence.
 */
import { statusWords } from './plan.ts';
import { formatMinutes } from '../engine/duration.ts';
import { esc } from './escape.ts';
import { markdownToHtml } from './markdown-html.ts';
import { capabilityLabel, groupDigits, ratingLabel } from './format.ts';
import { capabilityChart, timelineChart, verdictOf } from './html-charts.ts';
import { REPORT_CSS } from './html-style.ts';
import {
  BEST_POSSIBLE_NOTE, bestWords, clockWords, comparisonCell, csfWords, durationWords, impactWords, mitigationWords, RATING_KEY, settledWords,
  simTime, voterWords, wallTime,
} from './present.ts';
import { EXPECTATION_STATUS_WORDS, type DecisionEntry, type Finding, type GapReport, type TeamReport } from '../../protocol/index.ts';

type Rating = 'P' | 'S' | 'M' | 'U' | null;

const badge = (r: Rating): string => `<span class="r r-${r ?? 'none'}" title="${esc(ratingLabel(r))}">${r ?? '–'}</span>`;

/** Column widths (percent) of the improvement-plan table, so nine columns fit a landscape page. */
const PLAN_WIDTHS = [6, 10, 17, 26, 9, 9, 7.5, 7.5, 8];

function table(head: string[], rows: string[][], opts: { cls?: string; num?: number[]; cols?: number[] } = {}): string {
  const num = new Set(opts.num ?? []);
  const cols = opts.cols ? `<colgroup>${opts.cols.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>` : '';
  const th = head.map((h, i) => `<th scope="col"${num.has(i) ? ' class="num"' : ''}>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${num.has(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${opts.cls ? ` class="${opts.cls}"` : ''}>${cols}<thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function kv(rows: Array<[string, string]>): string {
  return `<table class="kv"><tbody>\n${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('\n')}\n</tbody></table>`;
}

function cover(r: GapReport): string {
  const o = r.overview;
  return `<header class="cover">
<p class="kicker">After-Action Report / Improvement Plan</p>
<h1>${esc(o.scenario.title)}</h1>
<p class="sub">${esc(o.date)} · exercise ${esc(o.exerciseId)} · ${o.solo ? 'solo practice run' : `${o.teams.length} team${o.teams.length === 1 ? '' : 's'}`} · generated from the exercise event log (report schema v${r.schemaVersion})</p>
</header>`;
}

function summary(r: GapReport): string {
  const s = r.summary;
  const teams = s.teams
    .map((t) => `<p>${t.text.startsWith(t.teamName) ? `<strong>${esc(t.teamName)}</strong>${esc(t.text.slice(t.teamName.length))}` : esc(t.text)}</p>`)
    .join('\n');
  const fix = s.fixFirst.length ? `<div class="fix"><h3>Fix first</h3><ol>${s.fixFirst.map((x) => `<li>${esc(x)}</li>`).join('')}</ol></div>` : '';
  const blind = s.watch.length ? `<div class="watch"><h3>Blind spots</h3><ul>${s.watch.map((x) => `<li>${esc(x)}</li>`).join('')}</ul></div>` : '';
  return `<section class="summary"><h2>Executive summary</h2>\n<p>${esc(s.lead)}</p>\n${teams}\n${fix}\n${blind}\n</section>`;
}

/** Each source with its ATLAS ID, its address as text (the report links to nothing) and its note. */
function provenanceHtml(o: GapReport['overview']): string {
  return o.scenario.provenance
    .map((p) => `${esc(p.label)} (${p.atlasId ? `${esc(p.atlasId)}, ` : ''}<span class="url">${esc(p.url)}</span>)${p.note ? `: ${esc(p.note)}` : ''}`)
    .join('<br>');
}

function overview(r: GapReport): string {
  const o = r.overview;
  const when = o.startedAt ? `${o.startedAt}${o.endedAt ? ` to ${o.endedAt.slice(11)}` : ''}` : o.date;
  const mode = o.mode === 'vote' ? 'by vote' : o.mode === 'lead' ? 'by the team lead' : 'by the facilitator';
  const rows: Array<[string, string]> = [
    ['Exercise', `${esc(o.scenario.title)} (${esc(o.scenario.id)}, version ${o.scenario.version})`],
    ['Exercise id', `${esc(o.exerciseId)} (code ${esc(o.code)})`],
    ['Date', `${esc(when)}; ${esc(durationWords(o))} (planned ${o.scenario.plannedMinutes} min)`],
    ['Scope', `${o.solo ? 'Solo practice run' : 'Team tabletop exercise'}, ${esc(o.scenario.difficulty)}; decisions settled ${mode}`],
    ['Facilitator', o.facilitator === null ? '–' : esc(o.facilitator)],
    ['Teams', o.teams.map((t) => `${esc(t.name)} (${t.players.length} player${t.players.length === 1 ? '' : 's'})`).join(', ') || '–'],
    ['Scenario', esc(o.scenario.summary)],
    ...(o.scenario.provenance.length ? [['Based on', provenanceHtml(o)] as [string, string]] : []),
    ['Threat (MITRE ATLAS)', r.coverage.techniques.map((t) => `${esc(t.id)} ${esc(t.name)}`).join('<br>')],
    ['ATLAS data version', esc(o.atlasVersion)],
    ['Status', esc(o.status)],
  ];
  const objectives = `<ol>${r.objectives.map((x) => `<li>${esc(x)}</li>`).join('')}</ol>`;
  return `<section><h2>Exercise overview</h2>\n${kv(rows)}\n<h3>Objectives</h3>\n${objectives}\n</section>`;
}

function performance(r: GapReport): string {
  const head = ['Capability', 'Best possible', ...r.teams.map((t) => esc(t.name))];
  const rows = r.comparison.map((c) => [
    esc(c.label),
    String(c.max),
    ...r.teams.map((t) => {
      const cell = c.teams.find((x) => x.teamId === t.id);
      return cell ? `${badge(cell.rating)} ${esc(comparisonCell(c, t.id).split(' ')[0]!)}` : '–';
    }),
  ]);
  rows.push(['<strong>Total</strong>', String(r.teams[0]?.total.max ?? 0), ...r.teams.map((t) => `<strong>${t.total.score}</strong>`)]);
  const teamWidth = Math.floor(560 / Math.max(1, r.teams.length)) / 10;
  return `<section class="keep"><h2>Summary of capability performance</h2>
<p class="note">Score and HSEEP rating per team. ${esc(RATING_KEY)}. ${esc(BEST_POSSIBLE_NOTE)}.</p>
${table(head, rows, { num: [1], cols: [30, 14, ...r.teams.map(() => teamWidth)] })}
</section>`;
}

function findingItem(f: Finding, improvement: boolean): string {
  const refs = [...mitigationWords(f).map((m) => `ATLAS ${m}`), ...csfWords(f).map((c) => `CSF ${c}`)];
  const at = f.at === null ? '' : `, ${esc(simTime(f.at))}`;
  return `<li><strong>${esc(f.text)}</strong> <span class="note">(${esc(f.capabilityLabel)}${at})</span><br>${improvement ? '<em>Root cause:</em> ' : ''}${esc(f.note)}${refs.length ? `<span class="refs">Maps to: ${refs.map(esc).join(' · ')}</span>` : ''}</li>`;
}

function optionItem(d: DecisionEntry, o: DecisionEntry['options'][number]): string {
  const marks = [o.id === d.chosen ? '<strong>chosen</strong>' : '', o.id === d.best ? '<span class="verdict-best">best</span>' : ''].filter(Boolean);
  return `<li${o.id === d.chosen ? ' class="chosen"' : ''}>${esc(o.label)} <span class="note">(${o.score >= 0 ? '+' : ''}${o.score})</span>${marks.length ? ` · ${marks.join(' · ')}` : ''}</li>`;
}

function decisionCard(d: DecisionEntry): string {
  const verdict = verdictOf(d);
  const cls = `verdict-${verdict}`;
  const votes = d.votes.length
    ? `<li>Votes: ${d.votes.map((v) => `${esc(voterWords(v))}: ${esc(v.option)}${v.dissent ? ' <em>(dissent)</em>' : ''}`).join('; ')}</li>`
    : '';
  const dissent = d.votes.filter((v) => v.dissent && v.reason).map((v) => `<li>Dissent, ${esc(voterWords(v))}: “${esc(v.reason!)}”</li>`).join('');
  return `<div class="decision">
<h4>${d.n}. ${esc(d.title)}</h4>
<div class="meta">${esc(d.phase)} · ${esc(simTime(d.simAt))} sim time · decided in ${esc(wallTime(d.wallSeconds))} (${esc(settledWords(d))})</div>
<ul>
<li>${markdownToHtml(d.prompt)}<ul class="opts">${d.options.map((o) => optionItem(d, o)).join('')}</ul></li>
<li>Outcome: <strong class="${cls}">${esc(d.chosenLabel)}</strong>${d.best ? `: ${esc(bestWords(d))}` : ''}; score ${d.scoreDelta >= 0 ? '+' : ''}${d.scoreDelta}</li>
${votes}${dissent}${d.feedback ? `<li>Feedback: ${markdownToHtml(d.feedback)}</li>` : ''}
</ul>
</div>`;
}

function teamSection(t: TeamReport, index: number): string {
  const id = `team${index + 1}`;
  const facts: Array<[string, string]> = [
    ['Ending', t.ending ? `${esc(t.ending.title)} (${esc(t.ending.kind)})` : 'not reached: the drill stopped early'],
    ['Sim time', esc(formatMinutes(t.simMinutes))],
    ['Score', `${t.total.score} of ${t.total.max}`],
    ['Containment', t.containment ? `${esc(t.containment.label)}: <span class="${t.containment.status === 'met' ? 'met' : 'missed'}">${esc(clockWords(t.containment))}</span>` : 'no SLA in this scenario'],
    ...t.clocks.map((c): [string, string] => [esc(c.label), `<span class="${c.status === 'met' ? 'met' : c.status === 'breached' ? 'missed' : ''}">${esc(clockWords(c))}</span>${c.reference ? ` (${esc(c.reference)})` : ''}`]),
    ['Business impact', impactWords(t).map(esc).join('; ') || 'none'],
    ['ATLAS mitigations applied', t.mitigationsApplied.map((m) => `${esc(m.id)} ${esc(m.name)}`).join('; ') || 'none'],
    ['Players', t.players.map((p) => esc(voterWords({ name: p.name, role: p.role }))).join(', ') || '–'],
  ];
  const caps = table(
    ['Capability', 'Score', 'Best possible', 'Rating', 'Tasks met', 'Tasks missed'],
    t.capabilities.map((c) => [esc(c.label), String(c.score), String(c.max), `${badge(c.rating)} ${esc(c.ratingLabel)}`, String(c.met), String(c.missed)]),
    { num: [1, 2, 4, 5] },
  );
  const tasks = table(
    ['Critical task', 'Capability', 'Result', 'Sim time'],
    t.expectations.map((e) => [esc(e.text), esc(capabilityLabel(e.capability)), `<span class="${e.met ? 'met' : e.status === 'not-reached' ? 'unreached' : 'missed'} nowrap">${EXPECTATION_STATUS_WORDS[e.status]}</span>`, esc(simTime(e.at))]),
    { num: [3] },
  );
  const adHoc = t.adHocInjects.length
    ? `<h3>Facilitator injects</h3><ul>${t.adHocInjects.map((a) => `<li>${esc(a.at)}: <strong>${esc(a.title)}</strong>: ${markdownToHtml(a.body)}</li>`).join('')}</ul>`
    : '';
  return `<section class="team">
<h2 class="major">Analysis: ${esc(t.name)}</h2>
${kv(facts)}
<h3>Capabilities</h3>
<figure>${capabilityChart(t, `${id}-caps`)}<figcaption>Score against the best any path through the scenario reaches; colour shows the HSEEP rating.</figcaption></figure>
${caps}
<h3>Critical tasks</h3>
${tasks}
<h3>Strengths</h3>
${t.strengths.length ? `<ul class="findings strengths">${t.strengths.map((f) => findingItem(f, false)).join('\n')}</ul>` : '<p>None recorded.</p>'}
<h3>Areas for improvement</h3>
${t.improvements.length ? `<ul class="findings improvements">${t.improvements.map((f) => findingItem(f, true)).join('\n')}</ul>` : '<p>None recorded.</p>'}
<h3>Decision timeline</h3>
<figure>${timelineChart(t, `${id}-time`)}<figcaption>Decisions in order, with the sim time each was taken; the dashed line is the containment SLA, the triangle the moment of containment.</figcaption></figure>
${t.decisions.map(decisionCard).join('\n') || '<p>No decisions were taken.</p>'}
${adHoc}
</section>`;
}

function heatColour(ratio: number | null): string {
  if (ratio === null) return '#f6f8fa';
  const hue = Math.round(ratio * 120);
  return `hsl(${hue} 70% 86%)`;
}

function coverage(r: GapReport): string {
  const c = r.coverage;
  const mitigations = (list: typeof c.mitigationsApplied, who: string) =>
    list.length ? table(['ID', 'Mitigation', who], list.map((m) => [esc(m.id), esc(m.name), m.teams.map(esc).join(', ')])) : '<p>None.</p>';
  const heat = c.heatmap
    .map((h) => {
      const rows = h.rows.map((row) => [
        esc(row.label),
        ...row.cells.map((cell) =>
          cell.ceiling === 0 && cell.gained === 0
            ? '–'
            : `${cell.gained} / ${cell.ceiling}${cell.ratio === null ? '' : ` (${Math.round(cell.ratio * 100)}%)`}`,
        ),
      ]);
      const body = rows
        .map((row, i) => `<tr><th scope="row">${row[0]}</th>${h.rows[i]!.cells.map((cell, k) => `<td class="cell" style="background:${heatColour(cell.ceiling === 0 && cell.gained === 0 ? null : cell.ratio)}">${row[k + 1]}</td>`).join('')}</tr>`)
        .join('\n');
      return `<h4>${esc(h.teamName)}</h4><table class="heat"><thead><tr><th scope="col">Capability</th>${h.phases.map((p) => `<th scope="col">${esc(p.label)}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table>`;
    })
    .join('\n');
  return `<section><h2 class="major">Framework coverage</h2>
<h3>MITRE ATLAS techniques exercised</h3>
<ul>${c.techniques.map((t) => `<li>${esc(t.id)} ${esc(t.name)}</li>`).join('')}</ul>
${c.owasp.length ? `<p>OWASP: ${c.owasp.map(esc).join(', ')}</p>` : ''}
<h3>ATLAS mitigations applied</h3>
${mitigations(c.mitigationsApplied, 'Teams')}
<h3>ATLAS mitigations missed</h3>
${mitigations(c.mitigationsMissed, 'Teams that missed a task needing it')}
<h3>Score by NIST phase and capability</h3>
<p class="note">Points gained / the most the team could gain at the decisions it faced in that phase; green is near the most, red near none.</p>
${heat}
</section>`;
}

function hotwash(r: GapReport): string {
  const h = r.hotwash;
  const answers = h.answers.length
    ? `<p class="note">${h.anonymous ? 'Answers are anonymous.' : 'Answers as given by each player.'}</p>${table(
        ['Team', 'Player', 'What worked', 'What did not', 'Confidence (1-5)'],
        h.answers.map((a) => [
          esc(a.teamName),
          a.name === null ? (a.role ? `(${esc(a.role)})` : '–') : esc(voterWords({ name: a.name, role: a.role })),
          esc(a.worked),
          esc(a.didNot),
          a.confidence.map((x) => `${esc(capabilityLabel(x.capability))} ${x.value}`).join('<br>'),
        ]),
        { cls: 'fixed', cols: [8, 20, 24, 24, 24] },
      )}`
    : '<p>No hot wash answers were recorded.</p>';
  const gaps = h.disagreements.length
    ? `<h3>Confidence against performance</h3><ul class="findings">${h.disagreements.map((d) => `<li class="${d.direction}">${badge(d.rating)} ${esc(d.note)}</li>`).join('')}</ul>`
    : '';
  return `<section><h2 class="major">Hot wash</h2>\n${answers}\n${gaps}\n</section>`;
}

function plan(r: GapReport): string {
  const rows = r.plan.map((p) => [
    esc(p.teamName),
    esc(p.capabilityLabel),
    esc(p.issue),
    esc(p.correctiveAction),
    esc(p.element),
    esc(p.responsible),
    `<span class="nowrap">${esc(p.start)}</span>`,
    `<span class="nowrap">${esc(p.completion)}</span>`,
    p.status === 'validated'
      ? `<span class="status-validated">validated</span><br><span class="note">${esc(p.validatedBy!.exerciseId)}, ${esc(p.validatedBy!.date)}</span>`
      : `<span class="status-${p.status}">${esc(statusWords(p))}</span>`,
  ]);
  const body = rows.length
    ? table(['Team', 'Capability', 'Issue / area for improvement', 'Corrective action', 'Capability element', 'Responsible', 'Start', 'Completion', 'Status'], rows, { cls: 'plan', cols: PLAN_WIDTHS })
    : '<p>No items: every critical task was met.</p>';
  return `<section class="plan"><h2 class="major">Appendix A: Improvement plan</h2>
<p class="note">One row per critical task a team missed. An item is validated when a later exercise of this scenario by the same team met the task.</p>
${body}
</section>`;
}

function appendixB(r: GapReport): string {
  const rows = r.overview.teams.flatMap((t) => t.players.map((p) => [esc(t.name), esc(p.name), p.roleLabel ? esc(p.roleLabel) : '–']));
  const i = r.integrity;
  const verdict = i.verified
    ? 'The stored log verifies against its hash chain.'
    : '<span class="warn">The stored log does NOT verify against its hash chain: treat this report as suspect.</span>';
  return `<section><h2 class="major">Appendix B: Participants and integrity</h2>
${rows.length ? table(['Team', 'Player', 'Role'], rows) : '<p>No players recorded.</p>'}
<h3>Integrity</h3>
<p class="integrity">Event log: ${groupDigits(i.events)} events; hash-chain head <code>${esc(i.head)}</code>. ${verdict}</p>
</section>`;
}

/** The report as one self-contained HTML document. */
export function renderHtml(r: GapReport): string {
  const title = `AAR/IP: ${r.overview.scenario.title} (${r.overview.date})`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${cover(r)}
${summary(r)}
${performance(r)}
${overview(r)}
${r.teams.map(teamSection).join('\n')}
${coverage(r)}
${hotwash(r)}
${plan(r)}
${appendixB(r)}
</body>
</html>
`;
}
