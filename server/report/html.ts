/**
 * The HTML export: one self-contained file (inline CSS and SVG, no scripts, no external
 * resources) in the HSEEP AAR/IP layout, printable to clean A4 pages. Every string a player,
 * facilitator or scenario supplied is escaped with `esc`; a Content-Security-Policy meta tag
 * forbids scripts and remote loads as a second line of defence.
 */
import { phaseFamily } from '../../protocol/colours.ts';
import { statusWords } from './plan.ts';
import {
  COUNTERFACTUAL_INTRO,
  COUNTERFACTUAL_TITLE,
  counterfactualHeading,
  counterfactualRows,
  differenceWords,
  flipWords,
  pinnedWords,
} from './counterfactual-words.ts';
import { formatMinutes } from '../engine/duration.ts';
import { esc } from './escape.ts';
import { markdownToHtml } from './markdown-html.ts';
import { capabilityLabel, groupDigits, ratingLabel } from './format.ts';
import { capabilityChart, timelineChart, verdictOf } from './html-charts.ts';
import { REPORT_CSS } from './html-style.ts';
import {
  BEST_POSSIBLE_NOTE,
  bestWords,
  capabilityAnalysis,
  clockWords,
  comparisonCell,
  decidedIn,
  designIntro,
  durationWords,
  hseepOverviewRows,
  impactWords,
  observationWords,
  PLAN_HEADINGS,
  planRefIds,
  RATING_KEY,
  referenceWords,
  rewoundWords,
  settledWords,
  simTime,
  votedLabel,
  voterWords,
  type CapabilityAnalysis,
} from './present.ts';
import {
  EXPECTATION_STATUS_WORDS,
  type DecisionEntry,
  type Finding,
  type GapReport,
  type TeamReport,
} from '../../protocol/index.ts';

type Rating = 'P' | 'S' | 'M' | 'U' | null;

const badge = (r: Rating): string =>
  `<span class="r r-${r ?? 'none'}" title="${esc(ratingLabel(r))}">${r ?? '–'}</span>`;

/** A phase named in the colours the board and the phone give it. */
function phaseChip(nist: string, label: string): string {
  const family = phaseFamily(nist);
  return family ? `<span class="phase-chip phase-${family}">${esc(label)}</span>` : esc(label);
}

function table(
  head: string[],
  rows: string[][],
  opts: { cls?: string; num?: number[]; cols?: number[]; long?: number[] } = {},
): string {
  const num = new Set(opts.num ?? []);
  const long = new Set(opts.long ?? []);
  const cols = opts.cols ? `<colgroup>${opts.cols.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>` : '';
  const th = head.map((h, i) => `<th scope="col"${num.has(i) ? ' class="num"' : ''}>${h}</th>`).join('');
  const cls = (i: number): string => (num.has(i) ? ' class="num"' : long.has(i) ? ' class="long"' : '');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('\n');
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
    .map(
      (t) =>
        `<p>${t.text.startsWith(t.teamName) ? `<strong>${esc(t.teamName)}</strong>${esc(t.text.slice(t.teamName.length))}` : esc(t.text)}</p>`,
    )
    .join('\n');
  const fix = s.fixFirst.length
    ? `<div class="fix"><h3>Fix first</h3><ol>${s.fixFirst.map((x) => `<li>${esc(x)}</li>`).join('')}</ol></div>`
    : '';
  const blind = s.watch.length
    ? `<div class="watch"><h3>Blind spots</h3><ul>${s.watch.map((x) => `<li>${esc(x)}</li>`).join('')}</ul></div>`
    : '';
  return `<section class="summary"><h2>Executive summary</h2>\n<p>${esc(s.lead)}</p>\n${teams}\n${fix}\n${blind}\n</section>`;
}

/** Each source with its ATLAS ID, its address as text (the report links to nothing) and its note. */
function provenanceHtml(o: GapReport['overview']): string {
  return o.scenario.provenance
    .map(
      (p) =>
        `${esc(p.label)} (${p.atlasId ? `${esc(p.atlasId)}, ` : ''}<span class="url">${esc(p.url)}</span>)${p.note ? `: ${esc(p.note)}` : ''}`,
    )
    .join('<br>');
}

function overview(r: GapReport): string {
  const o = r.overview;
  const when = o.startedAt ? `${o.startedAt}${o.endedAt ? ` to ${o.endedAt.slice(11)}` : ''}` : o.date;
  const mode = o.mode === 'vote' ? 'by vote' : o.mode === 'lead' ? 'by the team lead' : 'by the facilitator';
  const [areas, capabilities, ...parties] = hseepOverviewRows(o).map(([k, v]): [string, string] => [
    esc(k),
    v.startsWith('Not recorded') ? `<span class="unknown">${esc(v)}</span>` : esc(v),
  ]);
  const rows: Array<[string, string]> = [
    ['Exercise', `${esc(o.scenario.title)} (${esc(o.scenario.id)}, version ${o.scenario.version})`],
    ['Exercise id', `${esc(o.exerciseId)} (code ${esc(o.code)})`],
    ['Date', `${esc(when)}; ${esc(durationWords(o))}`],
    [
      'Scope',
      `${o.solo ? 'Solo practice run' : 'Team tabletop exercise'}, ${esc(o.scenario.difficulty)}; decisions settled ${mode}`,
    ],
    ...(rewoundWords(o) ? [['Rewound run', esc(rewoundWords(o)!)] as [string, string]] : []),
    areas!,
    capabilities!,
    ['Threat (MITRE ATLAS)', r.coverage.techniques.map((t) => `${esc(t.id)} ${esc(t.name)}`).join('<br>')],
    ['Scenario', esc(o.scenario.summary)],
    ...(o.scenario.provenance.length ? [['Based on', provenanceHtml(o)] as [string, string]] : []),
    ...parties,
    ['Facilitator', o.facilitator === null ? '–' : esc(o.facilitator)],
    [
      'Teams',
      o.teams
        .map((t) => `${esc(t.name)} (${t.players.length} player${t.players.length === 1 ? '' : 's'})`)
        .join(', ') || '–',
    ],
    ['ATLAS data version', esc(o.atlasVersion)],
    ['Status', esc(o.status)],
  ];
  const objectives = `<ol>${r.objectives.map((x) => `<li>${esc(x)}</li>`).join('')}</ol>`;
  return `<section><h2>Exercise overview</h2>\n${kv(rows)}\n<h3>Objectives</h3>\n${objectives}\n</section>`;
}

function design(r: GapReport): string {
  const d = r.design;
  const objectives = d.linked
    ? table(
        ['Objective', 'Capabilities', 'Critical tasks that test it'],
        d.objectives.map((o) => [
          `${o.n}. ${esc(o.text)}`,
          o.capabilities.map((c) => esc(c.name)).join('<br>') || '–',
          o.expectations.length
            ? `<ul class="tight">${o.expectations.map((e) => `<li>${esc(e.text)}</li>`).join('')}</ul>`
            : '<span class="unknown">none: no critical task tests it</span>',
        ]),
        { cls: 'design' },
      )
    : '';
  const tasks = new Map(r.teams[0]?.expectations.map((e) => [e.id, e.text]) ?? []);
  const byCapability = table(
    ['Capability', 'Critical tasks'],
    d.capabilities.map((c) => [
      esc(c.name),
      c.expectations.length
        ? `<ul class="tight">${c.expectations.map((id) => `<li>${esc(tasks.get(id) ?? id)}</li>`).join('')}</ul>`
        : '<span class="unknown">none: scored by decisions only</span>',
    ]),
    { cls: 'design' },
  );
  return `<section><h2>Exercise design summary</h2>\n<p>${esc(designIntro(r))}</p>\n${objectives}\n${byCapability}\n</section>`;
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
  rows.push([
    '<strong>Total</strong>',
    String(r.teams[0]?.total.max ?? 0),
    ...r.teams.map((t) => `<strong>${t.total.score}</strong>`),
  ]);
  const teamWidth = Math.floor(560 / Math.max(1, r.teams.length)) / 10;
  return `<section class="keep"><h2>Summary of capability performance</h2>
<p class="note">Score and HSEEP rating per team. ${esc(RATING_KEY)}. ${esc(BEST_POSSIBLE_NOTE)}.</p>
${table(head, rows, { num: [1], cols: [30, 14, ...r.teams.map(() => teamWidth)] })}
</section>`;
}

const atWords = (f: Finding): string => (f.at === null ? '' : ` (at ${esc(simTime(f.at))} sim time)`);

function strengthItem(f: Finding, team: TeamReport, many: boolean): string {
  const applied = f.mitigations.length
    ? `<span class="refs">ATLAS mitigations applied: ${f.mitigations.map((m) => esc(`${m.id} ${m.name}`)).join(' · ')}</span>`
    : '';
  return `<li><strong>Observation${many ? ` (${esc(team.name)})` : ''}:</strong> ${esc(observationWords(f, team))}${atWords(f)}.<br>${esc(f.note)}${applied}</li>`;
}

function areaItem(f: Finding, team: TeamReport, many: boolean): string {
  const refs = referenceWords(f);
  return `<li><dl class="area">
<dt>Observation${many ? ` (${esc(team.name)})` : ''}</dt><dd><strong>${esc(observationWords(f, team))}</strong>${atWords(f)}.</dd>
<dt>Reference</dt><dd>${refs.length ? refs.map(esc).join('<br>') : 'none mapped in the drill'}</dd>
<dt>Analysis</dt><dd>${esc(f.note)}</dd>
<dt>Recommendation</dt><dd>${f.recommendation ? esc(f.recommendation) : 'see the improvement plan'}</dd>
</dl></li>`;
}

function capabilitySection(a: CapabilityAnalysis, many: boolean): string {
  const ratings = a.ratings
    .map(
      (x) => `${many ? `${esc(x.team.name)} ` : ''}${badge(x.rating)} <span class="note">${x.score} of ${x.max}</span>`,
    )
    .join(' · ');
  return `<div class="capability">
<h3>${esc(a.label)}</h3>
<p class="ratings">${ratings}</p>
<h4>Strengths</h4>
${a.strengths.length ? `<ul class="findings strengths">${a.strengths.map((x) => strengthItem(x.finding, x.team, many)).join('\n')}</ul>` : '<p>None recorded.</p>'}
<h4>Areas for improvement</h4>
${a.improvements.length ? `<ul class="findings improvements">${a.improvements.map((x) => areaItem(x.finding, x.team, many)).join('\n')}</ul>` : '<p>None recorded.</p>'}
</div>`;
}

function analysis(r: GapReport): string {
  const many = r.teams.length > 1;
  return `<section><h2 class="major">Analysis of capabilities</h2>
<p class="note">Strengths and areas for improvement under the capability they concern. Each area gives the observation, its references (ATLAS mitigations and NIST CSF 2.0), the analysis of its root cause and the recommendation (its corrective action in Appendix A).</p>
${capabilityAnalysis(r)
  .map((a) => capabilitySection(a, many))
  .join('\n')}
</section>`;
}

function optionItem(d: DecisionEntry, o: DecisionEntry['options'][number]): string {
  const marks = [
    o.id === d.chosen ? '<strong>chosen</strong>' : '',
    o.id === d.best ? '<span class="verdict-best">best</span>' : '',
  ].filter(Boolean);
  return `<li${o.id === d.chosen ? ' class="chosen"' : ''}>${esc(o.label)} <span class="note">(${o.score >= 0 ? '+' : ''}${o.score})</span>${marks.length ? ` · ${marks.join(' · ')}` : ''}</li>`;
}

function decisionCard(d: DecisionEntry, o: GapReport['overview']): string {
  const verdict = verdictOf(d);
  const cls = `verdict-${verdict}`;
  const votes = d.votes.length
    ? `<li>Votes: ${d.votes.map((v) => `${esc(voterWords(v))}: “${esc(votedLabel(d, v.option))}”${v.dissent ? ' <em>(dissent)</em>' : ''}`).join('; ')}</li>`
    : '';
  const dissent = d.votes
    .filter((v) => v.dissent && v.reason)
    .map((v) => `<li>Dissent, ${esc(voterWords(v))}: “${esc(v.reason!)}”</li>`)
    .join('');
  return `<div class="decision">
<h4>${d.n}. ${esc(d.title)}</h4>
<div class="meta">${phaseChip(d.nist, d.phase)} · ${esc(simTime(d.simAt))} sim time · decided in ${esc(decidedIn(d, o))} (${esc(settledWords(d))})</div>
<ul>
<li>${markdownToHtml(d.prompt)}<ul class="opts">${d.options.map((o) => optionItem(d, o)).join('')}</ul></li>
<li>Outcome: <strong class="${cls}">${esc(d.chosenLabel)}</strong>${d.best ? `: ${esc(bestWords(d))}` : ''}; score ${d.scoreDelta >= 0 ? '+' : ''}${d.scoreDelta}</li>
${votes}${dissent}${d.feedback ? `<li>Feedback: ${markdownToHtml(d.feedback)}</li>` : ''}
</ul>
</div>`;
}

function teamSection(t: TeamReport, index: number, r: GapReport): string {
  const id = `team${index + 1}`;
  const facts: Array<[string, string]> = [
    ['Ending', t.ending ? `${esc(t.ending.title)} (${esc(t.ending.kind)})` : 'not reached: the drill stopped early'],
    ['Sim time', esc(formatMinutes(t.simMinutes))],
    ['Score', `${t.total.score} of ${t.total.max}`],
    [
      'Containment',
      t.containment
        ? `${esc(t.containment.label)}: <span class="${t.containment.status === 'met' ? 'met' : 'missed'}">${esc(clockWords(t.containment))}</span>`
        : 'no SLA in this scenario',
    ],
    ...t.clocks.map((c): [string, string] => [
      esc(c.label),
      `<span class="${c.status === 'met' ? 'met' : c.status === 'breached' ? 'missed' : ''}">${esc(clockWords(c))}</span>${c.reference ? ` (${esc(c.reference)})` : ''}`,
    ]),
    ['Business impact', impactWords(t).map(esc).join('; ') || 'none'],
    ['ATLAS mitigations applied', t.mitigationsApplied.map((m) => `${esc(m.id)} ${esc(m.name)}`).join('; ') || 'none'],
    ['Players', t.players.map((p) => esc(voterWords({ name: p.name, role: p.role }))).join(', ') || '–'],
  ];
  const caps = table(
    ['Capability', 'Score', 'Best possible', 'Rating', 'Tasks met', 'Tasks missed'],
    t.capabilities.map((c) => [
      esc(c.label),
      String(c.score),
      String(c.max),
      `${badge(c.rating)} ${esc(c.ratingLabel)}`,
      String(c.met),
      String(c.missed),
    ]),
    { num: [1, 2, 4, 5] },
  );
  const tasks = table(
    ['Critical task', 'Capability', 'Result', 'Sim time'],
    t.expectations.map((e) => [
      esc(e.text),
      esc(capabilityLabel(e.capability)),
      `<span class="${e.met ? 'met' : e.status === 'not-reached' ? 'unreached' : 'missed'} nowrap">${EXPECTATION_STATUS_WORDS[e.status]}</span>`,
      esc(simTime(e.at)),
    ]),
    { num: [3] },
  );
  const adHoc = t.adHocInjects.length
    ? `<h3>Facilitator injects</h3><ul>${t.adHocInjects.map((a) => `<li>${esc(a.at)}: <strong>${esc(a.title)}</strong>: ${markdownToHtml(a.body)}</li>`).join('')}</ul>`
    : '';
  return `<section class="team">
<h2 class="major">Team results: ${esc(t.name)}</h2>
${kv(facts)}
<h3>Capabilities</h3>
<figure>${capabilityChart(t, `${id}-caps`)}<figcaption>Score against the best any path through the scenario reaches; colour shows the HSEEP rating.</figcaption></figure>
${caps}
<h3>Critical tasks</h3>
${tasks}
<h3>Decision timeline</h3>
<figure>${timelineChart(t, `${id}-time`)}<figcaption>Decisions in order, with the sim time each was taken; the dashed line is the containment SLA, the triangle the moment of containment.</figcaption></figure>
${t.decisions.map((d) => decisionCard(d, r.overview)).join('\n') || '<p>No decisions were taken.</p>'}
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
    list.length
      ? table(
          ['ID', 'Mitigation', who],
          list.map((m) => [esc(m.id), esc(m.name), m.teams.map(esc).join(', ')]),
        )
      : '<p>None.</p>';
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
        .map(
          (row, i) =>
            `<tr><th scope="row">${row[0]}</th>${h.rows[i]!.cells.map((cell, k) => `<td class="cell" style="background:${heatColour(cell.ceiling === 0 && cell.gained === 0 ? null : cell.ratio)}">${row[k + 1]}</td>`).join('')}</tr>`,
        )
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

function conclusion(r: GapReport): string {
  return `<section class="conclusion"><h2 class="major">Conclusion</h2>\n${r.conclusion.map((p) => `<p>${esc(p)}</p>`).join('\n')}\n</section>`;
}

/** The pinned what-ifs, marked as not played and kept apart from every result; absent when none was pinned. */
function counterfactuals(r: GapReport): string {
  if (r.whatIf.length === 0) return '';
  const items = r.whatIf.map((c) => {
    const rows = counterfactualRows(c).map(([what, played, alt]) => [
      `<strong>${esc(what)}</strong>`,
      esc(played),
      esc(alt),
    ]);
    const list = (title: string, items: string[], tag: 'ol' | 'ul') =>
      `<h4>${title}</h4>${items.length ? `<${tag}>${items.map((x) => `<li>${esc(x)}</li>`).join('')}</${tag}>` : '<p>None.</p>'}`;
    return `<section class="counterfactual keep">
<p class="cf-mark">Counterfactual: not played</p>
<h3>${esc(counterfactualHeading(c))}</h3>
${c.note ? `<blockquote class="cf-note">${esc(c.note)}</blockquote>` : ''}
<p>${esc(c.sentence)}</p>
${table(['Result', 'As played', 'What if (not played)'], rows, { cls: 'fixed', cols: [28, 36, 36] })}
${list('Decisions that differ', c.differences.map(differenceWords), 'ol')}
${list('Critical tasks that flip', c.flipped.map(flipWords), 'ul')}
<p class="note">${esc(pinnedWords(c))}.</p>
</section>`;
  });
  return `<section class="whatif"><h2 class="major">${COUNTERFACTUAL_TITLE}</h2>
<p class="cf-intro"><strong>Not played.</strong> ${esc(COUNTERFACTUAL_INTRO)}</p>
${items.join('\n')}
</section>`;
}

const blank = (text: string, words: string): string => (text ? esc(text) : `<span class="unknown">${words}</span>`);

function planRow(p: GapReport['plan'][number]): string[] {
  return [
    esc(p.capabilityLabel),
    esc(p.issue),
    esc(p.correctiveAction),
    esc(p.element),
    blank(p.responsible, '–'),
    blank(p.organisation, 'not assigned'),
    blank(p.organisationPoc, 'not assigned'),
    p.start ? `<span class="nowrap">${esc(p.start)}</span>` : blank('', 'to agree'),
    p.completion ? `<span class="nowrap">${esc(p.completion)}</span>` : blank('', 'to agree'),
    p.status === 'validated'
      ? `<span class="status-validated">validated</span><br><span class="note nowrap">${esc(p.validatedBy!.date)}</span>`
      : `<span class="status-${p.status}">${esc(statusWords(p))}</span>`,
    planRefIds(p.mitigations)
      .map((id) => `<span class="nowrap">${esc(id)}</span>`)
      .join('<br>') || '–',
    planRefIds(p.csf)
      .map((id) => `<span class="nowrap">${esc(id)}</span>`)
      .join('<br>') || '–',
  ];
}

/** The plan, one table per team (a team column would not fit the landscape page). */
function plan(r: GapReport): string {
  const teams = r.teams.filter((t) => r.plan.some((p) => p.teamId === t.id));
  const body = r.plan.length
    ? teams
        .map((t) => {
          const rows = r.plan.filter((p) => p.teamId === t.id).map(planRow);
          return `${r.teams.length > 1 ? `<h3>${esc(t.name)}</h3>\n` : ''}${table(PLAN_HEADINGS, rows, { cls: 'plan', long: [1, 2] })}`;
        })
        .join('\n')
    : '<p>No items: every critical task was met and no choice did harm.</p>';
  return `<section class="plan"><h2 class="major">Appendix A: Improvement plan</h2>
<p class="note">One row per critical task a team did not meet and per harmful choice no such task explains. Start defaults to the exercise date and completion to the drill's suggested horizon; the facilitator or a manager edits rows in the web report. An item is validated when a later exercise of this drill by the same team met the task.</p>
${body}
</section>`;
}

function appendixB(r: GapReport): string {
  const rows = r.overview.teams.flatMap((t) =>
    t.players.map((p) => [esc(t.name), esc(p.name), p.roleLabel ? esc(p.roleLabel) : '–']),
  );
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
${overview(r)}
${design(r)}
${performance(r)}
${analysis(r)}
${r.teams.map((t, i) => teamSection(t, i, r)).join('\n')}
${coverage(r)}
${hotwash(r)}
${conclusion(r)}
${counterfactuals(r)}
${plan(r)}
${appendixB(r)}
</body>
</html>
`;
}
