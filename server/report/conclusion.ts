/**
 * The conclusion of the after-action report, written from the results by template: how far each
 * team met the objectives (when the drill links them to critical tasks), which capabilities held
 * up and which need the most work across the teams, and the next steps the improvement plan sets.
 */
import { listWords } from './format.ts';
import type { GapReport, TeamReport } from '../../protocol/index.ts';

const ORDER = { P: 4, S: 3, M: 2, U: 1 } as const;
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Per team: the objectives all of whose critical tasks it met. */
function objectivesParagraph(report: Pick<GapReport, 'design' | 'teams'>): string {
  const { design, teams } = report;
  if (!design.linked) {
    return 'The drill does not say which critical tasks test which objective, so the objectives are not judged one by one here; the analysis of capabilities shows what each team did.';
  }
  const tested = design.objectives.filter((o) => o.expectations.length > 0);
  const sentences = teams.map((team) => {
    const met = tested.filter((o) =>
      o.expectations.every((x) => team.expectations.find((e) => e.id === x.id)?.status === 'met'),
    );
    const open = tested.filter((o) => !met.includes(o)).map((o) => String(o.n));
    const stopped = team.expectations.some((e) => e.status === 'not-reached');
    const why = stopped ? ' (the drill stopped before some of their tasks came up)' : '';
    const of =
      tested.length === 1
        ? 'the one objective the drill tests'
        : `the ${plural(tested.length, 'objective')} the drill tests`;
    if (open.length === 0)
      return `${team.name} met every critical task of ${tested.length === 1 ? of : `all ${of.slice(4)}`}.`;
    if (met.length === 0) return `${team.name} missed at least one critical task of each of ${of}${why}.`;
    return `${team.name} met every critical task of ${met.length} of ${of}; not yet objective${open.length === 1 ? '' : 's'} ${listWords(open)}${why}.`;
  });
  return sentences.join(' ');
}

/**
 * Across the teams: the capabilities with the best and the worst average rating (P = 4 … U = 1),
 * at most three each, lower score share first among the worst; the worst only when it averages M or below.
 */
function capabilitiesParagraph(report: Pick<GapReport, 'comparison' | 'teams'>): string {
  const rated = report.comparison.filter((c) => c.teams.every((t) => t.rating !== null));
  if (rated.length === 0) return '';
  type Row = (typeof rated)[number];
  const mean = (c: Row): number => c.teams.reduce((sum, t) => sum + ORDER[t.rating!], 0) / c.teams.length;
  const share = (c: Row): number => c.teams.reduce((sum, t) => sum + (c.max > 0 ? Math.max(t.score, 0) / c.max : 0), 0);
  const top = Math.max(...rated.map(mean));
  const low = Math.min(...rated.map(mean));
  if (top === low) {
    // No capability stands out: say how each team was rated instead.
    const counts = report.teams.map((t) => {
      const ratings = rated.map((c) => c.teams.find((x) => x.teamId === t.id)!.rating!);
      const used = (['P', 'S', 'M', 'U'] as const).filter((r) => ratings.includes(r));
      const parts =
        used.length === 1
          ? `${used[0]} in all of them`
          : listWords(used.map((r) => `${r} in ${ratings.filter((x) => x === r).length}`));
      return `${t.name} was rated ${parts}`;
    });
    return `No capability stands out among the ${plural(rated.length, 'capability', 'capabilities')} the drill scores: ${counts.join('; ')}.`;
  }
  const best = rated.filter((c) => mean(c) === top).slice(0, 3);
  const worst =
    low <= ORDER.M && low < top
      ? rated
          .filter((c) => mean(c) === low)
          .sort((a, b) => share(a) - share(b))
          .slice(0, 3)
      : [];
  const name = (id: string): string => report.teams.find((x) => x.id === id)?.name ?? id;
  const who = (c: Row): string =>
    report.teams.length === 1
      ? `rated ${c.teams[0]!.rating}`
      : `rated ${c.teams.map((t) => `${t.rating} by ${name(t.teamId)}`).join(', ')}`;
  const listed = (rows: Row[]): string => listWords(rows.map((c) => `${c.label} (${who(c)})`));
  const lead = report.teams.length === 1 ? '' : 'Across the teams, ';
  const held = `${lead}${listed(best)} held up best`;
  return worst.length
    ? `${held}; ${listed(worst)} ${worst.length === 1 ? 'needs' : 'need'} the most work.`
    : `${held}.`;
}

/** What happens next: the plan's size, who holds it, when it is due, and how it is closed. */
function nextStepsParagraph(report: Pick<GapReport, 'plan' | 'overview'>): string {
  const open = report.plan.filter((p) => p.status !== 'validated');
  if (report.plan.length === 0)
    return 'No corrective action is needed: re-run the drill, or a harder one, to keep the capabilities exercised.';
  if (open.length === 0)
    return 'Every improvement-plan item has already been validated by a later exercise of this drill.';
  const dates = open
    .map((p) => p.completion)
    .filter((d) => d !== '')
    .sort();
  const due = dates.length ? ` The last is due on ${dates[dates.length - 1]}.` : ' No completion dates are set yet.';
  const unassigned = open.filter((p) => p.organisation === '' || p.organisationPoc === '').length;
  const assign = unassigned
    ? ` ${plural(unassigned, 'item')} still ${unassigned === 1 ? 'needs' : 'need'} a responsible organisation or its point of contact.`
    : '';
  const teams = report.overview.teams.length > 1 ? ' with each team' : '';
  return `The improvement plan holds ${plural(open.length, 'open item')}.${due}${assign} Next: agree the corrective actions at an after-action meeting${teams}, track them to completion, and re-run this drill afterwards: an item is validated when a later exercise by the same team meets the task.`;
}

/** Teams whose drill stopped early: their unreached tasks are neither strengths nor gaps yet. */
function stoppedParagraph(teams: TeamReport[]): string {
  const stopped = teams.filter((t) => t.expectations.some((e) => e.status === 'not-reached'));
  if (stopped.length === 0) return '';
  return `The exercise stopped before the story ended for ${listWords(stopped.map((t) => t.name))}: the critical tasks not reached are neither strengths nor areas for improvement yet.`;
}

/** The conclusion, as paragraphs (empty ones left out). */
export function buildConclusion(
  report: Pick<GapReport, 'design' | 'teams' | 'comparison' | 'plan' | 'overview'>,
): string[] {
  return [
    objectivesParagraph(report),
    capabilitiesParagraph(report),
    stoppedParagraph(report.teams),
    nextStepsParagraph(report),
  ].filter((p) => p !== '');
}
