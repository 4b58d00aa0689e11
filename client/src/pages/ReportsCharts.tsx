/**
 * Small hand-written SVG charts for the report page: capability scores of every team against
 * the best possible, and a team's decision timeline (points won or lost at each decision).
 * Each is role="img" with a text description; the same numbers are in the tables beside them.
 */
import { RATING_COLOURS } from '../../../protocol/colours.ts';
import { useId } from 'react';
import type { GapReport } from '../reportsApi.ts';
import { reportWords } from '../text/reportWords.ts';

type TeamReport = GapReport['teams'][number];

/** Bar colours by rating (≥3:1 against white, with the rating also written as text). */
const FILL: Record<string, string> = RATING_COLOURS;
/**
 * Every team's score per capability as bars against the best any path reaches. Drawn with
 * HTML boxes rather than SVG so labels stay readable at any width, from a phone to a projector.
 */
export function CapabilityChart({ report }: { report: GapReport }) {
  const id = useId();
  const teams = report.teams;
  const name = (teamId: string) => teams.find((x) => x.id === teamId)?.name ?? teamId;
  const desc = report.comparison
    .map(
      (c) =>
        `${c.label}: ${c.teams.map((t) => reportWords.chart.teamScore(name(t.teamId), t.score, c.max, t.rating)).join('; ')}`,
    )
    .join('. ');
  return (
    <figure className="chart report-chart cap-chart" role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <figcaption id={`${id}-t`}>{reportWords.capabilityChartCaption}</figcaption>
      <p id={`${id}-d`} className="sr-only">
        {desc}
      </p>
      <div aria-hidden="true">
        {report.comparison.map((c) => (
          <div key={c.capability} className="cap-group">
            <div className="cap-label">{c.label}</div>
            {c.teams.map((t) => {
              const ratio = c.max > 0 ? Math.max(0, Math.min(1, t.score / c.max)) : 0;
              return (
                <div key={t.teamId} className="cap-row">
                  {teams.length > 1 ? <span className="cap-team">{name(t.teamId)}</span> : null}
                  <span className={`cap-track ${t.score < 0 ? 'cap-negative' : ''}`}>
                    <span
                      className="cap-bar"
                      style={{ width: `${ratio * 100}%`, background: FILL[t.rating ?? 'none'] }}
                    />
                  </span>
                  <span className="cap-value">
                    {t.score}/{c.max} <strong>{t.rating ?? '–'}</strong>
                  </span>
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </figure>
  );
}

/** Points won or lost at each decision of one team, in play order. */
export function TimelineChart({ team }: { team: TeamReport }) {
  const id = useId();
  const decisions = team.decisions;
  if (decisions.length === 0) return null;
  const W = 420;
  const H = 170;
  const L = 36;
  const T = 16;
  const B = 28;
  const max = Math.max(1, ...decisions.map((d) => Math.abs(d.scoreDelta)));
  const zero = T + (H - T - B) / 2;
  const scale = (H - T - B) / 2 / max;
  const step = (W - L - 10) / decisions.length;
  const desc = decisions
    .map((d) =>
      reportWords.chart.decision(
        d.n,
        d.title,
        d.kind === 'chosen' ? d.chosenLabel : reportWords.decisionKind[d.kind],
        d.scoreDelta,
        d.matchedBest,
      ),
    )
    .join('; ');
  return (
    <figure className="chart report-chart">
      <figcaption id={`${id}-t`}>{reportWords.pointsWonOrLost}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <desc id={`${id}-d`}>{desc}</desc>
        <line x1={L} x2={W - 6} y1={zero} y2={zero} className="chart-grid" />
        <text x={L - 6} y={zero + 4} textAnchor="end" className="chart-label">
          0
        </text>
        <text x={L - 6} y={T + 8} textAnchor="end" className="chart-label">
          +{max}
        </text>
        <text x={L - 6} y={H - B} textAnchor="end" className="chart-label">
          −{max}
        </text>
        {decisions.map((d, i) => {
          const x = L + i * step + step * 0.2;
          const w = Math.max(6, step * 0.6);
          const h = Math.abs(d.scoreDelta) * scale;
          const y = d.scoreDelta >= 0 ? zero - h : zero;
          const fill =
            d.kind === 'no-decision' ? FILL.none : d.scoreDelta < 0 ? FILL.U : d.matchedBest ? FILL.P : FILL.S;
          return (
            <g key={`${d.inject}-${d.n}`}>
              <rect x={x} y={y} width={w} height={Math.max(h, 2)} fill={fill} />
              {d.matchedBest ? (
                <text x={x + w / 2} y={y - 4} textAnchor="middle" className="chart-label">
                  ★
                </text>
              ) : null}
              <text x={x + w / 2} y={H - 8} textAnchor="middle" className="chart-label">
                {d.n}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="small muted">{reportWords.decisionChartNote}</p>
    </figure>
  );
}
