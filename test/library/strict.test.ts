/**
 * `breachdrill check --strict`: the programmable rules of the drill checklist. The quick starter
 * drill (server/templates/quick.yaml) passes them all; each test breaks one rule in a copy of it
 * and expects exactly that rule's error, where the author has to fix it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderStarterDrill } from '../../server/cli-new.ts';
import { checkDrillText } from '../../server/engine/check.ts';
import { formatDiagnostic } from '../../server/engine/diagnostics.ts';
import { injectWords, wordCount } from '../../server/engine/quality.ts';

const QUICK = renderStarterDrill('strict-fixture', true, 'scenarios').text;
const FULL = renderStarterDrill('full-fixture', false, 'scenarios').text;

/** The strict errors of `text`, one formatted line each. */
function strictErrors(text: string): string[] {
  const result = checkDrillText('d.yaml', text, { strict: true });
  return result.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => formatDiagnostic(d).replace('d.yaml:', ''));
}

/** Replaces the first occurrence of `from`, failing loudly if the template no longer has it. */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the template no longer contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

describe('check --strict', () => {
  it('the quick starter drill meets every rule, and the plain check ignores the rules', () => {
    expect(strictErrors(QUICK)).toEqual([]);
    const noFeedback = QUICK.replace(/\n\s+feedback: .*/g, '');
    expect(checkDrillText('d.yaml', noFeedback).errors).toBe(0);
  });

  it('every option needs feedback, at most 80 words of it', () => {
    const missing = edit(
      QUICK,
      '              feedback: The table shows it. Naming the accounts turns a vague "bad data" into a filter the retrain can use.\n',
      '',
    );
    expect(strictErrors(missing)).toEqual([
      '119:15  error  phases[0].injects[1].decision.options[0]: option "coordinated" has no feedback [strict: feedback] (expected feedback with the consequence and the principle behind it)',
    ]);
    const long = edit(QUICK, 'The table shows it.', `The table shows it. ${'word '.repeat(70)}`);
    expect(strictErrors(long)).toEqual([
      '125:25  error  phases[0].injects[1].decision.options[0].feedback: 89 words of feedback [strict: feedback-words] (expected at most 80)',
    ]);
  });

  it('every decision needs facilitator notes', () => {
    const text = edit(
      QUICK,
      '        notes: The young accounts are the source; the team should see it in the table, not guess.\n',
      '',
    );
    expect(strictErrors(text)).toEqual([
      '100:9  error  phases[0].injects[1]: a decision without facilitator notes [strict: notes] (expected notes with what good looks like and the likely argument)',
    ]);
  });

  it('at most 250 words to read per inject, counting the body, the prompt and the option labels', () => {
    const text = edit(
      QUICK,
      'Product wants the assistant learning again by tonight.',
      `Product wants the assistant learning again by tonight. ${'more '.repeat(220)}`,
    );
    const errors = strictErrors(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /phases\[1\]\.injects\[1\]\.body: 2\d\d words to read at this inject \[strict: inject-words\]/,
    );
    expect(wordCount('**Bold** words - and 42 `code`')).toBe(5);
  });

  it('a drill names its sources', () => {
    const text = edit(
      QUICK,
      'provenance:\n  - atlas: AML.CS0009\n',
      'x-provenance-removed:\n  - atlas: AML.CS0009\n',
    ).replace(/x-provenance-removed:\n  - atlas: AML.CS0009\n    note: .*\n/, '');
    expect(strictErrors(text)).toEqual([
      '7:8  error  title: the drill names no source [strict: provenance] (expected a "provenance" list: the ATLAS case studies and public incidents it draws on)',
    ]);
  });

  it('summed discussion time stays within 55% of the planned minutes', () => {
    const text = QUICK.replaceAll('discuss: 90s', 'discuss: 3m');
    expect(strictErrors(text)).toEqual([
      '12:10  error  minutes: discussion limits add up to 75% of the 20 minutes [strict: pace] (found 15 minutes of "discuss"; expected at most 55% (the rest is reading, facilitation and debrief))',
    ]);
  });

  it('every expectation has an owner, a corrective action and a CSF 2.0 subcategory', () => {
    let text = edit(QUICK, '    csf: [RS.MI-02]', '    csf: [RS.MI]');
    text = edit(
      text,
      '    corrective_action: Give the incident lead the right to pause any learning pipeline.\n    owner: ml-engineer\n',
      '',
    );
    expect(strictErrors(text)).toEqual([
      '265:5  error  expectations[2]: expectation "pause-loop" has no corrective action [strict: expectation-action] (expected a corrective_action someone can start on Monday)',
      '265:5  error  expectations[2]: expectation "pause-loop" has no owner [strict: expectation-owner] (expected an owner for the improvement plan)',
      '265:5  error  expectations[2]: expectation "pause-loop" names no CSF 2.0 subcategory [strict: expectation-csf] (expected a subcategory that matches the action, such as "RS.MI-01")',
    ]);
  });

  it('a regulatory clock cites its provision', () => {
    const text = edit(
      QUICK,
      'kind: sla, limit: 1h, stops_on: contained, reference: Support runbook SR-3 (SEV-2 target) }',
      'kind: regulatory, limit: 1h, stops_on: contained }',
    );
    expect(strictErrors(text)).toContain(
      '48:5  error  clocks[0]: regulatory clock "sla" cites no provision [strict: clock-reference] (expected a reference such as "GDPR Art. 33(1)")',
    );
  });

  it('the best path scores 100% in every capability: no points that only a worse path can earn', () => {
    const text = edit(QUICK, 'score: { detection: -1, containment: -1 }', 'score: { detection: -1, containment: 5 }');
    const errors = strictErrors(text);
    expect(
      errors.some((e) =>
        /the best path scores \d+ in (detection & analysis|containment), another path \d+ \[strict: ideal-path\]/.test(
          e,
        ),
      ),
    ).toBe(true);
  });

  it('the best path beats each SLA clock with a quarter of its time to spare', () => {
    const text = edit(QUICK, 'kind: sla, limit: 1h,', 'kind: sla, limit: 40m,');
    expect(strictErrors(text)).toEqual([
      '48:5  error  clocks[0]: the best path meets SLA clock "sla" with less than 25% to spare [strict: sla-slack] (found 35m of 40m; expected stopped within 30m)',
    ]);
  });

  it('a drill is quick (15-25 minutes, 5-7 decisions) or full (60-90 minutes, 12 or more)', () => {
    expect(strictErrors(edit(QUICK, 'minutes: 20', 'minutes: 40'))).toContain(
      '12:10  error  minutes: 40 minutes [strict: length] (expected a quick drill of 15 to 25 minutes or a full drill of 60 to 90)',
    );
    expect(strictErrors(FULL)).toEqual([
      '54:3  error  phases: 1 branch chosen by state [strict: branches] (expected at least 2 injects or routes with a "when")',
      '54:3  error  phases: 7 decisions on the best path [strict: decisions] (expected at least 12 for a full drill)',
      '299:3  error  expectations: 7 expectations [strict: expectations] (expected 8 to 14 for a full drill)',
    ]);
  });

  it('counts what players read at an inject', () => {
    const { drill } = checkDrillText('d.yaml', QUICK);
    expect(injectWords(drill!.injects.batch!.inject)).toBe(
      wordCount(drill!.injects.batch!.inject.body) +
        wordCount('What do you conclude?') +
        drill!.injects.batch!.inject.decision!.options.reduce((n, o) => n + wordCount(o.label), 0),
    );
  });

  it(
    'the command exits 1 and names the rule, and exits 0 with "meets every strict quality rule"',
    { timeout: 120_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'strict-'));
      const good = join(dir, 'good.yaml');
      const bad = join(dir, 'bad.yaml');
      writeFileSync(good, QUICK);
      writeFileSync(bad, QUICK.replaceAll('discuss: 90s', 'discuss: 3m'));
      const pass = spawnSync('node', ['bin/breachdrill.js', 'check', '--strict', good], { encoding: 'utf8' });
      expect(pass.status).toBe(0);
      expect(pass.stdout).toContain('meets every strict quality rule');
      const fail = spawnSync('node', ['bin/breachdrill.js', 'check', '--strict', bad], { encoding: 'utf8' });
      expect(fail.status).toBe(1);
      expect(fail.stdout).toContain('[strict: pace]');
      const plain = spawnSync('node', ['bin/breachdrill.js', 'check', bad], { encoding: 'utf8' });
      expect(plain.status).toBe(0);
    },
  );
});
