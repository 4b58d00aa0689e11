/**
 * The report page's HSEEP overview and exercise design summary: mission areas, core capabilities,
 * sponsor, participating organisations and point of contact (editable by the facilitator or a
 * manager: they are not in the event log), and each objective with the critical tasks that test it.
 */
import { useId, useState } from 'react';
import { SaveBar, type SaveState } from '../components/SaveBar.tsx';
import { saveDetails, type GapReport } from '../reportsApi.ts';

const NOT_RECORDED = 'Not recorded';

export function ReportsOverview({ report, exerciseId, reportKey, readOnly, onChange }: { report: GapReport; exerciseId: string; reportKey: string; readOnly: boolean; onChange: (report: GapReport) => void }) {
  const o = report.overview;
  return (
    <section className="card" aria-labelledby="h-overview">
      <h2 id="h-overview">Exercise overview</h2>
      <dl className="report-overview">
        <div>
          <dt>{o.missionAreas.length === 1 ? 'Mission area' : 'Mission areas'}</dt>
          <dd>
            {o.missionAreas.join(', ')}
            {o.missionAreasFrom === 'default' ? <span className="small muted"> (the drill names none; an incident-response drill is in Response)</span> : null}
          </dd>
        </div>
        <div>
          <dt>Core capabilities</dt>
          <dd>{o.coreCapabilities.map((c) => c.name).join(', ')}</dd>
        </div>
        <Detail term="Sponsor" value={o.sponsor} />
        <Detail term="Participating organisations" value={o.organisations.length ? o.organisations.join('; ') : null} />
        <Detail term="Point of contact" value={o.pointOfContact} />
      </dl>
      {/* keyed by the saved details, so the form starts again from what the server now holds */}
      {readOnly ? null : <DetailsForm key={JSON.stringify([o.sponsor, o.organisations, o.pointOfContact])} report={report} exerciseId={exerciseId} reportKey={reportKey} onChange={onChange} />}
    </section>
  );
}

function Detail({ term, value }: { term: string; value: string | null }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className={value ? '' : 'muted'}>{value ?? NOT_RECORDED}</dd>
    </div>
  );
}

function DetailsForm({ report, exerciseId, reportKey, onChange }: { report: GapReport; exerciseId: string; reportKey: string; onChange: (report: GapReport) => void }) {
  const id = useId();
  const o = report.overview;
  const saved = { sponsor: o.sponsor ?? '', organisations: o.organisations.join('\n'), pointOfContact: o.pointOfContact ?? '' };
  const [draft, setDraft] = useState(saved);
  const [state, setState] = useState<SaveState>({ busy: false, message: '', error: false });
  const dirty = (['sponsor', 'organisations', 'pointOfContact'] as const).some((k) => draft[k] !== saved[k]);
  const set = (field: keyof typeof draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setDraft((d) => ({ ...d, [field]: e.target.value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setState({ busy: true, message: 'Saving…', error: false });
    try {
      const organisations = draft.organisations.split('\n').map((x) => x.trim()).filter(Boolean);
      onChange(await saveDetails(exerciseId, reportKey, { sponsor: draft.sponsor.trim(), organisations, pointOfContact: draft.pointOfContact.trim() }));
      setState({ busy: false, message: 'Saved.', error: false });
    } catch (err) {
      setState({ busy: false, message: (err as Error).message, error: true });
    }
  }

  return (
    <details className="report-details-edit">
      <summary>Exercise details</summary>
      <form onSubmit={submit} aria-label="Exercise details">
        <p className="small muted">For the after-action report: who sponsored the exercise, which organisations took part and whom to contact. Kept with the report, not in the event log.</p>
        <div className="field">
          <label htmlFor={`${id}-s`}>Sponsor</label>
          <input id={`${id}-s`} maxLength={160} value={draft.sponsor} onChange={set('sponsor')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-o`}>Participating organisations (one a line)</label>
          <textarea id={`${id}-o`} rows={3} value={draft.organisations} onChange={set('organisations')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-p`}>Point of contact (name, role, contact details)</label>
          <input id={`${id}-p`} maxLength={300} value={draft.pointOfContact} onChange={set('pointOfContact')} />
        </div>
        <SaveBar label="Save details" dirty={dirty} state={state} />
      </form>
    </details>
  );
}

/** Each objective with the capabilities and critical tasks that test it. */
export function DesignSummary({ report }: { report: GapReport }) {
  const d = report.design;
  const tasks = new Map(report.teams[0]?.expectations.map((e) => [e.id, e.text]) ?? []);
  const horizon = d.improvementHorizonDays === null ? 'The drill suggests no time to complete corrective actions.' : `Corrective actions are due ${d.improvementHorizonDays} days after the exercise unless edited.`;
  return (
    <section className="card" aria-labelledby="h-design">
      <h2 id="h-design">Exercise design summary</h2>
      <p className="small muted">{horizon}</p>
      {d.linked ? (
        <ol className="report-design">
          {d.objectives.map((o) => (
            <li key={o.n}>
              <strong>{o.text}</strong>
              <p className="small">
                {o.capabilities.map((c) => (
                  <span key={c.id} className="badge badge-neutral">
                    {c.name}
                  </span>
                ))}
              </p>
              {o.expectations.length ? (
                <ul className="small">
                  {o.expectations.map((e) => (
                    <li key={e.id}>{e.text}</li>
                  ))}
                </ul>
              ) : (
                <p className="small muted">No critical task tests it.</p>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <>
          <ol className="report-design">
            {d.objectives.map((o) => (
              <li key={o.n}>{o.text}</li>
            ))}
          </ol>
          <p className="small muted">The drill does not say which critical tasks test which objective. The critical tasks of each capability:</p>
          <ul className="report-design">
            {d.capabilities.map((c) => (
              <li key={c.id}>
                <strong>{c.name}:</strong> {c.expectations.map((x) => tasks.get(x) ?? x).join('; ') || 'scored by decisions only'}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
