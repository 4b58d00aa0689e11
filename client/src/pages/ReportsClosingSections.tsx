/** The report page's closing sections: framework coverage, hot wash, participants and integrity. */
import type { GapReport } from '../reportsApi.ts';
import { RatingBadge } from '../components/RatingBadge.tsx';
import { reportRoleLabels, roleLabel } from '../text/labels.ts';
import { reportWords } from '../text/reportWords.ts';

export function Coverage({ report }: { report: GapReport }) {
  const c = report.coverage;
  return (
    <section className="card" aria-labelledby="h-coverage">
      <h2 id="h-coverage">{reportWords.frameworkCoverage}</h2>
      <div className="grid-2">
        <div>
          <h3>{reportWords.atlasTechniquesExercised}</h3>
          <ul>
            {c.techniques.map((t) => (
              <li key={t.id}>
                <code>{t.id}</code> {t.name}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{reportWords.mitigations}</h3>
          <ul>
            {c.mitigationsApplied.map((m) => (
              <li key={`a-${m.id}`}>
                <span className="badge badge-good">{reportWords.applied}</span> <code>{m.id}</code> {m.name}{' '}
                <span className="small muted">({m.teams.join(', ')})</span>
              </li>
            ))}
            {c.mitigationsMissed.map((m) => (
              <li key={`m-${m.id}`}>
                <span className="badge badge-bad">{reportWords.missed}</span> <code>{m.id}</code> {m.name}{' '}
                <span className="small muted">({m.teams.join(', ')})</span>
              </li>
            ))}
            {c.mitigationsApplied.length + c.mitigationsMissed.length === 0 ? (
              <li className="muted">{reportWords.noneRecorded}</li>
            ) : null}
          </ul>
        </div>
      </div>
    </section>
  );
}

export function HotwashSection({ report }: { report: GapReport }) {
  const h = report.hotwash;
  return (
    <section className="card" aria-labelledby="h-hotwash">
      <h2 id="h-hotwash">{reportWords.hotwashTitle(h.anonymous)}</h2>
      {h.answers.length === 0 ? <p className="muted">{reportWords.noHotWashAnswers}</p> : null}
      <ul className="report-hotwash">
        {h.answers.map((a, i) => (
          <li key={i} className="card">
            <p className="small muted">
              {a.teamName}
              {a.name ? ` · ${a.name}` : ''}
              {a.role ? ` · ${roleLabel(a.role, reportRoleLabels(report))}` : ''}
            </p>
            <p>
              <strong>{reportWords.worked}</strong> {a.worked || '—'}
            </p>
            <p>
              <strong>{reportWords.didNot}</strong> {a.didNot || '—'}
            </p>
            {a.confidence.length ? <p className="small">{reportWords.confidence(a.confidence)}</p> : null}
          </li>
        ))}
      </ul>
      {h.disagreements.length ? (
        <>
          <h3>{reportWords.confidenceAgainstPerformance}</h3>
          <ul>
            {h.disagreements.map((d) => (
              <li key={`${d.teamId}-${d.capability}`}>
                <span className={`badge ${d.direction === 'overconfident' ? 'badge-bad' : 'badge-live'}`}>
                  {reportWords.direction[d.direction]}
                </span>{' '}
                <RatingBadge rating={d.rating} label={d.label} /> {d.note}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function Integrity({ report }: { report: GapReport }) {
  const i = report.integrity;
  return (
    <section className="card" aria-labelledby="h-integrity">
      <h2 id="h-integrity">{reportWords.integrity}</h2>
      <p>
        {reportWords.chain(i.events)} <code className="hash report-hash">{i.head}</code>.{' '}
        {i.verified ? (
          <span className="good-text">{reportWords.logVerifies}</span>
        ) : (
          <strong className="bad-text">{reportWords.logDoesNotVerify}</strong>
        )}
      </p>
    </section>
  );
}
