/**
 * The HTML export's stylesheet: readable on screen, and a print stylesheet for clean A4 pages
 * (margins, a page break before each major section, table headers repeated, rows and findings
 * never split, the improvement plan on landscape pages so its columns fit).
 */
import { colourCss } from '../../protocol/colours.ts';

export const REPORT_CSS = `
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --accent: #0b4f8a;
  ${colourCss()} }
.phase-chip { display: inline-block; font-weight: 700; padding: 0 .5rem; border-radius: 999px; }
.phase-preparation { color: var(--phase-preparation); background: var(--phase-preparation-bg); }
.phase-detection { color: var(--phase-detection); background: var(--phase-detection-bg); }
.phase-containment { color: var(--phase-containment); background: var(--phase-containment-bg); }
.phase-post { color: var(--phase-post); background: var(--phase-post-bg); }
* { box-sizing: border-box; }
html { font-size: 15px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 64rem; padding: 2rem 1.5rem 4rem; color: var(--ink);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", "Liberation Sans", Arial, sans-serif; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; line-height: 1.2; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1.08rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: .98rem; margin: 1rem 0 .3rem; }
p { margin: .4rem 0 .7rem; }
li > p { margin: .2rem 0 .35rem; }
.md-img-alt { color: var(--muted); font-style: italic; }
.cover { border-left: 6px solid var(--accent); padding: .6rem 0 .6rem 1rem; margin-bottom: 1.2rem; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .78rem; color: var(--muted); margin: 0; }
.sub { color: var(--muted); margin: .2rem 0 0; }
.summary p { font-size: 1.02rem; }
.summary .fix, .summary .watch { border-left: 4px solid var(--U); background: #fff5f5; padding: .3rem .9rem .2rem; margin: .8rem 0; }
.summary .watch { border-color: var(--M); background: #fff8ec; }
.summary h3 { margin: .3rem 0; font-size: 1rem; }
.summary ol, .summary ul { margin: .2rem 0 .5rem; padding-left: 1.3rem; }
.summary li { margin: .2rem 0; }
table { width: 100%; border-collapse: collapse; margin: .4rem 0 1rem; font-size: .86rem; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; overflow-wrap: break-word; hyphens: manual; }
td .note { font-size: .92em; }
.nowrap { white-space: nowrap; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.kv th { width: 28%; }
table.fixed { table-layout: fixed; }
/* The plan sizes its columns to their longest word (auto layout) and never breaks inside one. */
table.plan { font-size: .8rem; }
/* On screen the plan may grow past the text column (up to 90rem) so its twelve columns fit without breaking a word. */
section.plan { width: min(calc(100vw - 3rem), 90rem); margin-left: calc(50% - min(calc(50vw - 1.5rem), 45rem)); }
table.plan td.long { min-width: 9rem; }
table.plan th, table.plan td { overflow-wrap: normal; word-break: normal; hyphens: manual; padding: .25rem .35rem; }
table.design td:first-child { width: 40%; }
ul.tight { margin: 0; padding-left: 1.1rem; }
.unknown { color: var(--muted); font-style: italic; }
.capability { margin: .4rem 0 1.2rem; }
.capability h4 { margin: .6rem 0 .2rem; }
.ratings { margin: .1rem 0 .3rem; }
dl.area { display: grid; grid-template-columns: 9.5rem 1fr; gap: .15rem .6rem; margin: 0; }
dl.area dt { font-weight: 600; color: var(--muted); }
dl.area dd { margin: 0; }
ul.findings li.overconfident { border-color: var(--U); } ul.findings li.underconfident { border-color: var(--S); }
.r { display: inline-block; min-width: 1.5em; padding: 0 .35em; border-radius: 3px; color: #fff; font-weight: 700; text-align: center; font-size: .85em; }
.r-P { background: var(--P); } .r-S { background: var(--S); } .r-M { background: var(--M); } .r-U { background: var(--U); } .r-none { background: var(--none); }
.met { color: var(--P); font-weight: 600; } .missed { color: var(--U); font-weight: 600; } .unreached { color: var(--muted); font-style: italic; }
.status-validated { color: var(--P); font-weight: 600; } .status-open { color: var(--M); font-weight: 600; } .status-in-progress { color: #0b4fb3; font-weight: 600; } .status-done { color: var(--P); }
ul.findings { list-style: none; padding: 0; margin: .3rem 0 1rem; }
ul.findings li { border-left: 4px solid var(--line); padding: .25rem .7rem; margin: .45rem 0; }
ul.findings.strengths li { border-color: var(--P); } ul.findings.improvements li { border-color: var(--U); }
.refs { color: var(--muted); font-size: .82rem; display: block; margin-top: .15rem; }
.decision { border: 1px solid var(--line); border-radius: 4px; padding: .45rem .7rem; margin: .55rem 0; }
.decision h4 { margin: 0 0 .2rem; }
.decision .meta { color: var(--muted); font-size: .84rem; }
.decision ul { margin: .25rem 0 0; padding-left: 1.1rem; font-size: .88rem; }
.decision ul.opts { list-style: circle; margin: .1rem 0 .2rem; }
.decision ul.opts li.chosen { list-style: disc; }
.verdict-best { color: var(--P); font-weight: 600; } .verdict-other { color: var(--M); font-weight: 600; } .verdict-harm { color: var(--U); font-weight: 600; }
figure { margin: .6rem 0 1rem; } figcaption { font-size: .8rem; color: var(--muted); }
svg { max-width: 100%; height: auto; display: block; }
.heat td.cell { text-align: center; white-space: nowrap; }
.note { color: var(--muted); font-size: .84rem; }
.integrity code { overflow-wrap: anywhere; font-size: .8rem; }
.url { overflow-wrap: anywhere; }
.warn { color: var(--U); font-weight: 700; }
.counterfactual { border: 2px dashed var(--M); border-radius: 4px; padding: .2rem .9rem .4rem; margin: .9rem 0; background: #fffdf7; }
.cf-mark { text-transform: uppercase; letter-spacing: .08em; font-size: .78rem; font-weight: 700; color: #8a4b00; margin: .3rem 0 0; }
.counterfactual h3 { margin-top: .2rem; }
.cf-note { margin: .3rem 0 .6rem; padding: .2rem .8rem; border-left: 4px solid var(--M); font-style: italic; }
.cf-intro { border-left: 4px solid var(--M); padding: .2rem .8rem; background: #fff8ec; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@page wide { size: A4 landscape; margin: 14mm 14mm 16mm; }
@media print {
  html { font-size: 9.5pt; }
  body { max-width: none; padding: 0; }
  h2.major { break-before: page; margin-top: 0; }
  h2, h3, h4 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, li, .decision, figure, .cover, .fix, .watch, section.keep { break-inside: avoid; }
  .capability h3, p.ratings { break-after: avoid; }
  section.plan { page: wide; width: auto; margin-left: 0; }
  table.plan { font-size: .74rem; }
  table.plan td.long { min-width: 8rem; }
  a { color: inherit; text-decoration: none; }
}
`;
