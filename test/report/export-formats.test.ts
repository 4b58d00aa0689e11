/**
 * The exports hold what they promise: the JSON validates against the schema, the CSV parses
 * back into the same rows with formulas neutralised, the HTML escapes hostile names and
 * reasons, and the same input always gives the same bytes.
 */
import { describe, expect, it, vi } from 'vitest';
import { CSV_COLUMNS, decisionRows, neutralise, renderCsv } from '../../server/report/csv.ts';
import { PLAN_CSV_COLUMNS, renderPlanCsv } from '../../server/report/plan-csv.ts';
import { esc } from '../../server/report/escape.ts';
import { markdownToHtml } from '../../server/report/markdown-html.ts';
import { renderHtml } from '../../server/report/html.ts';
import { md, renderMarkdown } from '../../server/report/markdown.ts';
import { buildReport } from '../../server/report/model.ts';
import { gapReportSchema, REPORT_SCHEMA_VERSION } from '../../protocol/index.ts';
import { FORMULA_REASON, fixedHistory, HOSTILE_NAME, HOSTILE_REASON, loadFraudLite } from './fixture-history.ts';
import { parseCsv } from './csv-parse.ts';
import { FORMATS, renderAll } from './render-all.ts';

const { drill, stats } = loadFraudLite();
const history = fixedHistory(drill, stats);
const report = buildReport(drill, stats, history);

describe('JSON export', () => {
  it('validates against the report schema, with its version', () => {
    const parsed = gapReportSchema.parse(JSON.parse(renderAll(report).json));
    expect(parsed.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(parsed).toEqual(report);
  });
  it('rejects a report with an unknown field or a wrong rating', () => {
    expect(gapReportSchema.safeParse({ ...report, extra: 1 }).success).toBe(false);
    const bad = structuredClone(report);
    bad.teams[0]!.capabilities[0]!.rating = 'X' as never;
    expect(gapReportSchema.safeParse(bad).success).toBe(false);
  });
});

describe('CSV export', () => {
  const text = renderCsv(report);
  const rows = parseCsv(text);
  it('parses back into the header and the same rows, formulas neutralised', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1)).toEqual(decisionRows(report).map((r) => r.map(neutralise)));
    expect(rows.length - 1).toBe(report.teams.reduce((n, t) => n + t.decisions.length, 0));
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  });
  it('says on every row whether its wall times were recorded in play or made up by a headless run', () => {
    const column = CSV_COLUMNS.indexOf('wall_clock');
    expect(column).toBe(CSV_COLUMNS.indexOf('wall_seconds') + 1);
    for (const row of rows.slice(1)) expect(row[column]).toBe(report.overview.wallClock);
    const headless = parseCsv(renderCsv({ ...report, overview: { ...report.overview, wallClock: 'synthetic' } }));
    for (const row of headless.slice(1)) expect(row[column]).toBe('synthetic');
  });
  it('no cell starts with a formula character', () => {
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const red = rows.find((r) => r[0] === 'Red' && r[2] === 'notify')!;
    expect(red[CSV_COLUMNS.indexOf('votes')]!.startsWith("'@Finn")).toBe(true);
    expect(red[CSV_COLUMNS.indexOf('dissent_reasons')]).toContain(FORMULA_REASON);
  });
  it('neutralises = + - @ at the start of a cell and leaves others alone', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx'].map(neutralise)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
    ]);
    expect(neutralise('a=1')).toBe('a=1');
  });
  it('keeps quotes, commas and line breaks inside one field', () => {
    const tricky = structuredClone(report);
    tricky.teams[0]!.decisions[0]!.votes[0]!.name = 'Zed, "the" \r\nboss';
    const back = parseCsv(renderCsv(tricky));
    expect(back[1]![CSV_COLUMNS.indexOf('votes')]).toContain('Zed, "the" \r\nboss');
  });
});

describe('HTML export', () => {
  const html = renderHtml(report);
  it('escapes hostile player names, reasons and ad-hoc injects', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain(esc(HOSTILE_NAME));
    expect(html).toContain(esc(HOSTILE_REASON));
    expect(html).toContain('CEO &lt;script&gt;alert(2)&lt;/script&gt; calls');
  });
  it('is self-contained: no external resources, a CSP that forbids scripts, A4 print CSS', () => {
    // nothing loads from elsewhere: no src at all, and href only on links a reader may follow
    expect(html).not.toMatch(/<[^>]*\ssrc\s*=/i);
    expect(html).not.toMatch(/<(?!a\s)[^>]*\shref\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain(`default-src 'none'`);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('break-before: page');
  });
  it('renders scenario Markdown as the web client does, and nothing a drill writes can run or load', () => {
    expect(markdownToHtml('**bold** *em* `c` ~~gone~~')).toBe(
      '<strong>bold</strong> <em>em</em> <code>c</code> <del>gone</del>',
    );
    // raw HTML is dropped, not run (the client's skipHtml)
    expect(markdownToHtml('a <b onclick="x()">b</b> <script>alert(1)</script>')).not.toMatch(/<b|<script|onclick/);
    expect(markdownToHtml('[docs](https://example.org/a?b=1&c=2) [bad](javascript:alert(1))')).toBe(
      '<a href="https://example.org/a?b=1&#x26;c=2" target="_blank" rel="noopener noreferrer nofollow">docs</a> <a>bad</a>',
    );
    expect(markdownToHtml('![chart](https://evil.example/x.png)')).toBe(
      '<span class="md-img-alt">[image: chart]</span>',
    );
    // several paragraphs, a list and a table keep their structure (the regex renderer flattened them)
    const blocks = markdownToHtml('First.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(blocks).toMatch(/^<p>First\.<\/p>\n<ul>\n<li>one<\/li>\n<li>two<\/li>\n<\/ul>\n<table>/);
    expect(blocks).toContain('<td>1</td>');
  });
});

describe('Markdown export', () => {
  it('escapes markup and table pipes in untrusted text', () => {
    expect(md('<img src=x> | [a](http://x) *b*')).toBe('&lt;img src=x&gt; \\| \\[a\\](http://x) \\*b\\*');
    const text = renderMarkdown(report);
    expect(text).not.toContain(HOSTILE_NAME);
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;Mallory');
  });
});

describe('determinism', () => {
  it('the same input gives the same bytes in every format, whatever the clock says', () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
      const first = renderAll(buildReport(drill, stats, fixedHistory(drill, stats)));
      vi.setSystemTime(new Date('1999-06-15T12:34:56Z'));
      const second = renderAll(buildReport(drill, stats, structuredClone(history)));
      for (const f of FORMATS) expect(second[f] === first[f], f).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
  it('orders anonymous hot wash answers by content, not by arrival', () => {
    const anon = { ...history, anonymousHotwash: true };
    const a = buildReport(drill, stats, anon);
    const b = buildReport(drill, stats, { ...anon, hotwash: [...anon.hotwash].reverse() });
    expect(b.hotwash).toEqual(a.hotwash);
    expect(a.hotwash.answers.every((x) => x.name === null)).toBe(true);
    expect(renderAll(a).html).not.toContain('Alice Ng (IR lead)</td>');
  });
});

describe('improvement-plan CSV export', () => {
  const formula = '=HYPERLINK("http://evil.example","fix")';
  const edited = buildReport(drill, stats, {
    ...history,
    plan: [
      ...history.plan,
      { key: 'keep-evidence', teamId: 'blue', correctiveAction: formula, responsible: '+Ops, "night" shift' },
    ],
  });
  const rows = parseCsv(renderPlanCsv(edited));
  it('has one RFC 4180 row per plan item with the ATLAS and CSF columns carried from the findings', () => {
    expect(rows[0]).toEqual([...PLAN_CSV_COLUMNS]);
    expect(rows).toHaveLength(edited.plan.length + 1);
    for (const [i, item] of edited.plan.entries()) {
      const row = Object.fromEntries(PLAN_CSV_COLUMNS.map((c, k) => [c, rows[i + 1]![k]!]));
      expect(row.team).toBe(item.teamName);
      expect(row.atlas_mitigations).toBe(item.mitigations.map((m) => `${m.id} ${m.name}`).join('; '));
      expect(row.csf).toBe(item.csf.map((c) => `${c.id} ${c.name}`).join('; '));
    }
    expect(edited.plan.some((p) => p.mitigations.length > 0 && p.csf.length > 0)).toBe(true);
  });
  it('neutralises formulas and keeps commas and quotes inside their cell', () => {
    const row = rows.find((r) => r.includes(`'${formula}`));
    expect(row, 'the edited row with its formula neutralised').toBeDefined();
    expect(row).toContain(`'+Ops, "night" shift`);
    expect(rows.flat().some((c) => /^[=+\-@]/.test(c))).toBe(false);
  });
});
