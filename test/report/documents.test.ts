/**
 * The exercise documents (issue 15 items 5-7): the Situation Manual spoils nothing of any
 * bundled drill; the MSEL lists every inject with its times, reach, expected action, tests and
 * notes, as HTML and as RFC 4180, formula-safe CSV; the EEG holds every critical task with a
 * P/S/M/U space per task and capability; the feedback form asks the hot-wash questions. Every
 * string from a drill is escaped, and the same drill always gives the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDrillText, loadDrill } from '../../server/engine/check.ts';
import type { Drill } from '../../server/engine/drill.ts';
import type { ExploreResult } from '../../server/engine/explore.ts';
import { CAPABILITY_LABELS, ROLE_LABELS, type Role } from '../../server/engine/vocabulary.ts';
import { renderEeg } from '../../server/report/documents/eeg.ts';
import { renderFeedbackForm } from '../../server/report/documents/feedback-form.ts';
import { MSEL_COLUMNS, plainText, renderMselCsv, renderMselHtml } from '../../server/report/documents/msel.ts';
import { renderSitman } from '../../server/report/documents/sitman.ts';
import { MINI, ROOT } from '../helpers/server.ts';

/** Every bundled drill, so a new one is checked for spoilers the day it lands. */
const BUNDLED = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();
const loaded = new Map<string, { drill: Drill; stats: ExploreResult }>();
const drill = (id: string) => {
  if (!loaded.has(id)) loaded.set(id, loadDrill(join(ROOT, 'scenarios', `${id}.yaml`)));
  return loaded.get(id)!;
};

/** The text a reader sees: tags dropped, entities decoded, spaces collapsed. */
function visible(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<\/?(strong|em|code|span|label)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Stretches of at least 28 characters of a text as a reader sees it, one per sentence or item. */
function fragments(markdown: string): string[] {
  return plainText(markdown)
    .split(/(?<=[.!?:;])\s+|\n/)
    .map((s) => s.replace(/^• /, '').replace(/\s+/g, ' ').trim())
    .filter((s) => s.length >= 28)
    .map((s) => s.slice(0, 60));
}

/** RFC 4180 parsing, strict: a quote inside an unquoted field, or a bare CR or LF outside quotes, fails. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bad character in an unquoted field at ${i}`);
        cell += text[i++];
      }
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`expected a comma or CRLF at ${i}`);
  }
  return rows;
}

describe('Situation Manual', () => {
  it.each(BUNDLED)('%s: the opening, the estate and the rules, and nothing of what comes later', (id) => {
    const { drill: d, stats } = drill(id);
    const text = visible(renderSitman(d, stats));
    const s = d.scenario;
    const first = d.injects[d.first]!.inject;
    // what a player sees on the first screen is there
    expect(text).toContain(first.title);
    for (const f of fragments(first.body)) expect(text).toContain(f);
    for (const role of s.roles.in_play) expect(text).toContain(s.roles.define?.[role] ?? ROLE_LABELS[role as Role]);
    for (const m of s.estate.models) expect(text).toContain(m.name ?? m.id);
    for (const c of s.clocks) expect(text).toContain(c.label);
    for (const word of [
      'Purpose',
      'Scope',
      'Objectives',
      'Starting situation',
      'The estate at the start',
      'Rules of play',
      'Roles',
      'Schedule',
    ])
      expect(text).toContain(word);
    // and nothing else of the story: later injects, any option, prompt, feedback, note, ending, task, technique or source
    const leaks: string[] = [];
    // what the estate already shows (a model's source named again in a later artifact) is no leak
    const shown = JSON.stringify(s.estate);
    const check = (what: string, fragment: string) =>
      text.includes(fragment) && !shown.includes(fragment) && leaks.push(`${what}: ${fragment}`);
    for (const injectId of d.order) {
      const inject = d.injects[injectId]!.inject;
      if (injectId !== d.first) {
        if (inject.title.length >= 15) check('later inject title', inject.title);
        for (const f of fragments(inject.body)) check('later inject text', f);
        for (const a of inject.artifacts) if (a.title.length >= 15) check('later artifact', a.title);
      }
      if (inject.notes) for (const f of fragments(inject.notes)) check('facilitator notes', f);
      if (inject.decision) {
        for (const f of fragments(inject.decision.prompt)) check('decision prompt', f);
        for (const o of inject.decision.options) {
          check('option', o.label.slice(0, 40));
          for (const f of fragments(o.feedback ?? '')) check('option feedback', f);
        }
      }
    }
    for (const e of s.endings) for (const f of [e.title, ...fragments(e.body)]) if (f.length >= 12) check('ending', f);
    for (const e of s.expectations) check('critical task', e.text.slice(0, 40));
    for (const o of s.objectives) check('drill objective', o.slice(0, 40));
    for (const description of Object.values(s.flags)) check('flag', description.slice(0, 40));
    expect(text).not.toMatch(/AML\.[TMC]/);
    expect(leaks).toEqual([]);
  });

  it("names roles by their display names, the drill's own ones included, and marks the lead", () => {
    const { drill: d, stats } = drill('poisoned-support-agent');
    const text = visible(renderSitman(d, stats));
    expect(text).toContain('Customer support lead');
    expect(text).toContain('Legal counsel');
    expect(text).toMatch(/IR lead Commands the response and owns the incident record\. Lead role/);
    expect(text).not.toMatch(/\bir-lead\b|\bsupport-lead\b/);
  });
});

describe('Master Scenario Events List', () => {
  it('lists every inject with its sim times, phase, reach, expected action, tests and notes', () => {
    const { drill: d, stats } = drill('poisoned-fraud-detector');
    const html = renderMselHtml(d, stats);
    const text = visible(html);
    for (const id of d.order) expect(text).toContain(d.injects[id]!.inject.title);
    expect(text).toContain('0m on the best path');
    expect(text).toContain('The start of the exercise');
    expect(text).toMatch(/Reached After “False approvals climbing on digital goods”/);
    expect(text).toContain('Expected action Run MIR-07.');
    expect(text).toContain('(harmful)');
    expect(text).toContain('Patient-zero timeline.');
    for (const e of d.scenario.expectations) expect(text).toContain(e.text.replace(/\.$/, ''));
    const times = [...text.matchAll(/(?:Sim time |· )(\d+[dhm](?: \d+[hm])*|not) on the (?:best|worst) path/g)]
      .map((m) => m[1])
      .filter((t) => t !== 'not');
    expect(times.length).toBeGreaterThan(d.order.length);
    for (const t of times) expect(t).toMatch(/^(\d+d)?( ?\d+h)?( ?\d\d?m)?$/);
    expect(text).not.toContain('sim-min');
    expect(html).toContain('Controllers, facilitators and evaluators only');
  });

  it('says branch conditions in words: flags by their description, options by their label, no ids', () => {
    const { drill: d, stats } = drill('backdoored-registry-model');
    const rows = parseCsv(renderMselCsv(d, stats));
    const col = (name: (typeof MSEL_COLUMNS)[number]) => MSEL_COLUMNS.indexOf(name);
    const reached = rows
      .slice(1)
      .map((r) => `${r[col('reached_when')]} | ${r[col('shown_only_if')]}`)
      .join('\n');
    expect(reached).toMatch(/when the team chose “/);
    expect(reached).toMatch(/no decision was reached in time/);
    for (const flag of Object.keys(d.scenario.flags))
      expect(reached).not.toMatch(new RegExp(`(?<![\\w-])${flag}(?![\\w-])`));
    for (const id of d.order) expect(reached).not.toMatch(new RegExp(`“${id}”`));
  });

  it('CSV: RFC 4180 with CRLF, one row per inject, times in the one duration format, formula cells neutralised', () => {
    const text = readFileSync(MINI, 'utf8')
      .replace('title: Alert', 'title: "=HYPERLINK(\\"http://x\\",\\"click\\")"')
      .replace(
        'notes: The model was poisoned.',
        'notes: "+SUM(A1:A2) and a \\"quote\\", a comma\\n\\nand a line break"',
      )
      .replace('label: Wait', 'label: "@cmd wait"');
    const { drill: d, stats } = checkDrillText('hostile.yaml', text) as { drill: Drill; stats: ExploreResult };
    const csv = renderMselCsv(d, stats);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '').includes('\r')).toBe(false);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...MSEL_COLUMNS]);
    expect(rows).toHaveLength(1 + d.order.length);
    for (const r of rows) expect(r).toHaveLength(MSEL_COLUMNS.length);
    const col = (name: (typeof MSEL_COLUMNS)[number]) => MSEL_COLUMNS.indexOf(name);
    const alert = rows[1]!;
    expect(alert[col('inject')]).toBe('\'=HYPERLINK("http://x","click")');
    expect(alert[col('facilitator_notes')]).toBe('\'+SUM(A1:A2) and a "quote", a comma\nand a line break');
    expect(alert[col('harmful_options')]).toContain('@cmd wait');
    expect(alert[col('expected_action')]).toBe('Snapshot then roll back');
    expect(alert[col('tests')]).toContain('Contain within the SLA (Containment)');
    expect(rows[3]![col('not_before')]).toBe('3h');
    for (const r of rows.slice(1))
      for (const c of ['best_path_time', 'worst_path_time', 'not_before'] as const)
        expect(r[col(c)]).toMatch(/^(\d+d)?( ?\d+h)?( ?\d\d?m)?$/);
    for (const r of rows.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('Exercise Evaluation Guide and feedback form', () => {
  it('the EEG holds every critical task under its capability, with its standard and a P/S/M/U space', () => {
    const { drill: d, stats } = drill('poisoned-fraud-detector');
    const html = renderEeg(d, stats);
    const text = visible(html);
    for (const e of d.scenario.expectations) expect(text).toContain(e.text.replace(/\.$/, ''));
    for (const cap of new Set(d.scenario.expectations.map((e) => e.capability)))
      expect(text).toContain(CAPABILITY_LABELS[cap]);
    expect(text).toContain('by 2h of sim time');
    expect(text).toMatch(/Never: /);
    expect(text).toContain('Tested at: “');
    // a rating space per task and one per capability
    const tasks = d.scenario.expectations.length;
    const capabilities = (html.match(/Capability rating:/g) ?? []).length;
    expect((html.match(/<span class="box" aria-hidden="true"><\/span>P</g) ?? []).length).toBe(tasks + capabilities);
    for (const r of [
      'Performed without challenges',
      'Performed with some challenges',
      'Performed with major challenges',
      'Unable to be performed',
    ])
      expect(text).toContain(r);
  });

  it('the feedback form asks the hot-wash questions, with a 1-5 confidence per capability and the roles to tick', () => {
    const { drill: d, stats } = drill('poisoned-agent-tool');
    const text = visible(renderFeedbackForm(d, stats));
    expect(text).toContain('What worked?');
    expect(text).toContain('What did not?');
    expect(text).toContain('How confident are you');
    expect(text).toContain('Platform engineering lead (agents and developer tooling)');
    for (const cap of new Set(d.scenario.expectations.map((e) => e.capability)))
      expect(text).toContain(CAPABILITY_LABELS[cap]);
  });

  it('escapes every string from the drill, in every document, and gives the same bytes twice', () => {
    const text = readFileSync(MINI, 'utf8')
      .replace('title: Mini drill', 'title: "<script>alert(1)</script>"')
      .replace('body: Something is **off**.', 'body: "<img src=x onerror=alert(1)> **off**"');
    const { drill: d, stats } = checkDrillText('hostile.yaml', text) as { drill: Drill; stats: ExploreResult };
    for (const render of [renderSitman, renderMselHtml, renderEeg, renderFeedbackForm]) {
      const html = render(d, stats);
      expect(html).not.toMatch(/<script|<img/);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(render(d, stats)).toBe(html);
    }
  });
});

describe('breachdrill sitman, msel, eeg, feedback-form', () => {
  const cli = (...args: string[]) =>
    spawnSync('node', ['bin/breachdrill.js', ...args], { encoding: 'utf8', cwd: ROOT });

  it(
    'write each document to stdout or --out, the MSEL also as CSV; a wrong format is a usage error',
    { timeout: 180_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'breachdrill-docs-'));
      try {
        const out = join(dir, 'sitman.html');
        const written = cli('sitman', MINI, '--out', out);
        expect(written.status).toBe(0);
        expect(written.stderr).toContain(`wrote ${out}`);
        expect(readFileSync(out, 'utf8')).toContain('Situation Manual');
        const csv = cli('msel', MINI, '--format', 'csv');
        expect(csv.status).toBe(0);
        expect(csv.stdout.startsWith(`${MSEL_COLUMNS.join(',')}\r\n`)).toBe(true);
        const wrong = cli('eeg', MINI, '--format', 'csv');
        expect(wrong.status).toBe(2);
        expect(wrong.stderr).toContain('eeg --format: expected html, found "csv"');
        expect(cli('sitman').status).toBe(2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
