/**
 * The message catalog is the seam for a translation (issue 13 item 15): every word a view shows
 * comes from client/src/text/messages.ts. This test reads each .tsx file under client/src with
 * the parser Vite already ships (oxc, through `parseSync`) and fails on English words written
 * inline: a JSX text node, a string in aria-label, title, placeholder, alt or label, or a string
 * put straight into the markup (`{busy ? 'Saving…' : 'Save'}`). Each offender is named file:line.
 * Symbols (·, ×, ★, →, ✓) are not words and pass; drill and server content comes in through
 * variables and is not seen here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseSync, Visitor } from 'vite';
import { describe, expect, it } from 'vitest';
import { messages, type Messages } from '../../client/src/text/messages.ts';
import { reportWords, type ReportWords } from '../../client/src/text/reportWords.ts';

const ROOT = join(import.meta.dirname, '../..');
const CLIENT = join(ROOT, 'client/src');

/** Two letters in a row make a word; '·', '×', '↓', 'T+' and '%' do not. */
const WORDS = /[A-Za-z]{2,}/;

/** Attributes a person reads (or hears from a screen reader). */
const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label']);

/**
 * Inline words that stay, each with its reason. Keep it small: the way to pass is to move the
 * words into the catalog, not to list them here.
 */
const ALLOWED: readonly { file: string; text: string; reason: string }[] = [];

const PENDING: readonly string[] = [];

interface Offender {
  file: string;
  line: number;
  text: string;
}

/** The inline English of one .tsx source: JSX text, read attributes, strings put into markup. */
export function inlineWords(file: string, source: string): Offender[] {
  const parsed = parseSync(file, source);
  if (parsed.errors.length) throw new Error(`${file}: ${parsed.errors[0]!.message}`);
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const found: Offender[] = [];
  const add = (start: number, text: string) => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (WORDS.test(t) && !ALLOWED.some((a) => a.file === file && a.text === t))
      found.push({ file, line: lineOf(start), text: t });
  };
  type Node = { type: string; start: number; end: number; [k: string]: unknown };
  /** A string that ends up in the markup: itself, or a branch of `? :`, `&&`, `??`, `||`. */
  const strings = (e: Node | null | undefined): void => {
    if (!e) return;
    if (e.type === 'Literal' && typeof e.value === 'string') add(e.start, e.value);
    else if (e.type === 'TemplateLiteral')
      for (const q of e.quasis as { start: number; value: { cooked: string } }[]) add(q.start, q.value.cooked);
    else if (e.type === 'ConditionalExpression') {
      strings(e.consequent as Node);
      strings(e.alternate as Node);
    } else if (e.type === 'LogicalExpression') {
      strings(e.left as Node);
      strings(e.right as Node);
    }
  };
  const children = (kids: Node[]) => {
    for (const k of kids) {
      if (k.type === 'JSXText') add(k.start + (k.value as string).search(/\S|$/), k.value as string);
      else if (k.type === 'JSXExpressionContainer') strings(k.expression as Node);
    }
  };
  new Visitor({
    JSXElement: (n) => children(n.children as unknown as Node[]),
    JSXFragment: (n) => children(n.children as unknown as Node[]),
    JSXAttribute: (n) => {
      const name = n.name.type === 'JSXIdentifier' ? n.name.name : `${n.name.namespace.name}:${n.name.name.name}`;
      if (!READ_ATTRIBUTES.has(name) || !n.value) return;
      if (n.value.type === 'Literal') add(n.value.start, String(n.value.value));
      else if (n.value.type === 'JSXExpressionContainer') strings(n.value.expression as unknown as Node);
    },
  }).visit(parsed.program);
  return found.sort((a, b) => a.line - b.line);
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.tsx'))
    .map((d) => relative(ROOT, join(d.parentPath, d.name)))
    .sort();
}

describe('message catalog', () => {
  it('finds each kind of inline English, with its line', () => {
    const source = [
      'export const A = ({ busy, n }: { busy: boolean; n: number }) => (',
      '  <div title="Board" aria-label={`Team ${n}`}>',
      '    Hello there',
      "    {busy ? 'Saving…' : null}",
      '    <input placeholder="Your name" alt={n ? "×" : "A photo"} />',
      "    {'·'} × ★ {n} T+ {`${n}%`}",
      '  </div>',
      ');',
    ].join('\n');
    expect(inlineWords('x.tsx', source).map((o) => `${o.line} ${o.text}`)).toEqual([
      '2 Board',
      '2 Team',
      '3 Hello there',
      '4 Saving…',
      '5 Your name',
      '5 A photo',
    ]);
  });

  it('no .tsx file under client/src writes English inline: the words are in the catalog', () => {
    const files = tsxFiles(CLIENT).filter((f) => !PENDING.includes(f));
    expect(files.length).toBeGreaterThan(40);
    const offenders = files.flatMap((f) => inlineWords(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders.map((o) => `${o.file}:${o.line} ${JSON.stringify(o.text)}`)).toEqual([]);
  });

  it('every word in the catalog is a sentence or a function of the numbers and names it takes', () => {
    const catalog: Messages = messages;
    const reports: ReportWords = reportWords;
    const leaves: Array<[string, unknown]> = [];
    const walk = (value: unknown, path: string): void => {
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
      else leaves.push([path, value]);
    };
    walk(catalog, 'messages');
    walk(reports, 'reportWords');
    expect(leaves.length).toBeGreaterThan(700);
    for (const [path, value] of leaves) {
      expect(['string', 'function'], path).toContain(typeof value);
      if (typeof value === 'string') expect(value.trim(), path).not.toBe('');
      if (typeof value === 'string') expect(value, path).not.toMatch(/ {2}|\.\.(?!\.)/);
    }
  });

  it('every allow-list entry has a reason and is still used', () => {
    for (const a of ALLOWED) {
      expect(a.reason.length).toBeGreaterThan(10);
      expect(readFileSync(join(ROOT, a.file), 'utf8')).toContain(a.text);
    }
  });
});
