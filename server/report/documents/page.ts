/**
 * The frame every exercise document shares: a self-contained HTML page (inline CSS, no scripts,
 * no external resources, a Content-Security-Policy that forbids both) that prints to A4, plus
 * the pieces several documents draw: scenario Markdown as blocks, artifacts, tables, boxes to
 * tick and lines to write on.
 *
 * Text is never broken inside a word: tables lay out by content (a fixed layout is what cut
 * "Coordinatio/n" in the report), cells wrap only at spaces and hyphens, and long tokens such as
 * digests are shortened before they reach the page.
 */
import { RATING_COLOURS } from '../../../protocol/colours.ts';
import type { Drill } from '../../engine/drill.ts';
import { formatMinutes } from '../../engine/duration.ts';
import type { Inject } from '../../engine/schema.ts';
import { esc } from '../escape.ts';

const CSS = `
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --accent: #0b4f8a; --warn: #9a3412; }
* { box-sizing: border-box; }
html { font-size: 15px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 4rem; color: var(--ink);
  font: 1rem/1.45 system-ui, -apple-system, "Segoe UI", "Liberation Sans", Arial, sans-serif;
  overflow-wrap: normal; word-break: normal; hyphens: manual; }
h1 { font-size: 1.8rem; margin: 0 0 .2rem; line-height: 1.2; }
h2 { font-size: 1.25rem; margin: 1.8rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .35rem; }
p { margin: .35rem 0 .6rem; }
ul, ol { margin: .25rem 0 .6rem; padding-left: 1.3rem; }
li { margin: .15rem 0; }
code { font: .9em/1.3 ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; background: var(--soft); padding: 0 .2em; border-radius: 3px; }
.cover { border-left: 6px solid var(--accent); padding: .5rem 0 .5rem 1rem; margin-bottom: 1rem; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .78rem; color: var(--muted); margin: 0; }
.sub { color: var(--muted); margin: .2rem 0 0; }
.handling { border: 2px solid var(--warn); color: var(--warn); font-weight: 600; padding: .3rem .7rem; margin: .6rem 0 1rem; }
.handling.players { border-color: var(--accent); color: var(--accent); }
.muted, .note { color: var(--muted); }
.note { font-size: .86rem; }
table { width: 100%; border-collapse: collapse; margin: .4rem 0 1rem; font-size: .86rem; }
th, td { border: 1px solid var(--line); padding: .28rem .45rem; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
table.kv th { width: 24%; }
td.num, th.num { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
pre.log { font: .74rem/1.35 ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; background: var(--soft);
  border: 1px solid var(--line); padding: .4rem .55rem; white-space: pre-wrap; margin: .3rem 0 .8rem; }
figure { margin: .5rem 0 .9rem; } figcaption { font-weight: 600; font-size: .9rem; margin-bottom: .15rem; }
.box { display: inline-block; width: .95em; height: .95em; border: 1.5px solid var(--ink); border-radius: 2px; vertical-align: -.12em; margin-right: .3em; background: #fff; }
.boxes { white-space: nowrap; }
.boxes label { margin-right: .7rem; }
.lines { border: 1px solid var(--line); border-radius: 3px; margin: .3rem 0 .9rem; padding: 0 .5rem; }
.lines span { display: block; height: 1.75rem; border-bottom: 1px solid var(--line); }
.lines span:last-child { border-bottom: 0; }
label { white-space: nowrap; display: inline-block; }
td.mark, th.mark { text-align: center; width: 3rem; }
.field { display: inline-block; min-width: 12rem; border-bottom: 1px solid var(--ink); height: 1.2em; vertical-align: bottom; }
.fields p { margin: .55rem 0; }
.tag { display: inline-block; font-size: .78rem; border: 1px solid var(--line); border-radius: 3px; padding: 0 .3rem; margin: 0 .2rem .15rem 0; background: var(--soft); }
.expected { color: ${RATING_COLOURS.P}; font-weight: 600; }
.harm { color: ${RATING_COLOURS.U}; }
.event { border: 1px solid var(--line); border-radius: 4px; padding: .4rem .7rem .2rem; margin: .6rem 0; }
.event h3 { margin: 0 0 .2rem; }
.event dl { display: grid; grid-template-columns: 9.5rem 1fr; gap: .15rem .6rem; margin: .2rem 0 .4rem; font-size: .9rem; }
.event dt { color: var(--muted); font-weight: 600; }
.event dd { margin: 0; }
.prompt { margin: .5rem 0 .2rem; }
.notes { border-left: 4px solid var(--accent); background: #f3f8fd; padding: .25rem .7rem; margin: .3rem 0 .5rem; font-size: .9rem; }
@page { size: A4; margin: 15mm 14mm 16mm; }
@media print {
  html { font-size: 9.5pt; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  h2.page { break-before: page; margin-top: 0; }
  h3 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, li, figure, dl, .keep, .cover, .lines, .notes { break-inside: avoid; }
  .event h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Who the document is for, printed under the title. */
export type Audience = 'players' | 'staff';

const HANDLING: Record<Audience, string> = {
  players: 'For players: it holds nothing about what happens after the opening.',
  staff:
    'Controllers, facilitators and evaluators only: it reveals the whole story. Do not share it with players before the debrief.',
};

/** The whole page: cover (kind of document, drill title, version line), handling note, body. */
export function page(
  drill: Drill,
  options: { kind: string; audience: Audience; body: string; handling?: string },
): string {
  const s = drill.scenario;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(options.kind)}: ${esc(s.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="cover">
<p class="kicker">${esc(options.kind)}</p>
<h1>${esc(s.title)}</h1>
<p class="sub">breachdrill scenario version ${s.version} · ${esc(s.difficulty)} · about ${formatMinutes(s.minutes)} of play</p>
</header>
<p class="handling ${options.audience}">${esc(options.handling ?? HANDLING[options.audience])}</p>
${options.body}
</body>
</html>
`;
}

/** A table with escaped or ready-made cells (`cells` already HTML when `raw`). */
export function table(
  head: string[],
  rows: string[][],
  options: { raw?: boolean; cls?: string; num?: number[] } = {},
): string {
  const num = new Set(options.num ?? []);
  const cell = (c: string) => (options.raw ? c : esc(c));
  const th = head.map((h, i) => `<th scope="col"${num.has(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${num.has(i) ? ' class="num"' : ''}>${cell(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table${options.cls ? ` class="${options.cls}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A two-column table of labelled values (values already HTML). */
export function keyValues(rows: Array<[string, string]>): string {
  return `<table class="kv"><tbody>\n${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${v}</td></tr>`).join('\n')}\n</tbody></table>`;
}

/** An inject's artifacts as the players see them: tables, logs and metric series (as a table). */
export function artifacts(inject: Inject): string {
  return inject.artifacts
    .map((a) => {
      if (a.kind === 'log')
        return `<figure class="keep"><figcaption>${esc(a.title)}</figcaption><pre class="log">${esc(a.text.trimEnd())}</pre></figure>`;
      if (a.kind === 'table')
        return `<figure><figcaption>${esc(a.title)}</figcaption>${table(
          a.columns,
          a.rows.map((r) => r.map(String)),
        )}</figure>`;
      // a metric: one row per point of the x axis, one column per series
      const names = Object.keys(a.series);
      const rows = a.x.map((x, i) => [
        String(x),
        ...names.map((n) => (a.series[n]![i] === undefined ? '' : String(a.series[n]![i]))),
      ]);
      const title = a.unit ? `${a.title} (${a.unit})` : a.title;
      return `<figure><figcaption>${esc(title)}</figcaption>${table(['', ...names], rows, { num: names.map((_, i) => i + 1) })}</figure>`;
    })
    .join('\n');
}

/** An empty box to tick, with its label. */
export const tick = (label: string): string =>
  `<label><span class="box" aria-hidden="true"></span>${esc(label)}</label>`;

/** Ruled space to write in, `n` lines high. */
export const writeLines = (n: number, label: string): string =>
  `<div class="lines" role="img" aria-label="${esc(label)}">${'<span></span>'.repeat(n)}</div>`;

/** A blank to fill in by hand. */
export const blank = (label: string): string => `<p>${esc(label)}: <span class="field" aria-hidden="true"></span></p>`;
