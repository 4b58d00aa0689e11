/**
 * docs/authoring.md cannot drift from the code: its example drill is extracted and checked and
 * played, the `check --strict` output it shows is what the checker prints, and every "common
 * mistake" is applied to the example and must print exactly the errors the guide shows.
 * UPDATE_GOLDEN=1 rewrites the printed outputs in the guide.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDrillText } from '../../server/engine/check.ts';
import { formatDiagnostic } from '../../server/engine/diagnostics.ts';
import { outcomeOf } from '../../server/engine/outcome.ts';
import { play, type Strategy } from '../../server/engine/playthrough.ts';

const GUIDE = 'docs/authoring.md';
let guide = readFileSync(GUIDE, 'utf8');

const exampleMatch = /<!-- example: (\S+)[^\n]*-->\n```yaml\n([\s\S]*?)```/.exec(guide);
if (!exampleMatch) throw new Error(`${GUIDE} has no <!-- example: FILE --> block`);
const [, FILE, EXAMPLE] = exampleMatch as unknown as [string, string, string];

/** Every diagnostic `check` (or `check --strict`) prints for `text`, one line each. */
function printed(text: string, strict = false): string {
  return checkDrillText(FILE, text, { strict }).diagnostics.map(formatDiagnostic).join('\n');
}

/** The ```text block that follows `marker` in the guide, and where it is. */
function blockAfter(marker: string): { text: string; start: number; end: number } {
  const at = guide.indexOf(marker);
  const open = guide.indexOf('```text\n', at) + '```text\n'.length;
  const close = guide.indexOf('```', open);
  return { text: guide.slice(open, close).replace(/\n$/, ''), start: open, end: close };
}

function expectBlock(marker: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN) {
    const { start, end } = blockAfter(marker);
    guide = `${guide.slice(0, start)}${actual}\n${guide.slice(end)}`;
    writeFileSync(GUIDE, guide);
  }
  expect(actual).toBe(blockAfter(marker).text);
}

const MISTAKES = [...guide.matchAll(/<!-- mistake: replace ("(?:[^"\\]|\\.)*") with ("(?:[^"\\]|\\.)*") -->/g)].map(
  (m) => ({
    marker: m[0],
    from: JSON.parse(m[1]!) as string,
    to: JSON.parse(m[2]!) as string,
  }),
);

describe('docs/authoring.md', () => {
  it('its example is a valid drill that reaches an ending on every kind of path', () => {
    expect(printed(EXAMPLE)).toBe('');
    const { drill, stats } = checkDrillText(FILE, EXAMPLE);
    const strategies: Strategy[] = [
      { kind: 'best' },
      { kind: 'worst' },
      ...[1, 2, 3, 4].map((seed): Strategy => ({ kind: 'random', seed })),
    ];
    for (const strategy of strategies)
      expect(outcomeOf(drill!, stats!, play(drill!, stats!, strategy).state).finished).toBe(true);
    const best = outcomeOf(drill!, stats!, play(drill!, stats!, { kind: 'best' }).state);
    expect(best.ending?.id).toBe('contained');
    expect(best.expectations.every((e) => e.met)).toBe(true);
  });

  it('shows what check --strict prints for the example', () => {
    expectBlock(`<!-- strict: ${FILE} -->`, printed(EXAMPLE, true));
  });

  it('lists common mistakes, each with the errors check prints for it', () => {
    expect(MISTAKES.length).toBeGreaterThanOrEqual(5);
    for (const mistake of MISTAKES) {
      expect(EXAMPLE.includes(mistake.from), `the example still contains ${JSON.stringify(mistake.from)}`).toBe(true);
      const output = printed(EXAMPLE.replace(mistake.from, mistake.to));
      expect(output, mistake.marker).toMatch(/error/);
      expectBlock(mistake.marker, output);
    }
  });
});
