/**
 * The Situation Manual (HSEEP SitMan) for players: purpose, scope, objectives, the starting
 * situation and the estate, the clocks, rules of play, roles and the schedule.
 *
 * It spoils nothing: of the story it shows only what the first screen of play shows (the
 * opening inject's text and artifacts, the estate, the clocks' names and limits). No later
 * inject, no option, score, feedback, facilitator note, ending, ATLAS technique or source is
 * printed, and the objectives are written per capability, because a drill's own objectives name
 * what the story reveals ("trace the poisoning to a stolen partner key"); those are in the EEG.
 */
import { durationMinutes, durationSeconds, formatMinutes } from '../../engine/duration.ts';
import type { Drill } from '../../engine/drill.ts';
import type { ExploreResult } from '../../engine/explore.ts';
import { CAPABILITY_LABELS, NIST_PHASE_LABELS, type Capability } from '../../engine/vocabulary.ts';
import { esc } from '../escape.ts';
import { markdownToHtml } from '../markdown-html.ts';
import { capitalise, groupDigits, roleLabel } from '../format.ts';
import { wallTime } from '../present.ts';
import { drillFacts } from './facts.ts';
import { artifacts, keyValues, page, table } from './page.ts';

/** What each capability asks of the players, in words that give nothing of the story away. */
export const CAPABILITY_OBJECTIVES: Record<Capability, string> = {
  detection: 'Confirm and scope the incident from the evidence at hand before acting on it.',
  containment: 'Stop the harm inside the service-level target, without destroying what the investigation needs.',
  evidence: 'Preserve models, data and logs with hashes and a chain of custody before anything is changed or deleted.',
  recovery: 'Remove the cause and return to service only from verified, trusted inputs.',
  communication:
    'Tell leadership, regulators and the people affected the right things at the right time, inside the legal clocks.',
  coordination: 'Run the response under a clear command: the right runbook, the right people, decisions owned.',
};

/** What each built-in role does in a drill. */
export const ROLE_DUTIES: Record<string, string> = {
  'ir-lead': 'Commands the response and owns the incident record.',
  'ml-engineer': 'Knows the models: training, versions, behaviour and how they are served.',
  'data-engineer': 'Knows the data: pipelines, datasets, feeds and where each came from.',
  'soc-analyst': 'Triages alerts and investigates logs, accounts and network traffic.',
  legal: 'Advises on legal exposure, privilege, notification duties and contracts.',
  communications: 'Writes what staff, customers, partners and the press are told.',
  executive: 'Takes the business decisions and accepts the risk for the company.',
  'privacy-officer': 'Judges the impact on personal data and the duty to notify.',
  'platform-engineer': 'Runs the infrastructure: access, deployment and the serving stack.',
};

const GROUND_RULES = [
  'This is a no-fault exercise: it tests plans and the way the team works, not individuals.',
  'Answer from your current plans, runbooks and authority. Where a plan is missing, say what you would do and note the gap.',
  'Decisions taken here set no precedent and commit nobody outside the exercise.',
  'Accept the situation as it is given. The organisation, people and systems are fictional; do not touch real systems.',
  'The facilitator presents each development, keeps time and has the last word on the rules.',
];

const HOW_IT_PLAYS = [
  'The story comes in developments (injects) on each player’s screen. Many end in a decision with a few options and a discussion limit.',
  'Time in the story is simulated: it moves on with each decision, by as long as the action would take. The service-level and regulatory clocks run on this time, not on the wall clock.',
  'The facilitator picks how the team decides: by team vote (a tie goes to the lead role), by the lead role alone, or recorded by the facilitator after a discussion.',
  'When the discussion limit runs out with no decision, the story moves on without one, as an incident does.',
  'Scores, the best options and the reasons for them stay hidden until the debrief. Then the team sees its path, what if it had chosen otherwise, and answers the hot-wash questions.',
];

const EXERCISE_ROLES: Array<[string, string]> = [
  ['Players', 'Discuss and decide as they would in a real incident, each in the role they hold.'],
  ['Facilitator', 'Runs the exercise: presents developments, paces the discussion and leads the debrief.'],
  ['Evaluators', 'Watch the discussion against the critical tasks and note what they see; they do not take part.'],
  ['Observers', 'Follow the exercise without taking part in the discussion.'],
];

function estate(drill: Drill): string {
  const e = drill.scenario.estate;
  const parts: string[] = [];
  const digest = (sha: string | undefined) => (sha ? `${sha.slice(0, 12)}…` : '–');
  const modelName = (id: string) => {
    const m = e.models.find((x) => x.id === id);
    return m ? `${m.name ?? m.id} v${m.version}` : id;
  };
  parts.push(
    '<h3>Models</h3>',
    table(
      ['Model', 'Version', 'Alias', 'Format', 'Signed', 'Digest', 'Source'],
      e.models.map((m) => [
        m.name ?? m.id,
        String(m.version),
        m.alias ?? '–',
        m.format ?? (m.provider ? `hosted by ${m.provider}` : '–'),
        m.provider ? '–' : m.signed ? 'yes' : 'no',
        digest(m.sha256),
        m.source ?? '–',
      ]),
    ),
  );
  if (e.endpoints.length) {
    const traffic = (t: Record<string, number>) =>
      Object.entries(t)
        .map(([model, share]) => `${modelName(model)}: ${share}%`)
        .join(', ');
    parts.push(
      '<h3>Serving</h3>',
      table(
        ['Endpoint', 'Traffic'],
        e.endpoints.map((p) => [p.label ?? p.id, traffic(p.traffic)]),
      ),
    );
  }
  if (e.pipelines.length)
    parts.push(
      '<h3>Pipelines</h3>',
      table(
        ['Pipeline', 'Status', 'Source'],
        e.pipelines.map((p) => [p.label ?? p.id, p.status, p.source ?? '–']),
      ),
    );
  if (e.datasets.length) {
    parts.push(
      '<h3>Datasets</h3>',
      table(
        ['Dataset', 'Version', 'Provenance', 'Source'],
        e.datasets.map((d) => [d.label ?? d.id, String(d.version), d.provenance, d.source ?? '–']),
      ),
    );
  }
  if (e.retrieval.length) {
    const rows = e.retrieval.map((r) => [
      r.label ?? r.id,
      r.namespaces.map((n) => `${n.label ?? n.id} (${n.status})`).join(', '),
      r.sources.map((s) => `${s.label ?? s.id} (${s.status})`).join(', ') || '–',
    ]);
    parts.push('<h3>Retrieval stores</h3>', table(['Store', 'Namespaces', 'Synced sources'], rows));
  }
  if (e.agents.length) {
    const tool = (t: (typeof e.agents)[number]['tools'][number]) =>
      `${t.label ?? t.id}: ${t.permission === 'approval' ? 'needs approval' : t.permission === 'allow' ? 'allowed' : 'denied'}${t.cap === undefined ? '' : `, up to ${groupDigits(t.cap)}${t.unit ? ` ${t.unit}` : ''} a call`}`;
    const rows = e.agents.map((a) => [
      a.label ?? a.id,
      a.model ? modelName(a.model) : '–',
      a.status,
      a.tools.map(tool).join('; ') || '–',
    ]);
    parts.push('<h3>Agents and their tools</h3>', table(['Agent', 'Model', 'Status', 'Tools'], rows));
  }
  if (e.credentials.length)
    parts.push(
      '<h3>Credentials</h3>',
      table(
        ['Credential', 'Kind', 'Grants access to', 'Status'],
        e.credentials.map((c) => [c.label ?? c.id, c.kind ?? '–', c.scope ?? '–', c.status]),
      ),
    );
  if (e.evidence.length)
    parts.push(
      '<h3>Evidence already held</h3>',
      `<ul>${e.evidence.map((x) => `<li>${esc(x.label)}</li>`).join('')}</ul>`,
    );
  if (e.metrics.length) {
    parts.push(
      '<h3>Business impact tracked</h3>',
      table(
        ['Measure', 'Unit', 'Rate at the start'],
        e.metrics.map((m) => [m.label, m.unit, `${groupDigits(m.rate_per_hour)} an hour`]),
        { num: [2] },
      ),
    );
  }
  return parts.join('\n');
}

function clocks(drill: Drill): string {
  const list = drill.scenario.clocks;
  if (!list.length) return '<p>This scenario runs no service-level or regulatory clock.</p>';
  // when a clock starts is part of the story: only "at the start" is said outright
  const rows = list.map((c) => [
    c.label,
    c.kind === 'sla' ? 'Service level' : 'Regulatory',
    formatMinutes(durationMinutes(c.limit)),
    c.starts_on ? 'When its trigger happens in the story' : 'At the start',
    c.reference ?? '–',
  ]);
  return `<p>These clocks run on simulated time and show on every player’s screen.</p>\n${table(['Clock', 'Kind', 'Limit', 'Starts', 'Reference'], rows)}`;
}

function roles(drill: Drill): string {
  const s = drill.scenario;
  const defined = s.roles.define ?? {};
  const rows = s.roles.in_play.map((r) => {
    const duty = ROLE_DUTIES[r] ?? 'A role this scenario adds; the facilitator briefs it.';
    const lead =
      r === s.roles.lead ? ' Lead role: commits the decision when the lead decides, and breaks a tied vote.' : '';
    return [roleLabel(r, defined)!, `${duty}${lead}`];
  });
  return `${table(['Role', 'In this exercise'], rows)}\n<p class="note">A team may have fewer players than roles: then players hold more than one role. Each team has at most one player in the lead role.</p>\n<h3>Exercise roles</h3>\n${table(['Who', 'Does what'], EXERCISE_ROLES)}`;
}

/** The agenda: a briefing, one module per phase sized by its decisions on the expected path, the hot wash. */
function schedule(drill: Drill, stats: ExploreResult): string {
  const s = drill.scenario;
  const facts = drillFacts(drill, stats);
  const briefing = s.minutes >= 60 ? 10 : 5;
  const hotwash = s.minutes >= 60 ? 15 : 5;
  const play = Math.max(s.minutes - briefing - hotwash, s.phases.length);
  const phases = s.phases.map((phase) => {
    const onPath = facts.injects.filter((f) => f.phase === phase && f.bestAt !== null && f.inject.decision);
    return {
      phase,
      decisions: onPath.length,
      discuss: onPath.reduce((sum, f) => sum + durationSeconds(f.inject.decision!.discuss), 0),
    };
  });
  const total = phases.reduce((sum, p) => sum + p.discuss, 0);
  let given = 0;
  const lengths = phases.map((p, i) => {
    const share =
      i === phases.length - 1
        ? play - given
        : Math.max(1, Math.round((total ? p.discuss / total : 1 / phases.length) * play));
    given += share;
    return share;
  });
  let at = 0;
  const row = (part: string, what: string, minutes: number) => {
    const line = [formatMinutes(at), part, what, formatMinutes(minutes)];
    at += minutes;
    return line;
  };
  const rows = [
    row('Welcome and briefing', 'Ground rules, roles and seats, the starting situation.', briefing),
    ...phases.map((p, i) => {
      const nist = NIST_PHASE_LABELS[p.phase.nist];
      const parts = [
        nist === p.phase.title ? '' : nist,
        p.decisions ? `about ${p.decisions} decision${p.decisions === 1 ? '' : 's'}` : 'developments to read',
        p.discuss ? `${wallTime(p.discuss)} of discussion limits` : '',
      ];
      const what = `${capitalise(parts.filter(Boolean).join(', '))}.`;
      return row(`Module ${i + 1}: ${p.phase.title}`, what, lengths[i]!);
    }),
    row(
      'Hot wash and debrief',
      'What worked, what did not, confidence per capability; the team’s path and what if it had chosen otherwise.',
      hotwash,
    ),
  ];
  return `${table(['Starts', 'Part', 'What happens', 'Length'], rows)}\n<p class="note">Times are from the start of the session; the facilitator may pause, extend a discussion or move on. The number of decisions depends on the team’s path.</p>`;
}

/** The Situation Manual as a self-contained HTML page. */
export function renderSitman(drill: Drill, stats: ExploreResult): string {
  const s = drill.scenario;
  const facts = drillFacts(drill, stats);
  const opening = drill.injects[drill.first]!.inject;
  const phases = [...new Set(s.phases.map((p) => NIST_PHASE_LABELS[p.nist]))];
  const decisions = facts.injects.filter((f) => f.bestAt !== null && f.inject.decision).length;
  const scope = keyValues([
    ['Type', 'A discussion-based tabletop exercise in the HSEEP sense, played on screens in breachdrill.'],
    ['Length', `About ${esc(formatMinutes(s.minutes))}, hot wash included.`],
    ['Difficulty', esc(s.difficulty)],
    ['Incident phases', esc(phases.join(', '))],
    ['Decisions', `About ${decisions}, depending on the team’s path.`],
    [
      'Play limits',
      'The organisation, people, systems and data are fictional. Nothing is done on real systems, and nobody outside the room is contacted.',
    ],
  ]);
  const body = `
<h2>Purpose</h2>
<p>This exercise lets a response team rehearse an incident specific to AI systems together, find the gaps in its plans before a real attacker does, and leave with owned corrective actions.</p>
<p>${esc(s.summary)}</p>
<h2>Scope</h2>
${scope}
<h2>Objectives</h2>
<p>The team is observed on these capabilities:</p>
<ul>${facts.capabilities.map((c) => `<li><strong>${esc(CAPABILITY_LABELS[c])}.</strong> ${esc(CAPABILITY_OBJECTIVES[c])}</li>`).join('')}</ul>
<h2 class="page">Starting situation</h2>
<h3>${esc(opening.title)}</h3>
${markdownToHtml(opening.body)}
${artifacts(opening)}
<h2>The estate at the start</h2>
${estate(drill)}
<h2>Clocks</h2>
${clocks(drill)}
<h2>Rules of play</h2>
<h3>Ground rules</h3>
<ul>${GROUND_RULES.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>
<h3>How the exercise plays</h3>
<ul>${HOW_IT_PLAYS.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>
<h2>Roles</h2>
${roles(drill)}
<h2>Schedule</h2>
${schedule(drill, stats)}
`;
  return page(drill, { kind: 'Situation Manual', audience: 'players', body });
}
