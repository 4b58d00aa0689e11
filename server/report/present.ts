/**
 * Words shared by the Markdown and HTML renderers, so both exports say the same thing:
 * clock results, decision lines, framework references and rating keys.
 */
import { formatMinutes } from '../engine/duration.ts';
import { clause, groupDigits, listWords, RATING_LABELS, roleLabel } from './format.ts';
import type { ClockEntry, DecisionEntry, Finding, GapReport, TeamReport } from '../../protocol/index.ts';

/** "met: 20m of 1h" style result of a clock. */
export function clockWords(c: ClockEntry): string {
  const limit = formatMinutes(c.limitMinutes);
  switch (c.status) {
    case 'not-started':
      return 'not started (its trigger never happened)';
    case 'running':
      return `still running after ${formatMinutes(c.elapsedMinutes ?? 0)} of ${limit}`;
    case 'met':
      return `met in ${formatMinutes(c.elapsedMinutes ?? 0)} of ${limit}`;
    case 'breached':
      return c.stoppedAt === null
        ? `breached: not stopped within ${limit}`
        : `breached: took ${formatMinutes(c.elapsedMinutes ?? 0)} of ${limit}`;
  }
}

/** A sim time as "1h5m" (or "0m"). */
export const simTime = (minutes: number | null): string => (minutes === null ? '–' : formatMinutes(minutes));

/** Wall seconds to decide, as "1m35s". */
export function wallTime(seconds: number | null): string {
  if (seconds === null) return '–';
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m}m${s ? `${s}s` : ''}` : `${s}s`;
}

/** "Alice (IR lead)". */
export function voterWords(v: { name: string; role: string | null }): string {
  return v.role ? `${v.name} (${roleLabel(v.role)})` : v.name;
}

/** The label of the option a vote went to (votes carry the option id). */
export function votedLabel(d: DecisionEntry, option: string): string {
  return d.options.find((o) => o.id === option)?.label ?? option;
}

/** How the outcome of a decision was settled, in words. */
export function settledWords(d: DecisionEntry): string {
  switch (d.settledBy) {
    case 'vote':
      return 'by vote';
    case 'lead':
      return 'by the lead';
    case 'facilitator':
      return 'by the facilitator';
    case 'deadline':
      return 'when the deadline passed';
    case 'solo':
      return 'solo';
    case 'skip':
      return 'skipped by the facilitator';
    default:
      return d.settledBy ?? 'not recorded';
  }
}

/** "best" / "not the best" verdict, with the best option's label when different. */
export function bestWords(d: DecisionEntry): string {
  if (d.best === null) return '';
  if (d.matchedBest) return 'the best option';
  return `best was “${d.bestLabel}”`;
}

/** ATLAS mitigations of a finding as "AML.M0014 Verify AI Artifacts". */
export function mitigationWords(f: Pick<Finding, 'mitigations'>): string[] {
  return f.mitigations.map((m) => (m.name ? `${m.id} ${m.name}` : m.id));
}

/** CSF references as "RS.AN-07 (Incident Analysis)". */
export function csfWords(f: Pick<Finding, 'csf'>): string[] {
  return f.csf.map((c) => (c.name ? `${c.id} (${c.name})` : c.id));
}

/** The rating key line printed under rating tables. */
/** What "best possible" means in the capability tables (one path reaches all of them at once). */
export const BEST_POSSIBLE_NOTE =
  'Best possible: the capability scores of the best-scoring path through the drill, all reached together on that one path';

export const RATING_KEY = (Object.entries(RATING_LABELS) as Array<[string, string]>)
  .map(([k, v]) => `${k} = ${v.toLowerCase()}`)
  .join('; ');

/** Business impact as "14,000 USD Fraud losses". */
export function impactWords(team: TeamReport): string[] {
  return team.impact.map((m) => `${m.label}: ${groupDigits(m.total)} ${m.unit}`);
}

/** "Blue: 3 (P)" cells of the comparison, by team order. */
export function comparisonCell(row: GapReport['comparison'][number], teamId: string): string {
  const cell = row.teams.find((t) => t.teamId === teamId);
  if (!cell) return '–';
  return `${cell.score} (${cell.rating ?? '–'})`;
}

/** Said wherever a headless run's made-up wall times are shown. */
export const SYNTHETIC_NOTE =
  'synthetic: a headless run (command line or playthrough) has no real players, so its wall times are a fixed time per decision, not measured';

/** The exercise's wall-clock length ("1h20m", "20m (synthetic: …)") and the planned length. */
export function durationWords(overview: GapReport['overview']): string {
  const planned = `planned ${formatMinutes(overview.scenario.plannedMinutes)}`;
  if (overview.durationMinutes === null) return `length not recorded (${planned})`;
  const length = `${formatMinutes(overview.durationMinutes)} of wall-clock time`;
  return overview.wallClock === 'synthetic' ? `${length} (${planned}; ${SYNTHETIC_NOTE})` : `${length} (${planned})`;
}

/** How long a decision took, labelled when the wall times are synthetic: "4m", "1m (synthetic)". */
export function decidedIn(d: DecisionEntry, overview: GapReport['overview']): string {
  return `${wallTime(d.wallSeconds)}${overview.wallClock === 'synthetic' && d.wallSeconds !== null ? ' (synthetic)' : ''}`;
}

/** Said when the facilitator or a manager has not entered an overview detail. */
const NOT_ENTERED = 'Not recorded: the facilitator or a manager adds it under “Exercise details” in the web report';

/** The HSEEP overview rows the drill and the exercise details supply, as plain text (renderers escape). */
export function hseepOverviewRows(o: GapReport['overview']): Array<[string, string]> {
  const NOT_RECORDED =
    o.wallClock === 'synthetic' ? 'Not recorded: a headless run has no exercise details' : NOT_ENTERED;
  const areas =
    o.missionAreasFrom === 'drill'
      ? o.missionAreas.join(', ')
      : `${o.missionAreas.join(', ')} (the drill names no mission area; an incident-response drill is in Response)`;
  return [
    [o.missionAreas.length === 1 ? 'Mission area' : 'Mission areas', areas],
    ['Core capabilities', o.coreCapabilities.map((c) => c.name).join(', ')],
    ['Sponsor', o.sponsor ?? NOT_RECORDED],
    ['Participating organisations', o.organisations.length ? o.organisations.join('; ') : NOT_RECORDED],
    ['Point of contact', o.pointOfContact ?? NOT_RECORDED],
  ];
}

/** For a rewound solo run (H18): where it comes from and that it is practice, in one sentence; null otherwise. */
export function rewoundWords(o: GapReport['overview']): string | null {
  const r = o.rewoundFrom;
  if (!r) return null;
  const earlier =
    r.decision === 1
      ? 'it starts at the first decision'
      : r.decision === 2
        ? 'decision 1 was replayed from that run'
        : `decisions 1 to ${r.decision - 1} were replayed from that run`;
  return `Practice, not an assessment: rewound to decision ${r.decision} of the trainee's run ${r.code} (${r.playedAt}); ${earlier}, the rest was played live. Left out of trends and plan validation.`;
}

/** The observation of an area for improvement or a strength: what happened, in a sentence. */
export function observationWords(f: Finding, team: TeamReport): string {
  if (f.source === 'decision') return clause(f.text);
  const status = team.expectations.find((e) => e.id === f.key)?.status ?? 'met';
  const word = { met: 'Met', violated: 'Violated', missed: 'Missed', 'not-reached': 'Not reached' }[status];
  return `${word}: ${clause(f.text)}`;
}

/** The references of a finding: "ATLAS AML.M0014 Verify AI Artifacts", "CSF RS.MI-01 (Incident Mitigation)". */
export function referenceWords(f: Pick<Finding, 'mitigations' | 'csf'>): string[] {
  return [...mitigationWords(f).map((m) => `ATLAS ${m}`), ...csfWords(f).map((c) => `CSF ${c}`)];
}

/** One capability's findings across the teams, for the Analysis of Capabilities. */
export interface CapabilityAnalysis {
  capability: string;
  label: string;
  ratings: Array<{ team: TeamReport; rating: 'P' | 'S' | 'M' | 'U' | null; score: number; max: number }>;
  strengths: Array<{ team: TeamReport; finding: Finding }>;
  improvements: Array<{ team: TeamReport; finding: Finding }>;
}

/** The findings of every team grouped under each exercised capability (HSEEP's Analysis of Capabilities). */
export function capabilityAnalysis(r: GapReport): CapabilityAnalysis[] {
  const findings = r.teams.flatMap((t) => [...t.strengths, ...t.improvements]);
  // A harmful choice can cost points in a capability the drill otherwise does not score: it gets its own group.
  const extra = findings.filter(
    (f, i) =>
      !r.comparison.some((c) => c.capability === f.capability) &&
      findings.findIndex((x) => x.capability === f.capability) === i,
  );
  const groups = [
    ...r.comparison.map((c) => ({ capability: c.capability, label: c.label })),
    ...extra.map((f) => ({ capability: f.capability, label: f.capabilityLabel })),
  ];
  return groups.map((c) => ({
    capability: c.capability,
    label: c.label,
    ratings: r.teams.map((team) => {
      const own = team.capabilities.find((x) => x.id === c.capability);
      return { team, rating: own?.rating ?? null, score: own?.score ?? 0, max: own?.max ?? 0 };
    }),
    strengths: r.teams.flatMap((team) =>
      team.strengths.filter((f) => f.capability === c.capability).map((finding) => ({ team, finding })),
    ),
    improvements: r.teams.flatMap((team) =>
      team.improvements.filter((f) => f.capability === c.capability).map((finding) => ({ team, finding })),
    ),
  }));
}

/** A plan row's ATLAS mitigations and CSF references as ids, for the narrow plan table. */
export const planRefIds = (list: Array<{ id: string }>): string[] => list.map((x) => x.id);

/** The design summary's opening: what the drill exercises, and when corrective actions fall due. */
export function designIntro(r: GapReport): string {
  const d = r.design;
  const o = r.overview;
  const caps = o.coreCapabilities.map((c) => c.name);
  const areas = listWords(o.missionAreas);
  const horizon =
    d.improvementHorizonDays === null
      ? 'The drill suggests no time to complete corrective actions: their completion dates are left to agree.'
      : `Corrective actions are due ${d.improvementHorizonDays} day${d.improvementHorizonDays === 1 ? '' : 's'} after the exercise unless edited (the drill's suggested horizon).`;
  const link = d.linked
    ? 'Each objective is tested by the critical tasks below.'
    : 'The drill does not say which critical tasks test which objective; the critical tasks of each capability are below.';
  return `The drill exercises ${caps.length} capabilit${caps.length === 1 ? 'y' : 'ies'} (${caps.join(', ')}) in the ${areas} mission area${o.missionAreas.length === 1 ? '' : 's'}, through ${r.objectives.length} objective${r.objectives.length === 1 ? '' : 's'}. ${link} ${horizon}`;
}

/** The improvement plan's column headings, as the Markdown and HTML exports print them (HSEEP IP). */
export const PLAN_HEADINGS = [
  'Capability',
  'Issue / area for improvement',
  'Corrective action',
  'Capability element',
  'Responsible role',
  'Primary responsible organisation',
  'Organisation POC',
  'Start',
  'Completion',
  'Status',
  'ATLAS mitigation',
  'CSF',
];
