/**
 * The Markdown export, laid out as an HSEEP after-action report and improvement plan: executive
 * summary, overview, exercise design summary, capability performance, analysis of capabilities
 * (strengths and areas for improvement under each), results per team (critical tasks, decision
 * timeline), framework coverage, hot wash, conclusion, the pinned what-ifs (counterfactual,
 * apart from what was played), Appendix A improvement plan, Appendix B
 * participants and integrity. Untrusted text is escaped so it cannot add links,
 * HTML or table cells.
 */
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
import { capabilityLabel, groupDigits, ratingLabel } from './format.ts';
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

/** Escapes inline text (untrusted or not) so Markdown treats it as plain text on one line. */
export function md(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;')
    .replace(/[\\`*_[\]<>|#~!]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

/** Scenario Markdown (feedback, prompts): kept as Markdown, but no raw HTML and one line. */
function mdScenario(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/</g, '&lt;')
    .replace(/\|/g, '\\|')
    .trim();
}

/** A source's address as a Markdown autolink; anything that is not a plain http(s) address stays escaped text. */
function mdUrl(url: string): string {
  return /^https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/.test(url) ? `<${url}>` : md(url);
}

/** "ShadowRay (AML.CS0023, <https://…>): what the drill takes from it", one per source. */
function provenanceWords(o: GapReport['overview']): string {
  return o.scenario.provenance
    .map(
      (p) => `${md(p.label)} (${p.atlasId ? `${p.atlasId}, ` : ''}${mdUrl(p.url)})${p.note ? `: ${md(p.note)}` : ''}`,
    )
    .join('<br>');
}

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function overview(r: GapReport): string {
  const o = r.overview;
  const when = o.startedAt ? `${o.startedAt}${o.endedAt ? ` to ${o.endedAt.slice(11)}` : ''}` : o.date;
  const [areas, capabilities, ...parties] = hseepOverviewRows(o).map(([k, v]): [string, string] => [k, md(v)]);
  const rows: string[][] = [
    ['Exercise', `${md(o.scenario.title)} (${md(o.scenario.id)}, version ${o.scenario.version})`],
    ['Exercise id', `${md(o.exerciseId)} (code ${md(o.code)})`],
    ['Date', `${when}; ${md(durationWords(o))}`],
    [
      'Scope',
      `${o.solo ? 'Solo practice run' : 'Team tabletop exercise'}, ${o.scenario.difficulty}; decisions settled ${o.mode === 'vote' ? 'by vote' : o.mode === 'lead' ? 'by the team lead' : 'by the facilitator'}`,
    ],
    ...(rewoundWords(o) ? [['Rewound run', md(rewoundWords(o)!)]] : []),
    areas!,
    capabilities!,
    ['Threat (MITRE ATLAS)', r.coverage.techniques.map((t) => `${t.id} ${md(t.name)}`).join('; ')],
    ['Scenario', md(o.scenario.summary)],
    ...(o.scenario.provenance.length ? [['Based on', provenanceWords(o)]] : []),
    ...parties,
    ['Facilitator', o.facilitator === null ? '–' : md(o.facilitator)],
    [
      'Teams',
      o.teams.map((t) => `${md(t.name)} (${t.players.length} player${t.players.length === 1 ? '' : 's'})`).join(', ') ||
        '–',
    ],
    ['ATLAS data version', o.atlasVersion],
    ['Status', md(o.status)],
  ];
  const objectives = r.objectives.map((x, i) => `${i + 1}. ${md(x)}`).join('\n');
  return `## Exercise overview\n\n${table(['Item', 'Detail'], rows)}\n\n### Objectives\n\n${objectives}`;
}

function design(r: GapReport): string {
  const d = r.design;
  const parts = ['## Exercise design summary', md(designIntro(r))];
  if (d.linked) {
    parts.push(
      table(
        ['Objective', 'Capabilities', 'Critical tasks that test it'],
        d.objectives.map((o) => [
          `${o.n}. ${md(o.text)}`,
          o.capabilities.map((c) => c.name).join(', ') || '–',
          o.expectations.map((e) => md(e.text)).join('<br>') || 'none: no critical task tests it',
        ]),
      ),
    );
  }
  const tasks = new Map(r.teams[0]?.expectations.map((e) => [e.id, e.text]) ?? []);
  parts.push(
    table(
      ['Capability', 'Critical tasks'],
      d.capabilities.map((c) => [
        c.name,
        c.expectations.map((id) => md(tasks.get(id) ?? id)).join('<br>') || 'none: scored by decisions only',
      ]),
    ),
  );
  return parts.join('\n\n');
}

function capabilityTable(r: GapReport): string {
  const head = ['Capability', 'Best possible', ...r.teams.map((t) => md(t.name))];
  const rows = r.comparison.map((c) => [c.label, String(c.max), ...r.teams.map((t) => comparisonCell(c, t.id))]);
  const totals = ['**Total**', String(r.teams[0]?.total.max ?? 0), ...r.teams.map((t) => `**${t.total.score}**`)];
  return `## Summary of capability performance\n\nScore (HSEEP rating) per team.\n\n${table(head, [...rows, totals])}\n\n*${RATING_KEY}. ${BEST_POSSIBLE_NOTE}.*`;
}

const atWords = (f: Finding): string => (f.at === null ? '' : ` (at ${simTime(f.at)} sim time)`);

function strengthLine(f: Finding, team: TeamReport, many: boolean): string {
  const who = many ? ` (${md(team.name)})` : '';
  const applied = f.mitigations.length
    ? ` ATLAS mitigations applied: ${f.mitigations.map((m) => md(`${m.id} ${m.name}`)).join('; ')}.`
    : '';
  return `- **Observation${who}:** ${md(observationWords(f, team))}${atWords(f)}. ${md(f.note)}${applied}`;
}

function areaLines(f: Finding, team: TeamReport, many: boolean): string {
  const who = many ? ` (${md(team.name)})` : '';
  const refs = referenceWords(f);
  return [
    `- **Observation${who}:** ${md(observationWords(f, team))}${atWords(f)}.`,
    `  - **Reference:** ${refs.length ? refs.map(md).join('; ') : 'none mapped in the drill'}`,
    `  - **Analysis:** ${md(f.note)}`,
    `  - **Recommendation:** ${f.recommendation ? md(f.recommendation) : 'see the improvement plan'}`,
  ].join('\n');
}

function capabilitySection(a: CapabilityAnalysis, many: boolean): string {
  const ratings = a.ratings
    .map((x) => `${many ? `${md(x.team.name)} ` : ''}${x.rating ?? '–'} (${x.score} of ${x.max})`)
    .join('; ');
  return [
    `### ${md(a.label)}`,
    `Rating: ${ratings}.`,
    '**Strengths**',
    a.strengths.map((s) => strengthLine(s.finding, s.team, many)).join('\n') || 'None recorded.',
    '**Areas for improvement**',
    a.improvements.map((s) => areaLines(s.finding, s.team, many)).join('\n') || 'None recorded.',
  ].join('\n\n');
}

function analysis(r: GapReport): string {
  const many = r.teams.length > 1;
  const intro =
    'Strengths and areas for improvement under the capability they concern. Each area gives the observation, its references (ATLAS mitigations and NIST CSF 2.0), the analysis of its root cause and the recommendation (its corrective action in Appendix A).';
  return ['## Analysis of capabilities', intro, ...capabilityAnalysis(r).map((a) => capabilitySection(a, many))].join(
    '\n\n',
  );
}

function decisionBlock(d: DecisionEntry, o: GapReport['overview']): string {
  const lines = [
    `**${d.n}. ${md(d.title)}** (${md(d.phase)}, ${simTime(d.simAt)}): ${mdScenario(d.prompt)}`,
    `- Options: ${d.options.map((x) => `${md(x.label)} (${x.score >= 0 ? '+' : ''}${x.score})`).join('; ')}`,
    `- Outcome: **${md(d.chosenLabel)}**, settled ${settledWords(d)} in ${decidedIn(d, o)}${d.best ? `; ${md(bestWords(d))}` : ''}; score ${d.scoreDelta >= 0 ? '+' : ''}${d.scoreDelta}.`,
  ];
  if (d.votes.length)
    lines.push(
      `- Votes: ${d.votes.map((v) => `${md(voterWords(v))}: “${md(votedLabel(d, v.option))}”${v.dissent ? ' (dissent)' : ''}`).join('; ')}`,
    );
  for (const v of d.votes.filter((x) => x.dissent && x.reason))
    lines.push(`- Dissent, ${md(voterWords(v))}: “${md(v.reason!)}”`);
  if (d.feedback) lines.push(`- Feedback: ${mdScenario(d.feedback)}`);
  return lines.join('\n');
}

function teamSection(t: TeamReport, r: GapReport): string {
  const parts: string[] = [`## Team results: ${md(t.name)}`];
  const ending = t.ending ? `“${md(t.ending.title)}” (${t.ending.kind})` : 'not reached: the drill stopped early';
  const facts = [
    ['Ending', ending],
    ['Sim time', formatMinutes(t.simMinutes)],
    ['Score', `${t.total.score} of ${t.total.max}`],
    [
      'Containment',
      t.containment ? `${md(t.containment.label)}: ${clockWords(t.containment)}` : 'no SLA in this scenario',
    ],
    ...t.clocks.map((c) => [md(c.label), `${clockWords(c)}${c.reference ? ` (${md(c.reference)})` : ''}`]),
    ['Business impact', impactWords(t).map(md).join('; ') || 'none'],
    ['ATLAS mitigations applied', t.mitigationsApplied.map((m) => `${m.id} ${md(m.name)}`).join('; ') || 'none'],
  ];
  parts.push(table(['Result', 'Detail'], facts));
  parts.push(
    '### Capabilities',
    table(
      ['Capability', 'Score', 'Best possible', 'Rating', 'Tasks met', 'Tasks missed'],
      t.capabilities.map((c) => [
        c.label,
        String(c.score),
        String(c.max),
        c.rating ? `${c.rating}: ${ratingLabel(c.rating)}` : '–',
        String(c.met),
        String(c.missed),
      ]),
    ),
  );
  parts.push(
    '### Critical tasks',
    table(
      ['Task', 'Capability', 'Result', 'Sim time'],
      t.expectations.map((e) => [
        md(e.text),
        t.capabilities.find((c) => c.id === e.capability)?.label ?? e.capability,
        e.met ? 'met' : `**${EXPECTATION_STATUS_WORDS[e.status]}**`,
        simTime(e.at),
      ]),
    ),
  );
  parts.push(
    '### Decision timeline',
    t.decisions.map((d) => decisionBlock(d, r.overview)).join('\n\n') || 'No decisions were taken.',
  );
  if (t.adHocInjects.length) {
    parts.push(
      '### Facilitator injects',
      t.adHocInjects.map((a) => `- ${a.at}: **${md(a.title)}**: ${mdScenario(a.body)}`).join('\n'),
    );
  }
  return parts.join('\n\n');
}

function coverage(r: GapReport): string {
  const c = r.coverage;
  const parts = ['## Framework coverage'];
  parts.push(
    `**ATLAS techniques exercised:** ${c.techniques.map((t) => `${t.id} ${md(t.name)}`).join('; ')}${c.owasp.length ? `  \n**OWASP:** ${c.owasp.join(', ')}` : ''}`,
  );
  const use = (list: typeof c.mitigationsApplied) => list.map((m) => [m.id, md(m.name), m.teams.map(md).join(', ')]);
  parts.push(
    '### ATLAS mitigations applied',
    c.mitigationsApplied.length ? table(['ID', 'Mitigation', 'Teams'], use(c.mitigationsApplied)) : 'None.',
  );
  parts.push(
    '### ATLAS mitigations missed',
    c.mitigationsMissed.length
      ? table(['ID', 'Mitigation', 'Teams that missed a task needing it'], use(c.mitigationsMissed))
      : 'None.',
  );
  parts.push(
    '### Score by NIST phase and capability',
    'Points gained / most the team could gain at the decisions it faced in that phase.',
  );
  for (const h of c.heatmap) {
    const rows = h.rows.map((row) => [
      row.label,
      ...row.cells.map((cell) =>
        cell.ceiling === 0 && cell.gained === 0
          ? '–'
          : `${cell.gained} / ${cell.ceiling}${cell.ratio === null ? '' : ` (${Math.round(cell.ratio * 100)}%)`}`,
      ),
    ]);
    parts.push(`**${md(h.teamName)}**\n\n${table(['Capability', ...h.phases.map((p) => p.label)], rows)}`);
  }
  return parts.join('\n\n');
}

function hotwash(r: GapReport): string {
  const h = r.hotwash;
  const parts = ['## Hot wash'];
  if (h.answers.length === 0) parts.push('No hot wash answers were recorded.');
  else {
    parts.push(h.anonymous ? 'Answers are anonymous.' : 'Answers as given by each player.');
    parts.push(
      table(
        ['Team', 'Player', 'What worked', 'What did not', 'Confidence (1-5)'],
        h.answers.map((a) => [
          md(a.teamName),
          a.name === null ? (a.role ? `(${md(a.role)})` : '–') : md(voterWords({ name: a.name, role: a.role })),
          md(a.worked),
          md(a.didNot),
          a.confidence.map((x) => `${capabilityLabel(x.capability)} ${x.value}`).join(', '),
        ]),
      ),
    );
  }
  if (h.disagreements.length)
    parts.push('### Confidence against performance', h.disagreements.map((d) => `- ${md(d.note)}`).join('\n'));
  return parts.join('\n\n');
}

function conclusion(r: GapReport): string {
  return ['## Conclusion', ...r.conclusion.map(md)].join('\n\n');
}

/** The pinned what-ifs, apart from everything played; absent when none was pinned. */
function counterfactuals(r: GapReport): string[] {
  if (r.whatIf.length === 0) return [];
  const parts = [`## ${COUNTERFACTUAL_TITLE}`, `**Not played.** ${md(COUNTERFACTUAL_INTRO)}`];
  for (const c of r.whatIf) {
    parts.push(`### ${md(counterfactualHeading(c))}`);
    if (c.note) parts.push(`> ${md(c.note)}`);
    parts.push(md(c.sentence));
    parts.push(
      table(
        ['Result', 'As played', 'What if (not played)'],
        counterfactualRows(c).map((row) => row.map(md)),
      ),
    );
    const list = (title: string, items: string[]) =>
      items.length ? `**${title}:**\n\n${items.join('\n')}` : `**${title}:** none.`;
    parts.push(
      list(
        'Decisions that differ',
        c.differences.map((d, i) => `${i + 1}. ${md(differenceWords(d))}`),
      ),
    );
    parts.push(
      list(
        'Critical tasks that flip',
        c.flipped.map((f) => `- ${md(flipWords(f))}`),
      ),
    );
    parts.push(`*${md(pinnedWords(c))}.*`);
  }
  return [parts.join('\n\n')];
}

function plan(r: GapReport): string {
  const rows = r.plan.map((p) => [
    md(p.teamName),
    p.capabilityLabel,
    md(p.issue),
    md(p.correctiveAction),
    md(p.element),
    md(p.responsible) || '–',
    md(p.organisation) || 'not assigned',
    md(p.organisationPoc) || 'not assigned',
    md(p.start) || 'to agree',
    md(p.completion) || 'to agree',
    p.status === 'validated' ? `validated ${p.validatedBy!.date}` : statusWords(p),
    planRefIds(p.mitigations).join(', ') || '–',
    planRefIds(p.csf).join(', ') || '–',
  ]);
  const body = rows.length
    ? table(['Team', ...PLAN_HEADINGS], rows)
    : 'No items: every critical task was met and no choice did harm.';
  return `## Appendix A: Improvement plan\n\n${body}`;
}

function appendixB(r: GapReport): string {
  const rows = r.overview.teams.flatMap((t) =>
    t.players.map((p) => [md(t.name), md(p.name), p.roleLabel ? md(p.roleLabel) : '–']),
  );
  const i = r.integrity;
  return [
    '## Appendix B: Participants and integrity',
    rows.length ? table(['Team', 'Player', 'Role'], rows) : 'No players recorded.',
    `Event log: ${groupDigits(i.events)} events; hash-chain head \`${md(i.head)}\`; ${i.verified ? 'the stored log verifies against its hash chain' : '**the stored log does NOT verify against its hash chain: treat this report as suspect**'}.`,
  ].join('\n\n');
}

/** The report as Markdown (GitHub-flavoured tables). */
export function renderMarkdown(r: GapReport): string {
  const o = r.overview;
  const head = `# After-Action Report / Improvement Plan\n\n**${md(o.scenario.title)}**, ${o.date}. Exercise ${md(o.exerciseId)}. Generated from the exercise event log (report schema v${r.schemaVersion}).`;
  const s = r.summary;
  const summary = [
    `## Executive summary\n\n${md(s.lead)}`,
    ...s.teams.map((t) =>
      t.text.startsWith(t.teamName) ? `**${md(t.teamName)}**${md(t.text.slice(t.teamName.length))}` : md(t.text),
    ),
    ...(s.fixFirst.length ? [`**Fix first:**\n\n${s.fixFirst.map((x, i) => `${i + 1}. ${md(x)}`).join('\n')}`] : []),
    ...(s.watch.length ? [`**Blind spots:**\n\n${s.watch.map((x) => `- ${md(x)}`).join('\n')}`] : []),
  ].join('\n\n');
  const sections = [
    head,
    summary,
    overview(r),
    design(r),
    capabilityTable(r),
    analysis(r),
    ...r.teams.map((t) => teamSection(t, r)),
    coverage(r),
    hotwash(r),
    conclusion(r),
    ...counterfactuals(r),
    plan(r),
    appendixB(r),
  ];
  return `${sections.join('\n\n')}\n`;
}
