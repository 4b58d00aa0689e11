/** The managers' list: finished exercises and solo runs, filtered by scenario, team, trainee and dates. */
import { useEffect, useId, useMemo, useState } from 'react';
import { ApiError } from '../api.ts';
import { listReports, saveManagerKey, type ExerciseSummary } from '../reportsApi.ts';
import { RatingBadge } from '../components/RatingBadge.tsx';
import { ShareLinks } from './ReportsShare.tsx';
import { replaceQuery, splitRoute } from '../router.ts';
import { messages } from '../text/messages.ts';
import { reportWords } from '../text/reportWords.ts';

const EMPTY = { scenario: '', team: '', trainee: '', from: '', to: '' };
const MODE_LABELS: Record<ExerciseSummary['mode'], string> = {
  solo: reportWords.modeSolo,
  ...messages.common.mode,
};

export function ReportsList({
  managerKey,
  onBadKey,
  onForget,
}: {
  managerKey: string;
  onBadKey: (message: string) => React.ReactNode;
  onForget: () => void;
}) {
  const id = useId();
  // the filters live in the address (#/reports?team=…), so a filtered view can be shared
  const [filter, setFilter] = useState(() => {
    const query = splitRoute(window.location.hash.replace(/^#/, '')).query;
    return Object.fromEntries(Object.keys(EMPTY).map((k) => [k, query.get(k) ?? ''])) as typeof EMPTY;
  });
  const inverted = filter.from !== '' && filter.to !== '' && filter.from > filter.to;
  const [scenarios, setScenarios] = useState<Array<{ id: string; title: string }>>([]);
  const [reports, setReports] = useState<ExerciseSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    replaceQuery(filter);
    if (inverted) return;
    const timer = setTimeout(() => {
      listReports(managerKey, filter).then(
        (list) => {
          setReports(list.reports);
          setError(null);
          if (Object.values(filter).every((v) => v === '')) {
            const seen = new Map(list.reports.map((r) => [r.scenario.id, r.scenario.title]));
            setScenarios(
              [...seen].map(([sid, title]) => ({ id: sid, title })).sort((a, b) => a.title.localeCompare(b.title)),
            );
          }
        },
        (e: ApiError) => setError(e),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [managerKey, filter, inverted]);

  const set = (field: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setFilter((f) => ({ ...f, [field]: e.target.value }));
  // a rewound solo run is practice, not an assessment (H18): counted apart
  const count = useMemo(() => {
    if (!reports) return '';
    const practice = reports.filter((r) => r.rewoundFrom !== null).length;
    return reportWords.listCount(reports.length - practice, practice);
  }, [reports]);

  if (error && (error.status === 401 || error.status === 403))
    return <>{onBadKey(reportWords.keyRefused(error.message))}</>;
  return (
    <>
      <div className="row reports-title">
        <h1 className="grow">{reportWords.reports}</h1>
        <a className="btn btn-small" href="#/reports/trends">
          {reportWords.trends}
        </a>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            saveManagerKey(null);
            onForget();
          }}
        >
          {reportWords.forgetTheKey}
        </button>
      </div>
      <p className="lead-text">{reportWords.afterActionReportsAnd}</p>
      <form
        className="card reports-filters"
        aria-label={reportWords.filterReports}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor={`${id}-s`}>{reportWords.scenario}</label>
          <select id={`${id}-s`} value={filter.scenario} onChange={set('scenario')}>
            <option value="">{reportWords.allScenarios}</option>
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-t`}>{reportWords.team}</label>
          <input
            id={`${id}-t`}
            type="search"
            value={filter.team}
            onChange={set('team')}
            placeholder={reportWords.anyTeam}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-p`}>{reportWords.trainee}</label>
          <input
            id={`${id}-p`}
            type="search"
            value={filter.trainee}
            onChange={set('trainee')}
            placeholder={reportWords.anyTrainee}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-f`}>{reportWords.from}</label>
          <input id={`${id}-f`} type="date" value={filter.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{reportWords.to}</label>
          <input id={`${id}-to`} type="date" value={filter.to} onChange={set('to')} />
        </div>
        <div className="reports-filter-actions">
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setFilter(EMPTY)}
            disabled={Object.values(filter).every((v) => v === '')}
          >
            {reportWords.clearFilters}
          </button>
          {filter.scenario ? (
            <a className="btn btn-small" href={`#/reports/trends/${encodeURIComponent(filter.scenario)}`}>
              {reportWords.trendsOfThisScenario}
            </a>
          ) : null}
        </div>
      </form>
      {error ? (
        <p role="alert" className="bad-text">
          {error.message}
        </p>
      ) : null}
      <p className={inverted ? 'bad-text' : 'muted'} role="status" aria-live="polite">
        {inverted
          ? reportWords.inverted(filter.from, filter.to)
          : reports === null
            ? reportWords.loadingReports
            : count}
      </p>
      {reports && reports.length === 0 && !inverted ? (
        <p className="card">{reportWords.noFinishedExerciseMatches}</p>
      ) : null}
      <ul className="report-cards" aria-label={reportWords.reports}>
        {(inverted ? [] : (reports ?? [])).map((r) => (
          <ReportCard key={r.exerciseId} summary={r} />
        ))}
      </ul>
      <section className="card" aria-labelledby={`${id}-shares`}>
        <h2 id={`${id}-shares`}>{reportWords.shareLinks}</h2>
        <p className="small muted">{reportWords.readOnlyLinksTo}</p>
        <ShareLinks reportKey={managerKey} />
      </section>
    </>
  );
}

function ReportCard({ summary: r }: { summary: ExerciseSummary }) {
  return (
    <li className="card report-card">
      <div className="report-card-head">
        <h2>
          <a href={`#/reports/${encodeURIComponent(r.exerciseId)}`}>{r.scenario.title}</a>
        </h2>
        <span className={`badge ${r.solo ? 'badge-tag' : 'badge-neutral'}`}>{MODE_LABELS[r.mode]}</span>
        {r.rewoundFrom ? <span className="badge badge-neutral">{reportWords.practiceRewound}</span> : null}
        {!r.verified ? <span className="badge badge-bad">{reportWords.logDoesNotVerify2}</span> : null}
      </div>
      <p className="small muted">
        <time dateTime={r.date}>{r.date}</time> · {messages.common.code(r.code)}
        {r.facilitator ? ` · ${reportWords.facilitatedBy(r.facilitator)}` : ''} ·{' '}
        {reportWords.trainees(r.trainees.length)}
      </p>
      {r.rewoundFrom ? (
        <p className="small">
          {reportWords.rewound.before(r.rewoundFrom.decision, r.rewoundFrom.code)}
          <time dateTime={new Date(r.rewoundFrom.playedAt).toISOString().slice(0, 10)}>
            {new Date(r.rewoundFrom.playedAt).toISOString().slice(0, 10)}
          </time>
          {reportWords.rewound.after}
        </p>
      ) : null}
      <ul className="plain-list report-card-teams">
        {r.teams.map((t) => (
          <li key={t.id}>
            <strong>{t.name}</strong>{' '}
            <span className="small muted">{reportWords.pointsOf(t.total.score, t.total.max)}</span>
            <span className="report-card-ratings">
              {t.capabilities.map((c) => (
                <RatingBadge key={c.id} rating={c.rating} label={c.label} />
              ))}
            </span>
          </li>
        ))}
      </ul>
    </li>
  );
}
