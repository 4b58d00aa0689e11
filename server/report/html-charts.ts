/**
 * Hand-written inline SVG charts for the HTML export: a team's capability scores against the
 * best possible, and its decision timeline on the sim-time axis. All text is escaped; sizes are
 * fixed numbers, so the same report gives the same markup.
 */
import { RATING_COLOURS } from '../../protocol/colours.ts';
import { formatMinutes } from '../engine/duration.ts';
import { esc, truncate } from './escape.ts';
import type { DecisionEntry, TeamReport } from '../../protocol/index.ts';

const COLORS = RATING_COLOURS; // the ratings' colours in every view (protocol/colours.ts)
const fmt = (n: number): string => String(Math.round(n * 10) / 10);

/** Horizontal bars: each capability's score against its best possible, coloured by rating. */
export function capabilityChart(team: TeamReport, idPrefix: string): string {
  const rowH = 30;
  const labelW = 200;
  const barW = 340;
  const width = labelW + barW + 150;
  const height = team.capabilities.length * rowH + 28;
  const rows = team.capabilities.map((c, i) => {
    const y = 22 + i * rowH;
    const ratio = c.max > 0 ? Math.max(0, Math.min(1, c.score / c.max)) : 0;
    const colour = COLORS[c.rating ?? 'none'];
    const bar =
      ratio > 0 ? `<rect x="${labelW}" y="${y}" width="${fmt(barW * ratio)}" height="18" fill="${colour}"/>` : '';
    const below = c.score < 0 ? `<rect x="${labelW - 3}" y="${y}" width="3" height="18" fill="${COLORS.U}"/>` : '';
    return [
      `<text x="${labelW - 8}" y="${y + 13}" text-anchor="end" font-size="12">${esc(c.label)}</text>`,
      `<rect x="${labelW}" y="${y}" width="${barW}" height="18" fill="#eaeef2"/>`,
      bar,
      below,
      `<text x="${labelW + barW + 8}" y="${y + 13}" font-size="12">${c.score} / ${c.max}  ${c.rating ?? '–'}</text>`,
    ].join('');
  });
  const title = `${team.name}: capability scores against the best possible`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${idPrefix}-t" font-family="system-ui, Arial, sans-serif">`,
    `<title id="${idPrefix}-t">${esc(title)}</title>`,
    `<text x="${labelW}" y="13" font-size="11" fill="#57606a">0</text>`,
    `<text x="${labelW + barW}" y="13" font-size="11" fill="#57606a" text-anchor="end">best possible</text>`,
    ...rows,
    `</svg>`,
  ].join('');
}

/** Marker colour for a decision: best choice, another choice, or a harmful one. */
export function verdictOf(d: DecisionEntry): 'best' | 'other' | 'harm' {
  if (d.harmful) return 'harm';
  return d.matchedBest ? 'best' : 'other';
}
const VERDICT_COLOURS = { best: COLORS.P, other: COLORS.M, harm: COLORS.U } as const;

/**
 * The decision timeline: numbered markers at even spacing (long waits would squash a linear
 * axis), sim time under each, and the containment SLA placed between the decisions it falls
 * between, by interpolation.
 */
export function timelineChart(team: TeamReport, idPrefix: string): string {
  const width = 720;
  const left = 40;
  const right = width - 150;
  const axisY = 74;
  const n = team.decisions.length;
  const step = n > 0 ? (right - left) / n : right - left;
  const xs = team.decisions.map((_, i) => left + step * (i + 0.5));
  const knots = [...team.decisions.map((d, i) => ({ t: d.simAt, x: xs[i]! })), { t: team.simMinutes, x: right + 10 }];
  const xAt = (t: number): number => {
    const pts = [{ t: 0, x: left - 20 }, ...knots];
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i]!;
      const b = pts[i + 1]!;
      if (t <= b.t) return b.t === a.t ? b.x : a.x + ((b.x - a.x) * (t - a.t)) / (b.t - a.t);
    }
    return right + 10;
  };
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 150" width="${width}" height="150" role="img" aria-labelledby="${idPrefix}-t" font-family="system-ui, Arial, sans-serif">`,
    `<title id="${idPrefix}-t">${esc(`${team.name}: decision timeline in sim time`)}</title>`,
    `<line x1="${left - 20}" y1="${axisY}" x2="${right + 10}" y2="${axisY}" stroke="#8c959f" stroke-width="2"/>`,
  ];
  const sla = team.containment;
  if (sla) {
    const x = fmt(xAt(sla.limitMinutes));
    parts.push(
      `<line x1="${x}" y1="${axisY - 44}" x2="${x}" y2="${axisY + 44}" stroke="#0b4f8a" stroke-dasharray="4 3"/>`,
      `<text x="${x}" y="${axisY + 58}" font-size="10" fill="#0b4f8a" text-anchor="middle">SLA ${esc(formatMinutes(sla.limitMinutes))}</text>`,
    );
    if (sla.stoppedAt !== null) {
      const cx = fmt(xAt(sla.stoppedAt));
      parts.push(
        `<path d="M${cx} ${axisY - 12} l5 -8 h-10 z" fill="#0b4f8a"><title>contained at ${esc(formatMinutes(sla.stoppedAt))}</title></path>`,
      );
    }
  }
  team.decisions.forEach((d, i) => {
    const x = fmt(xs[i]!);
    const colour = VERDICT_COLOURS[verdictOf(d)];
    const labelY = i % 2 === 0 ? axisY - 30 : axisY - 46;
    parts.push(
      `<line x1="${x}" y1="${labelY + 4}" x2="${x}" y2="${axisY - 11}" stroke="#d0d7de"/>`,
      `<text x="${x}" y="${labelY}" font-size="10.5" text-anchor="middle">${esc(truncate(d.title, Math.max(10, Math.floor((step * 2) / 6.2))))}</text>`,
      `<circle cx="${x}" cy="${axisY}" r="10" fill="${colour}"><title>${esc(`${d.n}. ${d.title}: ${d.chosenLabel}`)}</title></circle>`,
      `<text x="${x}" y="${axisY + 4}" font-size="11" font-weight="700" fill="#fff" text-anchor="middle">${d.n}</text>`,
      `<text x="${x}" y="${axisY + 26}" font-size="10.5" fill="#57606a" text-anchor="middle">${esc(formatMinutes(d.simAt))}</text>`,
    );
  });
  const end = team.ending ? truncate(team.ending.title, 21) : 'stopped';
  parts.push(
    `<text x="${right + 14}" y="${axisY + 4}" font-size="10.5" font-weight="600">${esc(end)}</text>`,
    `<text x="${right + 14}" y="${axisY + 20}" font-size="10.5" fill="#57606a">${esc(formatMinutes(team.simMinutes))}</text>`,
  );
  const legend = [
    ['best', 'best option'],
    ['other', 'another option'],
    ['harm', 'lost points / no decision'],
  ] as const;
  legend.forEach(([k, label], i) => {
    const lx = left - 20 + i * 170;
    parts.push(
      `<circle cx="${lx + 6}" cy="140" r="5" fill="${VERDICT_COLOURS[k]}"/><text x="${lx + 16}" y="144" font-size="10.5">${label}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
