/**
 * One team's results in the report page: ending, score, clocks, impact, critical tasks and the
 * decision timeline (its strengths and areas for improvement are under each capability, in
 * ReportsAnalysis). Durations are in the exports' one format; a headless run's made-up wall
 * times say so.
 */
import { Markdown } from '../components/Markdown.tsx';
import type { GapReport } from '../reportsApi.ts';
import { roleLabel } from '../text/labels.ts';
import { duration } from '../text/units.ts';
import { TimelineChart } from './ReportsCharts.tsx';
import { messages } from '../text/messages.ts';
import { reportWords } from '../text/reportWords.ts';

type TeamReport = GapReport['teams'][number];
type Decision = TeamReport['decisions'][number];

const simAt = (m: number | null): string => (m === null ? '' : reportWords.simAt(duration(m)));

/** "4m", "1m35s". */
function wall(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m}m${s ? `${s}s` : ''}` : `${s}s`;
}

export function TeamSection({
  team,
  roleLabels,
  synthetic,
}: {
  team: TeamReport;
  roleLabels: Readonly<Record<string, string>>;
  synthetic: boolean;
}) {
  const h = `team-${team.id}`;
  const met = team.expectations.filter((e) => e.met).length;
  return (
    <section className="card report-team" aria-labelledby={h}>
      <h2 id={h}>{team.name}</h2>
      <dl className="report-facts">
        <div>
          <dt>{reportWords.ending}</dt>
          <dd>{team.ending ? `${team.ending.title} (${team.ending.kind})` : reportWords.notReached}</dd>
        </div>
        <div>
          <dt>{reportWords.score}</dt>
          <dd>{messages.common.scoreOf(team.total.score, team.total.max)}</dd>
        </div>
        <div>
          <dt>{reportWords.containment}</dt>
          <dd>
            {team.containment
              ? reportWords.containmentText(
                  reportWords.clockStatus[team.containment.status],
                  team.containment.elapsedMinutes,
                  team.containment.limitMinutes,
                )
              : '—'}
          </dd>
        </div>
        <div>
          <dt>{reportWords.criticalTasks}</dt>
          <dd>{reportWords.tasksMet(met, team.expectations.length)}</dd>
        </div>
        {team.clocks.map((c) => (
          <div key={c.id}>
            <dt>{c.label}</dt>
            <dd>{reportWords.clockStatus[c.status]}</dd>
          </div>
        ))}
        {team.impact.map((m) => (
          <div key={m.id}>
            <dt>{m.label}</dt>
            <dd>
              {m.total.toLocaleString('en-US')} {m.unit}
            </dd>
          </div>
        ))}
      </dl>

      <h3>{reportWords.criticalTasks}</h3>
      <ul className="expectations">
        {team.expectations.map((e) => (
          <li key={e.id}>
            <span className={`badge ${e.met ? 'badge-good' : e.status === 'not-reached' ? '' : 'badge-bad'}`}>
              {e.met ? '✓ ' : e.status === 'not-reached' ? '' : '✗ '}
              {reportWords.expectationStatus[e.status]}
            </span>{' '}
            {e.text}
            {e.at !== null ? <span className="small muted"> · {simAt(e.at)}</span> : null}
          </li>
        ))}
      </ul>

      <h3>{reportWords.decisionTimeline}</h3>
      <TimelineChart team={team} />
      <ol className="report-decisions">
        {team.decisions.map((d) => (
          <DecisionItem key={`${d.inject}-${d.n}`} d={d} roleLabels={roleLabels} synthetic={synthetic} />
        ))}
      </ol>
    </section>
  );
}

function DecisionItem({
  d,
  roleLabels,
  synthetic,
}: {
  d: Decision;
  roleLabels: Readonly<Record<string, string>>;
  synthetic: boolean;
}) {
  const delta = messages.common.points(d.scoreDelta);
  return (
    <li className={`report-decision ${d.matchedBest ? 'log-best' : d.harmful ? 'log-miss' : ''}`}>
      <details>
        <summary>
          <strong>
            {d.n}. {d.title}
          </strong>{' '}
          <span className="small muted">
            {simAt(d.simAt)} · {d.phase}
          </span>
          <br />
          {d.kind === 'chosen' ? d.chosenLabel : d.kind === 'no-decision' ? reportWords.noDecision : d.chosenLabel}{' '}
          <span
            className={`badge ${d.scoreDelta > 0 ? 'badge-good' : d.scoreDelta < 0 ? 'badge-bad' : 'badge-neutral'}`}
          >
            {delta}
          </span>
          {d.matchedBest ? (
            <span className="badge badge-good">{reportWords.bestOption}</span>
          ) : d.bestLabel ? (
            <span className="small"> {reportWords.best(d.bestLabel)}</span>
          ) : null}
          {d.dissent ? <span className="badge badge-warn">{reportWords.dissentCount(d.dissent)}</span> : null}
        </summary>
        <p className="small muted">
          {d.prompt} · {reportWords.settledBy(d.settledBy)}
          {d.wallSeconds !== null ? ` ${reportWords.wallTime(wall(d.wallSeconds), synthetic)}` : ''}
        </p>
        {d.votes.length ? (
          <ul className="plain-list report-votes" aria-label={reportWords.votes}>
            {d.votes.map((v) => (
              <li key={`${v.name}-${v.role}`}>
                <strong>{v.name}</strong>{' '}
                {v.role ? <span className="small muted">({roleLabel(v.role, roleLabels)})</span> : null}:{' '}
                {d.options.find((o) => o.id === v.option)?.label ?? v.option}
                {v.dissent ? <span className="badge badge-warn">{reportWords.dissent}</span> : null}
                {v.reason ? <q className="report-reason">{v.reason}</q> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {d.feedback ? <Markdown className="feedback" text={d.feedback} /> : null}
      </details>
    </li>
  );
}
