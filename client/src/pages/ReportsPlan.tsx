/**
 * The improvement plan (HSEEP Appendix A) with editable fields: corrective action, capability
 * element, responsible role, primary responsible organisation and its point of contact, start
 * and completion dates (defaults: the exercise date and the drill's horizon), with the ATLAS
 * mitigations and CSF references carried from the finding. Each row saves through PUT /plan; the
 * validated/open status comes from the server (a later exercise of the same team met it).
 */
import { useId, useState } from 'react';
import type { PlanItem } from '../reportsApi.ts';
import { savePlan } from '../reportsApi.ts';
import { SaveBar, type SaveState } from '../components/SaveBar.tsx';
import { messages } from '../text/messages.ts';
import { reportWords } from '../text/reportWords.ts';

const ELEMENTS = ['planning', 'organization', 'equipment', 'training', 'exercise'] as const;

export function ReportsPlan({
  exerciseId,
  reportKey,
  plan,
  onChange,
  readOnly = false,
}: {
  exerciseId: string;
  reportKey: string;
  plan: PlanItem[];
  onChange: (plan: PlanItem[]) => void;
  readOnly?: boolean;
}) {
  if (plan.length === 0) return <p>{reportWords.noPlanItems}</p>;
  const validated = plan.filter((p) => p.status === 'validated').length;
  return (
    <>
      <p className="muted">
        {reportWords.planSummary(plan.length, validated)}{' '}
        {readOnly ? reportWords.planReadOnly : reportWords.planEditable}
      </p>
      <ol className="plan-rows">
        {plan.map((item) => (
          <PlanRow
            key={`${item.teamId}/${item.key}`}
            item={item}
            readOnly={readOnly}
            save={(edit) => savePlan(exerciseId, reportKey, [edit]).then(onChange)}
          />
        ))}
      </ol>
    </>
  );
}

type Edit = Pick<
  PlanItem,
  | 'teamId'
  | 'key'
  | 'correctiveAction'
  | 'element'
  | 'responsible'
  | 'organisation'
  | 'organisationPoc'
  | 'start'
  | 'completion'
  | 'status'
>;
type SetStatus = Exclude<PlanItem['status'], 'validated'>;
/** The statuses a person sets (protocol/reports.ts PLAN_STATUSES; not imported: the client bundle carries no zod). */
const PLAN_STATUSES: readonly SetStatus[] = ['open', 'in-progress', 'done'];

const STATUS_WORDS: Record<PlanItem['status'], string> = reportWords.plan.status;
const STATUS_TONE: Record<PlanItem['status'], string> = {
  open: 'badge-warn',
  'in-progress': 'badge-live',
  done: 'badge-good',
  validated: 'badge-good',
};

/** "In progress since 2026-03-02", "Done 2026-03-09", "Validated 2026-04-21", "Open". */
function statusText(item: PlanItem): string {
  const date = item.status === 'validated' ? item.validatedBy?.date : item.statusDate;
  if (!date) return STATUS_WORDS[item.status];
  return item.status === 'in-progress' ? reportWords.plan.since(date) : `${STATUS_WORDS[item.status]} ${date}`;
}

function PlanRow({
  item,
  readOnly,
  save,
}: {
  item: PlanItem;
  readOnly: boolean;
  save: (edit: Parameters<typeof savePlan>[2][number]) => Promise<void>;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Edit>(item);
  // the saved row, as the server now holds it, replaces the draft
  const [saved, setSaved] = useState(item);
  if (item !== saved) {
    setSaved(item);
    setDraft(item);
  }
  const [state, setState] = useState<SaveState>({ busy: false, message: '', error: false });
  const dirty = (
    [
      'correctiveAction',
      'element',
      'responsible',
      'organisation',
      'organisationPoc',
      'start',
      'completion',
      'status',
    ] as const
  ).some((k) => draft[k] !== item[k]);
  const set =
    (field: keyof Edit) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setDraft((d) => ({ ...d, [field]: e.target.value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setState({ busy: true, message: messages.common.saving, error: false });
    try {
      await save({
        teamId: item.teamId,
        key: item.key,
        correctiveAction: draft.correctiveAction,
        element: draft.element as (typeof ELEMENTS)[number],
        responsible: draft.responsible,
        organisation: draft.organisation,
        organisationPoc: draft.organisationPoc,
        start: draft.start,
        completion: draft.completion,
        ...(draft.status !== 'validated' ? { status: draft.status as SetStatus } : {}),
      });
      setState({ busy: false, message: messages.common.saved, error: false });
    } catch (err) {
      setState({ busy: false, message: (err as Error).message, error: true });
    }
  }

  return (
    <li className="card plan-row">
      <form onSubmit={submit} aria-labelledby={`${id}-h`}>
        <div className="plan-row-head">
          <h4 id={`${id}-h`}>
            {item.teamName} · {item.capabilityLabel}
          </h4>
          <span className={`badge ${STATUS_TONE[item.status]}`}>
            {item.status === 'validated' || item.status === 'done' ? '✓ ' : ''}
            {statusText(item)}
          </span>
        </div>
        <p className="plan-issue">
          <span className="muted">{reportWords.issue}</span>
          {item.issue}
        </p>
        {item.mitigations.length + item.csf.length ? (
          <p className="small">
            {item.mitigations.map((m) => (
              <span key={m.id} className="badge badge-tag" title={m.name}>
                {reportWords.atlas(m.id)}
              </span>
            ))}
            {item.csf.map((c) => (
              <span key={c.id} className="badge badge-neutral" title={c.name}>
                {reportWords.csf(c.id)}
              </span>
            ))}
          </p>
        ) : null}
        <fieldset className="plan-fields" disabled={readOnly}>
          <legend className="sr-only">{reportWords.planDetails}</legend>
          <div className="field plan-action">
            <label htmlFor={`${id}-a`}>{reportWords.correctiveAction}</label>
            <textarea
              id={`${id}-a`}
              rows={3}
              maxLength={1000}
              value={draft.correctiveAction}
              onChange={set('correctiveAction')}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-e`}>{reportWords.capabilityElement}</label>
            <select id={`${id}-e`} value={draft.element} onChange={set('element')}>
              {ELEMENTS.map((el) => (
                <option key={el} value={el}>
                  {reportWords.element[el]}
                </option>
              ))}
            </select>
          </div>
          {item.status !== 'validated' ? (
            <div className="field">
              <label htmlFor={`${id}-st`}>{reportWords.status}</label>
              <select id={`${id}-st`} value={draft.status} onChange={set('status')}>
                {PLAN_STATUSES.map((st) => (
                  <option key={st} value={st}>
                    {STATUS_WORDS[st]}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-r`}>{reportWords.responsibleRole}</label>
            <input id={`${id}-r`} maxLength={120} value={draft.responsible} onChange={set('responsible')} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-org`}>{reportWords.responsibleOrganisation}</label>
            <input
              id={`${id}-org`}
              maxLength={160}
              value={draft.organisation}
              placeholder={reportWords.notAssigned}
              onChange={set('organisation')}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-poc`}>{reportWords.organisationPoc}</label>
            <input
              id={`${id}-poc`}
              maxLength={200}
              value={draft.organisationPoc}
              placeholder={reportWords.notAssigned}
              onChange={set('organisationPoc')}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-s`}>{reportWords.start}</label>
            <input id={`${id}-s`} type="date" value={draft.start} onChange={set('start')} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-c`}>{reportWords.completion}</label>
            <input
              id={`${id}-c`}
              type="date"
              value={draft.completion}
              min={draft.start || undefined}
              onChange={set('completion')}
            />
          </div>
        </fieldset>
        {readOnly ? null : <SaveBar label={reportWords.saveRow} dirty={dirty} state={state} />}
      </form>
    </li>
  );
}
