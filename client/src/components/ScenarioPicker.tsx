import { useEffect, useState } from 'react';
import type { ScenarioSummary } from '../../../protocol/messages.ts';
import { getScenario, listScenarios, type ScenarioDetail } from '../api.ts';
import { loadManagerKey } from '../reportsApi.ts';
import { phaseLabel, provenanceText, roleLabel } from '../text/labels.ts';
import { ExerciseDocuments } from './ExerciseDocuments.tsx';
import { messages } from '../text/messages.ts';
import { duration } from '../text/units.ts';

/**
 * Lists scenarios with length, difficulty and sources; the chosen one shows its summary, roles,
 * tags and flow, and for a facilitator (`documents`) the exercise documents.
 */
export function ScenarioPicker({
  value,
  onChange,
  documents = false,
}: {
  value: string | null;
  onChange: (id: string) => void;
  documents?: boolean;
}) {
  const [list, setList] = useState<ScenarioSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listScenarios()
      .then((l) => {
        setList(l);
        if (!value && l[0]) onChange(l[0].id);
      })
      .catch((e: Error) => setError(e.message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (error)
    return (
      <p role="alert" className="bad-text">
        {messages.picker.loadFailed(error)}
      </p>
    );
  if (!list) return <p className="muted">{messages.picker.loadingScenarios}</p>;
  if (list.length === 0) return <p>{messages.picker.noScenariosAreInstalled}</p>;
  return (
    <div className="picker">
      <fieldset className="picker-list">
        <legend>{messages.picker.scenario}</legend>
        {list.map((s) => (
          <label key={s.id} className={`picker-item ${value === s.id ? 'option-selected' : ''}`}>
            <input type="radio" name="scenario" value={s.id} checked={value === s.id} onChange={() => onChange(s.id)} />
            <span>
              <span className="option-label">{s.title}</span>
              <span className="small muted">
                {' '}
                · {s.difficulty} · {duration(s.minutes)}
              </span>
              {s.provenance.length ? (
                <span className="small muted picker-source">
                  {messages.picker.basedOnList(provenanceText(s.provenance))}
                </span>
              ) : null}
            </span>
          </label>
        ))}
      </fieldset>
      {value ? <ScenarioDetails summary={list.find((s) => s.id === value) ?? null} documents={documents} /> : null}
    </div>
  );
}

function ScenarioDetails({ summary, documents }: { summary: ScenarioSummary | null; documents: boolean }) {
  // the detail is kept with the scenario it describes, so another choice never shows a stale one
  const [loaded, setLoaded] = useState<ScenarioDetail | null>(null);
  const id = summary?.id;
  const detail = loaded?.id === id ? loaded : null;
  useEffect(() => {
    if (!id) return;
    let live = true;
    getScenario(id)
      .then((d) => live && setLoaded(d))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [id]);
  if (!summary) return null;
  const s: ScenarioSummary & Partial<ScenarioDetail> = { ...summary, ...detail };
  const tags = [...(s.frameworks?.atlas ?? []), ...(s.frameworks?.owasp_ml ?? []), ...(s.frameworks?.owasp_llm ?? [])];
  return (
    <section className="scenario-detail card" aria-labelledby="scn-title" aria-live="polite">
      <h3 id="scn-title">{s.title}</h3>
      <p>{s.summary}</p>
      <dl className="facts">
        <div>
          <dt>{messages.picker.duration}</dt>
          <dd>{messages.picker.about(duration(s.minutes))}</dd>
        </div>
        <div>
          <dt>{messages.picker.difficulty}</dt>
          <dd>{s.difficulty}</dd>
        </div>
        <div>
          <dt>{messages.picker.decisions}</dt>
          <dd>{s.decisions}</dd>
        </div>
        <div>
          <dt>{messages.picker.roles}</dt>
          <dd>
            {s.roles.map((r) => (
              <span key={r} className={`badge ${r === s.lead ? 'badge-live' : 'badge-neutral'}`}>
                {roleLabel(r, s.roleLabels)}
                {r === s.lead ? messages.picker.lead : ''}
              </span>
            ))}
          </dd>
        </div>
        {s.provenance.length ? (
          <div className="fact-wide">
            <dt>{messages.picker.basedOn}</dt>
            <dd>
              {s.provenance.map((p, i) => (
                <span key={p.url}>
                  {i ? ', ' : ''}
                  <a href={p.url} target="_blank" rel="noopener noreferrer">
                    {p.label}
                  </a>
                  {p.atlasId ? ` (${p.atlasId})` : ''}
                </span>
              ))}
            </dd>
          </div>
        ) : null}
        {tags.length ? (
          <div>
            <dt>{messages.picker.frameworks}</dt>
            <dd>
              {tags.map((t) => (
                <span key={t} className="badge badge-tag">
                  {t}
                </span>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>
      {s.objectives?.length ? (
        <>
          <h4>{messages.picker.objectives}</h4>
          <ul>
            {s.objectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h4>{messages.picker.flow}</h4>
      <ol className="flow">
        {s.flow
          ? s.flow.map((p) => (
              <li key={p.id}>
                <strong>{p.title}</strong> <span className="small muted">({phaseLabel(p.nist)})</span>
                <ul>
                  {p.injects.map((i) => (
                    <li key={i.id}>
                      {i.title}
                      {i.decision ? <span className="badge badge-neutral">{messages.picker.decision}</span> : null}
                    </li>
                  ))}
                </ul>
              </li>
            ))
          : s.phases.map((p) => (
              <li key={p.id}>
                <strong>{p.title}</strong> <span className="small muted">({phaseLabel(p.nist)})</span>
                <span className="small muted"> · {messages.picker.injects(p.injects)}</span>
              </li>
            ))}
      </ol>
      {documents ? (
        <ExerciseDocuments scenarioId={s.id} staffKey={loadManagerKey()} whereStaff={messages.picker.staffDocuments} />
      ) : null}
    </section>
  );
}
