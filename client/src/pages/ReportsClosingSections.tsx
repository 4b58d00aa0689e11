/** The report page's closing sections: framework coverage, hot wash, participants and integrity. */
import type { GapReport } from '../reportsApi.ts';
import { RatingBadge } from '../components/RatingBadge.tsx';
import { reportRoleLabels, roleLabel } from '../text/labels.ts';

export function Coverage({ report }: { report: GapReport }) {
  const c = report.coverage;
  return (
    <section className="card" aria-labelledby="h-coverage">
      <h2 id="h-coverage">Framework coverage</h2>
      <div className="grid-2">
        <div>
          <h3>ATLAS techniques exercised</h3>
          <ul>
            {c.techniques.map((t) => (
              <li key={t.id}>
                <code>{t.id}</code> {t.name}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>Mitigations</h3>
          <ul>
            {c.mitigationsApplied.map((m) => (
              <li key={`a-${m.id}`}>
                <span className="badge badge-good">applied</span> <code>{m.id}</code> {m.name} <span className="small muted">({m.teams.join(', ')})</span>
              </li>
            ))}
            {c.mitigationsMissed.map((m) => (
              <li key={`m-${m.id}`}>
                <span className="badge badge-bad">missed</span> <code>{m.id}</code> {m.name} <span className="small muted">({m.teams.join(', ')})</span>
              </li>
            ))}
            {c.mitigationsApplied.length + c.mitigationsMissed.length === 0 ? <li className="muted">None recorded.</li> : null}
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
      <h2 id="h-hotwash">Hot wash{h.anonymous ? ' (anonymous)' : ''}</h2>
      {h.answers.length === 0 ? <p className="muted">No hot-wash answers were given.</p> : null}
      <ul className="report-hotwash">
        {h.answers.map((a, i) => (
          <li key={i} className="card">
            <p className="small muted">
              {a.teamName}
              {a.name ? ` · ${a.name}` : ''}
              {a.role ? ` · ${roleLabel(a.role, reportRoleLabels(report))}` : ''}
            </p>
            <p>
              <strong>Worked:</strong> {a.worked || '—'}
            </p>
            <p>
              <strong>Did not:</strong> {a.didNot || '—'}
            </p>
            {a.confidence.length ? (
              <p className="small">
                Confidence: {a.confidence.map((c) => `${c.capability} ${c.value}/5`).join(', ')}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {h.disagreements.length ? (
        <>
          <h3>Confidence against performance</h3>
          <ul>
            {h.disagreements.map((d) => (
              <li key={`${d.teamId}-${d.capability}`}>
                <span className={`badge ${d.direction === 'overconfident' ? 'badge-bad' : 'badge-live'}`}>{d.direction}</span> <RatingBadge rating={d.rating} label={d.label} /> {d.note}
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
      <h2 id="h-integrity">Integrity</h2>
      <p>
        {i.events} events in the log; head of the hash chain <code className="hash report-hash">{i.head}</code>.{' '}
        {i.verified ? <span className="good-text">The stored log verifies.</span> : <strong className="bad-text">The stored log no longer verifies: it was altered or damaged after play.</strong>}
      </p>
    </section>
  );
}
