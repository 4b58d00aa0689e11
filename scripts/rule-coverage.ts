/**
 * Rule coverage: every rule ID in docs/protocol.md (`- **P1**`, `- **H4a**`, …) must be cited
 * in the name of at least one test (an `it`, `test` or `describe` title under test/). Exits 1
 * and lists the uncovered rules otherwise.
 *
 * Usage: npm run rules [-- --list]   (--list also prints which test files cite each rule)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface Rule {
  id: string;
  /** The rule's first line, for the report. */
  text: string;
}

/** The rules a Markdown document defines, in order. */
export function rulesIn(markdown: string): Rule[] {
  return [...markdown.matchAll(/^- \*\*([A-Z]\d+[a-z]?)\*\*\s*(.*)$/gm)].map((m) => ({
    id: m[1]!,
    text: m[2]!.trim(),
  }));
}

// A call's arguments, up to three levels of nested parentheses: `.skipIf(!x)`, `.each(xs.map((x) => f(x)))`.
const ARGS = String.raw`\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)`;
const TITLE = new RegExp(
  String.raw`\b(?:it|test|describe)(?:\.\w+(?:${ARGS})?)*\(\s*(['"\x60])((?:\\.|(?!\1)[^\\])*)\1`,
  'g',
);

/** The titles of the tests and suites in a test file's source. */
export function testTitles(source: string): string[] {
  return [...source.matchAll(TITLE)].map((m) => m[2]!);
}

/** Whether `title` cites rule `id` as a word of its own (P5 is not cited by "P5a"). */
export function cites(title: string, id: string): boolean {
  return new RegExp(String.raw`(?<![A-Za-z0-9])${id}(?![A-Za-z0-9])`).test(title);
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function main(): number {
  const rules = rulesIn(readFileSync(join(root, 'docs/protocol.md'), 'utf8'));
  if (rules.length === 0) {
    console.error('rules: docs/protocol.md defines no rule IDs ("- **P1** …"); is the file in its usual shape?');
    return 1;
  }
  const titles = testFiles(join(root, 'test')).map((file) => ({
    file: relative(root, file),
    titles: testTitles(readFileSync(file, 'utf8')),
  }));
  const citedBy = new Map(
    rules.map((r) => [r.id, titles.filter((t) => t.titles.some((title) => cites(title, r.id))).map((t) => t.file)]),
  );
  const missing = rules.filter((r) => citedBy.get(r.id)!.length === 0);
  if (process.argv.includes('--list')) {
    for (const r of rules) console.log(`${r.id.padEnd(4)} ${citedBy.get(r.id)!.join(', ') || '(none)'}`);
  }
  if (missing.length) {
    console.error(
      `rules: ${missing.length} of ${rules.length} rules in docs/protocol.md have no test citing them in its name:`,
    );
    for (const r of missing) console.error(`  ${r.id}  ${r.text.slice(0, 100)}`);
    console.error(
      "Name a test after the rule it checks, e.g. it('P4: every accepted change bumps the version by one', …).",
    );
    return 1;
  }
  console.log(`rules: all ${rules.length} rules in docs/protocol.md are cited by at least one test`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
