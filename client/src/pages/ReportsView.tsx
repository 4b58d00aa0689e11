/**
 * One gap report, rendered from the JSON export (never from the HTML: nothing in a report can
 * run as script), in the HSEEP AAR/IP order: every export, executive summary, overview (with the
 * editable exercise details), exercise design summary, capability chart and comparison, analysis
 * of capabilities, each team's results, framework coverage, hot wash, conclusion, the pinned
 * what-ifs (counterfactual, apart from what was played), the editable
 * improvement plan, integrity.
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../api.ts';
import { downloadExport, getReport, isTraineeKey, type GapReport, type PlanItem } from '../reportsApi.ts';
import { RatingBadge } from '../components/RatingBadge.tsx';
import { duration } from '../text/units.ts';
import { CapabilityAnalysis, Conclusion } from './ReportsAnalysis.tsx';
import { CapabilityChart } from './ReportsCharts.tsx';
import { Coverage, HotwashSection, Integrity } from './ReportsClosingSections.tsx';
import { DesignSummary, ReportsOverview } from './ReportsOverview.tsx';
import { ReportsPlan } from './ReportsPlan.tsx';
import { reportRoleLabels } from '../text/labels.ts';
import { ShareReport } from './ReportsShare.tsx';
import { TeamSection } from './ReportsTeam.tsx';
import { ReportsWhatIf } from './ReportsWhatIf.tsx';
import { messages } from '../text/messages.ts';
import { reportWords } from '../text/reportWords.ts';

const FORMATS = [
  { id: 'html', label: reportWords.formats.html },
  { id: 'md', label: reportWords.formats.md },
  { id: 'json', label: reportWords.formats.json },
  { id: 'csv', label: reportWords.formats.csv },
  { id: 'plan.csv', label: reportWords.formats.planCsv },
] as const;
const MODES: Record<string, string> = reportWords.modeInline;

/** `shared`: opened with a share link's token (read only, no sharing of its own). */
export function ReportsView({
  exerciseId,
  reportKey,
  onBadKey,
  shared = false,
}: {
  exerciseId: string;
  reportKey: string;
  onBadKey: (message: string) => React.ReactNode;
  shared?: boolean;
}) {
  const [report, setReport] = useState<GapReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [download, setDownload] = useState('');

  useEffect(() => {
    getReport(exerciseId, reportKey).then(setReport, (e: ApiError) => setError(e));
  }, [exerciseId, reportKey]);

  if (error && (error.status === 401 || error.status === 403))
    return <>{onBadKey(reportWords.keyDoesNotOpen(error.message))}</>;
  if (error) {
    return (
      <div className="card">
        <h1>{reportWords.gapReport}</h1>
        <p role="alert" className="bad-text">
          {error.message}
        </p>
      </div>
    );
  }
  if (!report)
    return (
      <p className="muted" role="status">
        {reportWords.loadingTheReport}
      </p>
    );
  const o = report.overview;
  const readOnly = shared || isTraineeKey(exerciseId);
  // A plan edit changes the recommendations and the conclusion too: take the plan at once, then the whole report.
  const setPlan = (plan: PlanItem[]) => {
    setReport({ ...report, plan });
    getReport(exerciseId, reportKey).then(setReport, () => undefined);
  };

  return (
    <article className="report" aria-labelledby="report-title">
      <header className="report-head">
        <p className="report-kicker">{reportWords.afterActionReportAnd}</p>
        <h1 id="report-title">{o.scenario.title}</h1>
        <p className="muted">
          <time dateTime={o.date}>{o.date}</time>
          {o.durationMinutes !== null
            ? ` · ${reportWords.reportDuration(duration(o.durationMinutes), o.wallClock === 'synthetic')}`
            : ''}{' '}
          ·{' '}
          {o.rewoundFrom
            ? reportWords.rewoundPractice(o.rewoundFrom.decision, o.rewoundFrom.code)
            : o.solo
              ? reportWords.soloPractice
              : MODES[o.mode]}{' '}
          · {messages.common.code(o.code)}
          {o.facilitator ? ` · ${reportWords.facilitatedBy(o.facilitator)}` : ''} ·{' '}
          {reportWords.scenarioVersion(o.scenario.version)} · {reportWords.atlasVersion(o.atlasVersion)}
        </p>
        <p>
          {report.teams.map((t) => (
            <span key={t.id} className="badge badge-neutral">
              {t.name}: {t.players.map((p) => p.name).join(', ') || reportWords.noPlayers}
            </span>
          ))}
          <span className={`badge ${report.integrity.verified ? 'badge-good' : 'badge-bad'}`}>
            {report.integrity.verified ? reportWords.eventLogVerifies : reportWords.eventLogFails}
          </span>
        </p>
      </header>

      <section className="card report-exports" aria-labelledby="h-exports">
        <h2 id="h-exports">{reportWords.export}</h2>
        <div className="row">
          {FORMATS.map((f) => (
            <button
              key={f.id}
              type="button"
              className="btn btn-small"
              onClick={() => {
                setDownload(reportWords.preparing(f.label));
                downloadExport(exerciseId, reportKey, f.id).then(
                  (name) => setDownload(messages.shares.documents.downloaded(name)),
                  (e: Error) => setDownload(messages.shares.documents.failed(e.message)),
                );
              }}
            >
              {f.label}
            </button>
          ))}
        </div>
        <p role="status" className="small muted report-download-status">
          {download || (shared ? reportWords.sharedFiles : reportWords.filesIncludeEdits)}
        </p>
      </section>

      <section className="card" aria-labelledby="h-summary">
        <h2 id="h-summary">{reportWords.executiveSummary}</h2>
        <p>{report.summary.lead}</p>
        {report.summary.teams.map((t) => (
          <p key={t.teamId}>{t.text}</p>
        ))}
        {report.summary.fixFirst.length ? (
          <>
            <h3>{reportWords.fixFirst}</h3>
            <ol>
              {report.summary.fixFirst.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ol>
          </>
        ) : null}
        {report.summary.watch.length ? (
          <>
            <h3>{reportWords.blindSpots}</h3>
            <ul>
              {report.summary.watch.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <ReportsOverview
        report={report}
        exerciseId={exerciseId}
        reportKey={reportKey}
        readOnly={readOnly}
        onChange={setReport}
      />
      <DesignSummary report={report} />

      <section className="card" aria-labelledby="h-caps">
        <h2 id="h-caps">{reportWords.capabilityPerformance}</h2>
        <div className="report-caps">
          <CapabilityChart report={report} />
          <div className="table-scroll" role="region" aria-label={reportWords.teamComparisonTable} tabIndex={0}>
            <table className="data">
              <caption>{reportWords.teamComparison}</caption>
              <thead>
                <tr>
                  <th scope="col">{reportWords.capability}</th>
                  {report.teams.map((t) => (
                    <th key={t.id} scope="col">
                      {t.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.comparison.map((c) => (
                  <tr key={c.capability}>
                    <th scope="row">{c.label}</th>
                    {c.teams.map((t) => (
                      <td key={t.teamId}>
                        {t.score} / {c.max} <RatingBadge rating={t.rating} />
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">{reportWords.total}</th>
                  {report.teams.map((t) => (
                    <td key={t.id}>
                      {t.total.score} / {t.total.max}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
        </div>
      </section>

      <CapabilityAnalysis report={report} />

      <div className={report.teams.length > 1 ? 'report-teams' : ''}>
        {report.teams.map((t) => (
          <TeamSection
            key={t.id}
            team={t}
            roleLabels={reportRoleLabels(report)}
            synthetic={o.wallClock === 'synthetic'}
          />
        ))}
      </div>

      <Coverage report={report} />
      <HotwashSection report={report} />
      <Conclusion report={report} />
      <ReportsWhatIf report={report} />

      <section className="card" aria-labelledby="h-plan">
        <h2 id="h-plan">{reportWords.improvementPlan}</h2>
        <ReportsPlan
          exerciseId={exerciseId}
          reportKey={reportKey}
          plan={report.plan}
          onChange={setPlan}
          readOnly={readOnly}
        />
      </section>

      {readOnly ? null : <ShareReport exerciseId={exerciseId} reportKey={reportKey} />}

      <Integrity report={report} />
    </article>
  );
}
