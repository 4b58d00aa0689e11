import { useId } from 'react';
import { messages } from '../text/messages.ts';
import { ChartLegend, seriesStroke } from './ChartLegend.tsx';

export interface LineChartProps {
  title: string;
  x: Array<string | number>;
  series: Record<string, number[]>;
  unit?: string;
}

function nice(n: number): string {
  if (Math.abs(n) >= 1000) return `${Math.round(n / 100) / 10}k`;
  return String(Math.round(n * 100) / 100);
}

/**
 * A small accessible SVG line chart: role="img" with a text summary, distinct colours and dash
 * patterns per series (not colour alone), and the data as a table for screen readers.
 */
export function LineChart({ title, x, series, unit }: LineChartProps) {
  const id = useId();
  const names = Object.keys(series);
  const all = names.flatMap((n) => series[n] ?? []);
  if (all.length === 0) return null;
  let min = Math.min(0, ...all);
  let max = Math.max(...all);
  if (max === min) max = min + 1;
  const pad = (max - min) * 0.08;
  max += pad;
  if (min < 0) min -= pad;
  const W = 560;
  const H = 220;
  const L = 52;
  const R = 14;
  const T = 14;
  const B = 34;
  const n = Math.max(x.length, ...names.map((k) => series[k]?.length ?? 0));
  const px = (i: number) => L + (n <= 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (n - 1));
  const py = (v: number) => T + (1 - (v - min) / (max - min)) * (H - T - B);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => min + f * (max - min));
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  const summary = names
    .map((name) => {
      const v = series[name] ?? [];
      return `${name}: from ${nice(v[0] ?? 0)} to ${nice(v[v.length - 1] ?? 0)}${unit ? ` ${unit}` : ''}`;
    })
    .join('; ');
  return (
    <figure className="chart">
      <figcaption id={`${id}-t`}>
        {title}
        {unit && !title.includes(`(${unit})`) ? <span className="muted"> ({unit})</span> : null}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} preserveAspectRatio="xMidYMid meet">
        <desc id={`${id}-d`}>{summary}</desc>
        {ticks.map((t, i) => (
          <g key={i}>
            <line x1={L} x2={W - R} y1={py(t)} y2={py(t)} className="chart-grid" />
            <text x={L - 6} y={py(t) + 4} textAnchor="end" className="chart-label">
              {nice(t)}
            </text>
          </g>
        ))}
        {x.map((label, i) =>
          i % labelEvery === 0 || i === x.length - 1 ? (
            <text key={i} x={px(i)} y={H - 10} textAnchor="middle" className="chart-label">
              {String(label)}
            </text>
          ) : null,
        )}
        {names.map((name, si) => {
          const v = series[name] ?? [];
          const d = v.map((val, i) => `${i === 0 ? 'M' : 'L'}${px(i).toFixed(1)},${py(val).toFixed(1)}`).join(' ');
          const line = seriesStroke(si);
          return (
            <g key={name}>
              <path d={d} fill="none" {...line} strokeWidth={3} strokeLinejoin="round" />
              {v.map((val, i) => (
                <circle key={i} cx={px(i)} cy={py(val)} r={4} fill={line.stroke} />
              ))}
            </g>
          );
        })}
      </svg>
      {names.length > 1 ? <ChartLegend names={names} /> : null}
      <div className="sr-only">
        <table>
          <caption>{messages.common.chartData(title)}</caption>
          <thead>
            <tr>
              <th scope="col">{messages.common.point}</th>
              {names.map((nm) => (
                <th key={nm} scope="col">
                  {nm}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: n }, (_, i) => (
              <tr key={i}>
                <th scope="row">{String(x[i] ?? i + 1)}</th>
                {names.map((nm) => (
                  <td key={nm}>{series[nm]?.[i] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
