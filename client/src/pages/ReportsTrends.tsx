/**
 * Trends of one scenario across exercises: per capability, each team's score ratio over time
 * (a hand-written SVG line chart, one line per team with its own colour and dash), and the
 * ratings as a table, so a manager can see whether a team improved.
 */
import { useEffect, useId, useState } from 'react';
import { ApiError } from '../api.ts';
import { navigate } from '../router.ts';
import { getTrends, listReports, type Trends } from '../reportsApi.ts';
import { ChartLegend, seriesStroke } from '../components/ChartLegend.tsx';
import { reportWords } from '../text/reportWords.ts';

export function ReportsTrends({
  scenarioId,
  managerKey,
  onBadKey,
}: {
  scenarioId: string;
  managerKey: string;
  onBadKey: (message: string) => React.ReactNode;
}) {
  const id = useId();
  // one scenario when picked, else every scenario with a finished exercise (shown by default)
  const [loaded, setLoaded] = useState<{ key: string; trends: Trends[] } | null>(null);
  const [scenarios, setScenarios] = useState<Array<{ id: string; title: string }> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    listReports(managerKey, {}).then(
      (l) =>
        setScenarios(
          [...new Map(l.reports.map((r) => [r.scenario.id, r.scenario.title]))]
            .map(([sid, title]) => ({ id: sid, title }))
            .sort((a, b) => a.title.localeCompare(b.title)),
        ),
      (e: ApiError) => setError(e),
    );
  }, [managerKey]);
  const ids = scenarioId ? [scenarioId] : scenarios?.map((s) => s.id);
  const key = ids?.join('\n') ?? null;
  useEffect(() => {
    if (key === null || key === '') return;
    Promise.all(key.split('\n').map((sid) => getTrends(sid, managerKey))).then(
      (t) => setLoaded({ key, trends: t }),
      (e: ApiError) => setError(e),
    );
  }, [key, managerKey]);
  // what was loaded for another choice does not show while the new one loads
  const trends = key === '' ? [] : loaded && loaded.key === key ? loaded.trends : null;

  if (error && (error.status === 401 || error.status === 403))
    return <>{onBadKey(reportWords.keyRefused(error.message))}</>;
  const one = scenarioId && trends?.length === 1 ? trends[0]! : null;
  return (
    <>
      <h1>{reportWords.trendsTitle(one ? one.scenario.title : null)}</h1>
      <div className="field reports-trend-pick">
        <label htmlFor={`${id}-s`}>{reportWords.scenario}</label>
        <select
          id={`${id}-s`}
          value={scenarioId}
          onChange={(e) => navigate(`/reports/trends/${encodeURIComponent(e.target.value)}`)}
        >
          <option value="">{reportWords.allScenarios}</option>
          {(scenarios ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
      {error ? (
        <p role="alert" className="bad-text">
          {error.message}
        </p>
      ) : null}
      {!trends && !error ? <p className="muted">{reportWords.loadingTrends}</p> : null}
      {trends && trends.length === 0 ? <p className="card">{reportWords.noTrends}</p> : null}
      {trends?.length ? <p className="muted">{reportWords.trendsHelp}</p> : null}
      {trends?.map((t) =>
        one ? (
          <ScenarioTrends key={t.scenario.id} trends={t} />
        ) : (
          <section key={t.scenario.id} className="trend-scenario" aria-labelledby={`${id}-${t.scenario.id}`}>
            <h2 id={`${id}-${t.scenario.id}`}>{t.scenario.title}</h2>
            <ScenarioTrends trends={t} />
          </section>
        ),
      )}
    </>
  );
}

/** One scenario's charts (one per capability) and its ratings table. */
function ScenarioTrends({ trends }: { trends: Trends }) {
  return (
    <>
      <div className="trend-grid">
        {trends.capabilities.map((c) => (
          <TrendChart key={c.id} trends={trends} capability={c} />
        ))}
      </div>
      <RatingsTable trends={trends} />
    </>
  );
}

function TrendChart({ trends, capability }: { trends: Trends; capability: { id: string; label: string } }) {
  const id = useId();
  const W = 520;
  const H = 220;
  const L = 48;
  const R = 16;
  const T = 14;
  const B = 34;
  const times = trends.teams.flatMap((t) => t.points.map((p) => p.endedAt ?? 0));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const px = (t: number) => (t1 === t0 ? (L + W - R) / 2 : L + ((t - t0) / (t1 - t0)) * (W - L - R));
  const py = (ratio: number) => T + (1 - ratio) * (H - T - B);
  const series = trends.teams.map((team) => ({
    name: team.name,
    points: team.points.flatMap((p) => {
      const c = p.capabilities.find((x) => x.id === capability.id);
      return c && c.ratio !== null ? [{ x: px(p.endedAt ?? 0), ratio: c.ratio, rating: c.rating, date: p.date }] : [];
    }),
  }));
  const desc = series
    .map(
      (s) =>
        `${s.name}: ${s.points.map((p) => `${p.date} ${Math.round(p.ratio * 100)}% (${p.rating ?? '–'})`).join(', ') || reportWords.noData}`,
    )
    .join('; ');
  const first = trends.teams.flatMap((t) => t.points).find((p) => (p.endedAt ?? 0) === t0);
  const last = trends.teams.flatMap((t) => t.points).find((p) => (p.endedAt ?? 0) === t1);
  return (
    <figure className="chart report-chart">
      <figcaption id={`${id}-t`}>{capability.label}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <desc id={`${id}-d`}>{desc}</desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={L} x2={W - R} y1={py(f)} y2={py(f)} className="chart-grid" />
            <text x={L - 6} y={py(f) + 4} textAnchor="end" className="chart-label">
              {Math.round(f * 100)}%
            </text>
          </g>
        ))}
        {first ? (
          <text x={L} y={H - 10} className="chart-label">
            {first.date}
          </text>
        ) : null}
        {last && t1 !== t0 ? (
          <text x={W - R} y={H - 10} textAnchor="end" className="chart-label">
            {last.date}
          </text>
        ) : null}
        {series.map((s, si) => (
          <g key={s.name}>
            <path
              d={s.points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${py(p.ratio).toFixed(1)}`).join(' ')}
              fill="none"
              strokeWidth={3}
              {...seriesStroke(si)}
            />
            {s.points.map((p, i) => (
              <circle key={i} cx={p.x} cy={py(p.ratio)} r={5} fill={seriesStroke(si).stroke} />
            ))}
          </g>
        ))}
      </svg>
      <ChartLegend names={series.map((s) => s.name)} />
    </figure>
  );
}

function RatingsTable({ trends }: { trends: Trends }) {
  return (
    <div className="table-scroll" role="region" aria-label={reportWords.ratingsOverTime} tabIndex={0}>
      <table className="data">
        <caption>{reportWords.ratingsByExercise}</caption>
        <thead>
          <tr>
            <th scope="col">{reportWords.team}</th>
            <th scope="col">{reportWords.date}</th>
            {trends.capabilities.map((c) => (
              <th key={c.id} scope="col">
                {c.label}
              </th>
            ))}
            <th scope="col">{reportWords.report}</th>
          </tr>
        </thead>
        <tbody>
          {trends.teams.flatMap((t) =>
            t.points.map((p) => (
              <tr key={`${t.name}-${p.exerciseId}`}>
                <th scope="row">{t.name}</th>
                <td>{p.date}</td>
                {trends.capabilities.map((c) => {
                  const x = p.capabilities.find((y) => y.id === c.id);
                  return (
                    <td key={c.id}>
                      {x ? `${x.rating ?? '–'} (${x.ratio === null ? '–' : `${Math.round(x.ratio * 100)}%`})` : '—'}
                    </td>
                  );
                })}
                <td>
                  <a href={`#/reports/${encodeURIComponent(p.exerciseId)}`}>{reportWords.open}</a>
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
