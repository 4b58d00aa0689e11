/**
 * The executive summary: a few plain sentences per team, written from the results by template,
 * and an opening and closing paragraph for the whole exercise (what to fix first).
 */
import type { Drill } from '../engine/drill.ts';
import { formatMinutes } from '../engine/duration.ts';
import { capabilityLabel, clause, groupDigits, listWords, uncapitalise } from './format.ts';
import type { GapReport, Hotwash, PlanItem, TeamReport } from '../../protocol/index.ts';

/** A sim-time span in the report's one duration format: "20m of sim time". */
const simSpan = (minutes: number): string => `${formatMinutes(minutes)} of sim time`;

function containmentClause(team: TeamReport): string {
  const sla = team.containment;
  if (!sla) return `${team.name} finished after ${simSpan(team.simMinutes)}`;
  const limit = `the ${formatMinutes(sla.limitMinutes)} SLA`;
  if (sla.status === 'met')
    return `${team.name} contained the incident after ${simSpan(sla.elapsedMinutes ?? 0)}, inside ${limit}`;
  if (sla.stoppedAt !== null)
    return `${team.name} contained the incident after ${simSpan(sla.elapsedMinutes ?? 0)}, outside ${limit}`;
  if (sla.status === 'running')
    return `${team.name} had not yet contained the incident after ${simSpan(sla.elapsedMinutes ?? 0)}`;
  return `${team.name} did not contain the incident within ${limit}`;
}

const RATING_ORDER = { P: 4, S: 3, M: 2, U: 1 } as const;

/**
 * "Needs most work": only the capabilities with the team's lowest rating, when that is M or U,
 * at most three of them, lowest share of the best possible score first (ties in vocabulary order).
 */
export function weakestCapabilities(team: TeamReport): string {
  const rated = team.capabilities.filter((c) => c.rating !== null);
  if (rated.length === 0) return '';
  const low = Math.min(...rated.map((c) => RATING_ORDER[c.rating!]));
  if (low > RATING_ORDER.M) return '';
  const share = (c: (typeof rated)[number]): number => (c.max > 0 ? Math.max(c.score, 0) / c.max : 0);
  const lowest = rated.filter((c) => RATING_ORDER[c.rating!] === low);
  const shown = [...lowest].sort((a, b) => share(a) - share(b)).slice(0, 3);
  const rating = shown[0]!.rating!;
  const names = listWords(shown.map((c) => c.label));
  if (shown.length === lowest.length) return `Needs most work: ${names} (rated ${rating}).`;
  return `Needs most work: ${names}, the lowest-scoring of the ${lowest.length} capabilities rated ${rating}.`;
}

/** "fraud approved by the model, 14,000 EUR"; the unit is left out when the label already ends with it. */
function impactClause(m: TeamReport['impact'][number]): string {
  const label = uncapitalise(m.label);
  const unit = label.toLowerCase().endsWith(m.unit.toLowerCase()) ? '' : ` ${m.unit}`;
  return `${label}, ${groupDigits(m.total)}${unit}`;
}

function teamParagraph(team: TeamReport): string {
  const missed = team.expectations.filter((e) => e.status === 'violated' || e.status === 'missed');
  const unreached = team.expectations.filter((e) => e.status === 'not-reached').length;
  const total = team.expectations.length;
  const contained = team.containment === null || team.containment.status === 'met';
  const named = missed.slice(0, 3).map((e) => uncapitalise(clause(e.text)));
  const more = missed.length > 3 ? `; and ${missed.length - 3} more` : '';
  const tasks = missed.length
    ? `, ${contained ? 'but' : 'and'} missed ${missed.length} of ${total} critical task${total === 1 ? '' : 's'}: ${named.join('; ')}${more}.`
    : unreached
      ? `; the drill stopped before ${unreached} of ${total} critical task${total === 1 ? '' : 's'} came up.`
      : total
        ? `, ${contained ? 'and' : 'but'} met all ${total} critical task${total === 1 ? '' : 's'}.`
        : '.';
  const sentences = [containmentClause(team) + tasks];
  if (missed.length && unreached)
    sentences.push(`The drill stopped before ${unreached} other${unreached === 1 ? '' : 's'} came up.`);
  sentences.push(
    team.ending
      ? `The story ended “${team.ending.title}” (${team.ending.kind}) after ${simSpan(team.simMinutes)}, with ${team.total.score} of a possible ${team.total.max} points.`
      : `The drill stopped before an ending, after ${simSpan(team.simMinutes)}, with ${team.total.score} of a possible ${team.total.max} points.`,
  );
  const rated = team.capabilities.filter((c) => c.rating !== null);
  const strong = rated.filter((c) => c.rating === 'P').map((c) => c.label);
  const weak = weakestCapabilities(team);
  if (strong.length) sentences.push(`Performed without challenges: ${listWords(strong)}.`);
  if (weak) sentences.push(weak);
  const regulatory = team.clocks.filter((c) => c.status !== 'not-started');
  if (regulatory.length) {
    sentences.push(
      `Regulatory clocks: ${listWords(regulatory.map((c) => `${c.label} ${c.status === 'running' ? 'still running' : c.status}`))}.`,
    );
  }
  const impact = team.impact.filter((m) => m.total > 0);
  if (impact.length) sentences.push(`Business impact while the incident ran: ${impact.map(impactClause).join('; ')}.`);
  const disputed = team.decisions.filter((d) => d.dissent > 0).length;
  if (disputed)
    sentences.push(
      `${disputed} of ${team.decisions.length} decisions ${disputed === 1 ? 'was' : 'were'} taken against the vote of at least one player.`,
    );
  return sentences.join(' ');
}

function openingParagraph(drill: Drill, report: Pick<GapReport, 'overview' | 'plan'>): string {
  const { overview } = report;
  const who = overview.solo
    ? 'as a solo practice run'
    : `by ${overview.teams.length} team${overview.teams.length === 1 ? '' : 's'} (${listWords(overview.teams.map((t) => t.name))})`;
  const open = report.plan.filter((p) => p.status !== 'validated').length;
  const items = report.plan.length
    ? `The exercise raised ${report.plan.length} improvement-plan item${report.plan.length === 1 ? '' : 's'}${open < report.plan.length ? `, ${report.plan.length - open} already validated by a later exercise` : ''}.`
    : 'The exercise raised no improvement-plan items.';
  return `“${drill.scenario.title}” (v${drill.scenario.version}) was played on ${overview.date} ${who}. ${items}`;
}

/** How much one plan row weighs in one team: a broken rule over a missed task; points lost; a clock breached. */
function impactOf(item: PlanItem, team: TeamReport | undefined): { weight: number; why: string } {
  if (item.source === 'decision') {
    const d = team?.decisions.find((x) => x.inject === item.key);
    const lost = Math.max(0, -(d?.scoreDelta ?? 0));
    return {
      weight: Math.min(4, 1 + lost / 3),
      why: lost ? `lost ${lost} point${lost === 1 ? '' : 's'}` : 'no decision in time',
    };
  }
  const status = team?.expectations.find((e) => e.id === item.key)?.status;
  const breached = [team?.containment, ...(team?.clocks ?? [])].some((c) => c?.status === 'breached');
  const clock = breached && status === 'violated' ? 1 : 0;
  if (status === 'violated')
    return {
      weight: 5 + clock,
      why: clock ? 'a critical task violated, a clock breached' : 'a critical task violated',
    };
  if (status === 'missed') return { weight: 3, why: 'a critical task missed' };
  return { weight: 0.5, why: 'not reached before the drill stopped' };
}

/** Up to three corrective actions, heaviest impact first, each with why it comes first. */
function fixFirst(plan: PlanItem[], teams: TeamReport[]): string[] {
  const byKey = new Map<string, { item: PlanItem; teams: string[]; weight: number; why: Set<string>; order: number }>();
  for (const item of plan.filter((p) => p.status !== 'validated')) {
    const { weight, why } = impactOf(
      item,
      teams.find((t) => t.id === item.teamId),
    );
    const id = `${item.source}:${item.key}`;
    const known = byKey.get(id) ?? { item, teams: [], weight: 0, why: new Set<string>(), order: byKey.size };
    known.teams.push(item.teamName);
    known.weight += weight;
    known.why.add(teams.length > 1 ? `${why} (${item.teamName})` : why);
    byKey.set(id, known);
  }
  const ranked = [...byKey.values()].sort(
    (a, b) => b.weight - a.weight || b.teams.length - a.teams.length || a.order - b.order,
  );
  return ranked.slice(0, 3).map(({ item, teams: who, why }) => {
    const scope = teams.length > 1 ? `; ${who.length === teams.length ? 'all teams' : listWords(who)}` : '';
    return `${clause(item.correctiveAction)} (${capabilityLabel(item.capability)}; ${item.responsible}${scope}). Why: ${[...why].join('; ')}.`;
  });
}

function watch(hotwash: Hotwash): string[] {
  return hotwash.disagreements
    .filter((d) => d.direction === 'overconfident')
    .map((d) => `${d.teamName} feels confident in ${d.label} (${d.confidence} of 5) but was rated ${d.rating}.`);
}

/** The executive summary. */
export function buildSummary(
  drill: Drill,
  report: Pick<GapReport, 'overview' | 'plan' | 'hotwash' | 'teams'>,
): GapReport['summary'] {
  return {
    lead: openingParagraph(drill, report),
    teams: report.teams.map((t) => ({ teamId: t.id, teamName: t.name, text: teamParagraph(t) })),
    fixFirst: fixFirst(report.plan, report.teams),
    watch: watch(report.hotwash),
  };
}
