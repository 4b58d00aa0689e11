/**
 * The report page's HSEEP overview and exercise design summary: mission areas, core capabilities,
 * sponsor, participating organisations and point of contact (editable by the facilitator or a
 * manager: they are not in the event log), and each objective with the critical tasks that test it.
 */
import { useId, useState } from 'react';
import { SaveBar, type SaveState } from '../components/SaveBar.tsx';
import { saveDetails, type GapReport } from '../reportsApi.ts';
import { messages } from '../text/messages.ts';
import { reportWords } from '../text/reportWords.ts';

const NOT_RECORDED = reportWords.notRecorded;

export function ReportsOverview({
  report,
  exerciseId,
  reportKey,
  readOnly,
  onChange,
}: {
  report: GapReport;
  exerciseId: string;
  reportKey: string;
  readOnly: boolean;
  onChange: (report: GapReport) => void;
}) {
  const o = report.overview;
  return (
    <section className="card" aria-labelledby="h-overview">
      <h2 id="h-overview">{reportWords.exerciseOverview}</h2>
      <dl className="report-overview">
        <div>
          <dt>{o.missionAreas.length === 1 ? reportWords.missionArea : reportWords.missionAreas}</dt>
          <dd>
            {o.missionAreas.join(', ')}
            {o.missionAreasFrom === 'default' ? (
              <span className="small muted">{reportWords.defaultMissionArea}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{reportWords.coreCapabilities}</dt>
          <dd>{o.coreCapabilities.map((c) => c.name).join(', ')}</dd>
        </div>
        <Detail term={reportWords.sponsor} value={o.sponsor} />
        <Detail term={reportWords.organisations} value={o.organisations.length ? o.organisations.join('; ') : null} />
        <Detail term={reportWords.pointOfContact} value={o.pointOfContact} />
      </dl>
      {/* keyed by the saved details, so the form starts again from what the server now holds */}
      {readOnly ? null : (
        <DetailsForm
          key={JSON.stringify([o.sponsor, o.organisations, o.pointOfContact])}
          report={report}
          exerciseId={exerciseId}
          reportKey={reportKey}
          onChange={onChange}
        />
      )}
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

function DetailsForm({
  report,
  exerciseId,
  reportKey,
  onChange,
}: {
  report: GapReport;
  exerciseId: string;
  reportKey: string;
  onChange: (report: GapReport) => void;
}) {
  const id = useId();
  const o = report.overview;
  const saved = {
    sponsor: o.sponsor ?? '',
    organisations: o.organisations.join('\n'),
    pointOfContact: o.pointOfContact ?? '',
  };
  const [draft, setDraft] = useState(saved);
  const [state, setState] = useState<SaveState>({ busy: false, message: '', error: false });
  const dirty = (['sponsor', 'organisations', 'pointOfContact'] as const).some((k) => draft[k] !== saved[k]);
  const set = (field: keyof typeof draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setDraft((d) => ({ ...d, [field]: e.target.value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setState({ busy: true, message: messages.common.saving, error: false });
    try {
      const organisations = draft.organisations
        .split('\n')
        .map((x) => x.trim())
        .filter(Boolean);
      onChange(
        await saveDetails(exerciseId, reportKey, {
          sponsor: draft.sponsor.trim(),
          organisations,
          pointOfContact: draft.pointOfContact.trim(),
        }),
      );
      setState({ busy: false, message: messages.common.saved, error: false });
    } catch (err) {
      setState({ busy: false, message: (err as Error).message, error: true });
    }
  }

  return (
    <details className="report-details-edit">
      <summary>{reportWords.exerciseDetails}</summary>
      <form onSubmit={submit} aria-label={reportWords.exerciseDetails}>
        <p className="small muted">{reportWords.detailsHelp}</p>
        <div className="field">
          <label htmlFor={`${id}-s`}>{reportWords.sponsor}</label>
          <input id={`${id}-s`} maxLength={160} value={draft.sponsor} onChange={set('sponsor')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-o`}>{reportWords.organisationsOnePerLine}</label>
          <textarea id={`${id}-o`} rows={3} value={draft.organisations} onChange={set('organisations')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-p`}>{reportWords.pointOfContactName}</label>
          <input id={`${id}-p`} maxLength={300} value={draft.pointOfContact} onChange={set('pointOfContact')} />
        </div>
        <SaveBar label={reportWords.saveDetails} dirty={dirty} state={state} />
      </form>
    </details>
  );
}

/** Each objective with the capabilities and critical tasks that test it. */
export function DesignSummary({ report }: { report: GapReport }) {
  const d = report.design;
  const tasks = new Map(report.teams[0]?.expectations.map((e) => [e.id, e.text]) ?? []);
  const horizon = reportWords.horizon(d.improvementHorizonDays);
  return (
    <section className="card" aria-labelledby="h-design">
      <h2 id="h-design">{reportWords.exerciseDesignSummary}</h2>
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
                <p className="small muted">{reportWords.noTaskTestsIt}</p>
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
          <p className="small muted">{reportWords.notLinked}</p>
          <ul className="report-design">
            {d.capabilities.map((c) => (
              <li key={c.id}>
                <strong>{c.name}:</strong>{' '}
                {c.expectations.map((x) => tasks.get(x) ?? x).join('; ') || reportWords.scoredByDecisionsOnly}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
