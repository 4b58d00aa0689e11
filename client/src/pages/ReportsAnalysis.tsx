/**
 * HSEEP's Analysis of Capabilities on the report page: under each capability the teams' ratings,
 * strengths and areas for improvement, each area with its observation, references, analysis
 * (root cause) and recommendation; and the report's conclusion.
 */
import { RatingBadge } from '../components/RatingBadge.tsx';
import type { GapReport } from '../reportsApi.ts';
import { duration } from '../text/units.ts';
import { messages } from '../text/messages.ts';
import { reportWords } from '../text/reportWords.ts';

type TeamReport = GapReport['teams'][number];
type Finding = TeamReport['strengths'][number];
interface Item {
  team: TeamReport;
  finding: Finding;
}

/** The capabilities to discuss: those compared, then any a finding names that the drill does not score. */
function groups(report: GapReport): Array<{ id: string; label: string }> {
  const out = report.comparison.map((c) => ({ id: c.capability, label: c.label }));
  for (const f of report.teams.flatMap((t) => [...t.strengths, ...t.improvements])) {
    if (!out.some((g) => g.id === f.capability)) out.push({ id: f.capability, label: f.capabilityLabel });
  }
  return out;
}

function observation(f: Finding, team: TeamReport): string {
  const text = f.text.replace(/[.!]+$/, '');
  if (f.source === 'decision') return text;
  const status = team.expectations.find((e) => e.id === f.key)?.status ?? 'met';
  const word = reportWords.expectationStatus[status];
  return `${word[0]!.toUpperCase()}${word.slice(1)}: ${text}`;
}

const at = (f: Finding): string => (f.at === null ? '' : ` ${reportWords.atSimTime(duration(f.at))}`);

export function CapabilityAnalysis({ report }: { report: GapReport }) {
  const many = report.teams.length > 1;
  return (
    <section className="card" aria-labelledby="h-analysis">
      <h2 id="h-analysis">{reportWords.analysisOfCapabilities}</h2>
      {groups(report).map((g) => {
        const pick = (key: 'strengths' | 'improvements'): Item[] =>
          report.teams.flatMap((team) =>
            team[key].filter((f) => f.capability === g.id).map((finding) => ({ team, finding })),
          );
        const strengths = pick('strengths');
        const areas = pick('improvements');
        return (
          <div key={g.id} className="report-capability">
            <h3>{g.label}</h3>
            <p className="small">
              {report.teams.map((t) => {
                const c = t.capabilities.find((x) => x.id === g.id);
                return (
                  <span key={t.id} className="report-capability-rating">
                    {many ? `${t.name} ` : ''}
                    <RatingBadge rating={c?.rating ?? null} />{' '}
                    {c ? messages.common.scoreOf(c.score, c.max) : reportWords.notScored}
                  </span>
                );
              })}
            </p>
            <h4>{reportWords.strengths}</h4>
            {strengths.length ? (
              <ul className="report-findings">
                {strengths.map(({ team, finding: f }) => (
                  <li key={`${team.id}-${f.source}-${f.key}`}>
                    {many ? <strong>{team.name}: </strong> : null}
                    {observation(f, team)}
                    {at(f)}
                    <p className="small">{f.note}</p>
                    {f.mitigations.length ? (
                      <p className="small">
                        {reportWords.appliedLabel}{' '}
                        {f.mitigations.map((m) => (
                          <span key={m.id} className="badge badge-tag" title={m.name}>
                            {m.id} {m.name}
                          </span>
                        ))}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="small muted">{reportWords.noneRecorded}</p>
            )}
            <h4>{reportWords.areasForImprovement}</h4>
            {areas.length ? (
              <ul className="report-findings">
                {areas.map(({ team, finding: f }) => (
                  <li key={`${team.id}-${f.source}-${f.key}`}>
                    <dl className="report-area">
                      <dt>{reportWords.observation(many ? team.name : null)}</dt>
                      <dd>
                        <strong>{observation(f, team)}</strong>
                        {at(f)}
                      </dd>
                      <dt>{reportWords.reference}</dt>
                      <dd>
                        {f.mitigations.map((m) => (
                          <span key={m.id} className="badge badge-tag" title={m.name}>
                            {m.id} {m.name}
                          </span>
                        ))}
                        {f.csf.map((c) => (
                          <span key={c.id} className="badge badge-neutral" title={c.name}>
                            {reportWords.csf(c.id)} {c.name}
                          </span>
                        ))}
                        {f.mitigations.length + f.csf.length === 0 ? (
                          <span className="muted">{reportWords.noneMapped}</span>
                        ) : null}
                      </dd>
                      <dt>{reportWords.analysis}</dt>
                      <dd>{f.note}</dd>
                      <dt>{reportWords.recommendation}</dt>
                      <dd>{f.recommendation ?? reportWords.seeTheImprovementPlan}</dd>
                    </dl>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="small muted">{reportWords.noneRecorded}</p>
            )}
          </div>
        );
      })}
    </section>
  );
}

export function Conclusion({ report }: { report: GapReport }) {
  return (
    <section className="card" aria-labelledby="h-conclusion">
      <h2 id="h-conclusion">{reportWords.conclusion}</h2>
      {report.conclusion.map((p) => (
        <p key={p}>{p}</p>
      ))}
    </section>
  );
}
