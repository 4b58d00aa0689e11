/**
 * The CSV export: the decision log, one row per team and decision point. RFC 4180 (CRLF line
 * ends, fields quoted when they hold a comma, quote or line break, quotes doubled), and cells
 * that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) are
 * prefixed with a single quote: player names and reasons are untrusted.
 */
import type { GapReport } from '../../protocol/index.ts';

/** Column headings, in order. */
export const CSV_COLUMNS = [
  'team',
  'n',
  'inject',
  'inject_title',
  'phase',
  'nist_phase',
  'option',
  'option_label',
  'best_option',
  'matches_best',
  'kind',
  'settled_by',
  'sim_minute',
  'wall_seconds',
  'wall_clock',
  'votes',
  'dissent_reasons',
] as const;

/** Neutralises a cell a spreadsheet would evaluate as a formula. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Quotes a cell per RFC 4180 when it needs it. */
export function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The decision rows, as plain strings before neutralising and quoting. */
export function decisionRows(report: GapReport): string[][] {
  const rows: string[][] = [];
  // votes carry the role id; a person reads the drill's name for it, as on the roster
  const roleNames = new Map(report.overview.teams.flatMap((t) => t.players.map((p) => [p.role, p.roleLabel] as const)));
  const who = (v: { name: string; role: string | null }): string =>
    v.role ? `${v.name} (${roleNames.get(v.role) ?? v.role})` : v.name;
  for (const team of report.teams) {
    for (const d of team.decisions) {
      rows.push([
        team.name,
        String(d.n),
        d.inject,
        d.title,
        d.phase,
        d.nist,
        d.chosen ?? '',
        d.chosenLabel,
        d.best ?? '',
        d.matchedBest ? 'yes' : 'no',
        d.kind,
        d.settledBy ?? '',
        String(d.simAt),
        d.wallSeconds === null ? '' : String(d.wallSeconds),
        report.overview.wallClock, // 'synthetic': a headless run made the wall times up
        d.votes.map((v) => `${who(v)}: ${v.option}`).join('; '),
        d.votes
          .filter((v) => v.dissent && v.reason)
          .map((v) => `${who(v)}: ${v.reason}`)
          .join('; '),
      ]);
    }
  }
  return rows;
}

/** The decision log as CSV text. */
export function renderCsv(report: GapReport): string {
  const lines = [[...CSV_COLUMNS], ...decisionRows(report)].map((row) =>
    row.map((c) => quote(neutralise(c))).join(','),
  );
  return `${lines.join('\r\n')}\r\n`;
}
