/**
 * A parsed YAML document that remembers where every value came from, so that diagnostics can
 * point at line:column.
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { Diagnostic, DocPath } from './diagnostics.ts';
import { formatPath } from './diagnostics.ts';

export interface YamlSource {
  file: string;
  data: unknown;
  /** Parse errors, already as diagnostics; when any, `data` may be partial. */
  syntaxErrors: Diagnostic[];
  /**
   * 1-based line and column of the value at `path`, or of its nearest existing ancestor.
   * With `key`, of the map key that ends `path` instead (for a misspelt field or record key).
   */
  locate(path: DocPath, options?: { key?: boolean }): { line: number; column: number };
}

/**
 * Parses YAML text and keeps positions for {@link YamlSource.locate}.
 *
 * Duplicate keys are found here in one pass with a set per mapping: the yaml package's own
 * `uniqueKeys` check compares every key with every earlier one, which took 19 s for a mapping of
 * 32,000 keys (and the server loads drills with this code at start).
 */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const syntax = (offset: number, message: string): Diagnostic => ({
    file,
    ...position(offset),
    path: '(document)',
    message: `YAML syntax: ${message}`,
    expected: 'valid YAML',
    severity: 'error',
  });
  const errors = [
    ...doc.errors.map((e) => ({ offset: e.pos[0], message: e.message.split('\n')[0]! })),
    ...duplicateKeys(doc),
  ];
  const syntaxErrors = onePerTabLine(
    text,
    errors.sort((a, b) => a.offset - b.offset),
  ).map((e) => syntax(e.offset, e.message));
  return {
    file,
    data: syntaxErrors.length ? safeToJs(doc) : doc.toJS(),
    syntaxErrors,
    locate: (path, options) => position(offsetOf(doc, path, options?.key ?? false)),
  };
}

/** Every repeated key of every mapping, at the repeat: one set per mapping, so linear in the document. */
function duplicateKeys(doc: Document): Array<{ offset: number; message: string }> {
  const found: Array<{ offset: number; message: string }> = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key))
          found.push({ offset: rangeStart(pair.key) ?? rangeStart(map) ?? 0, message: 'Map keys must be unique' });
        seen.add(key);
      }
    },
  });
  return found;
}

/**
 * A tab used for indentation makes the parser report that and then whatever the line no longer
 * means; keep only the tab message for such a line, so one tab gives one message.
 */
function onePerTabLine(
  text: string,
  errors: Array<{ offset: number; message: string }>,
): Array<{ offset: number; message: string }> {
  const tabLines = new Set<number>();
  const lineOf = (offset: number) => text.lastIndexOf('\n', offset - 1);
  for (const e of errors) if (/tab/i.test(e.message)) tabLines.add(lineOf(e.offset));
  if (tabLines.size === 0) return errors;
  return errors.filter((e) => /tab/i.test(e.message) || !tabLines.has(lineOf(e.offset)));
}

function safeToJs(doc: Document): unknown {
  try {
    return doc.toJS();
  } catch {
    return undefined;
  }
}

/** Each mapping's pairs by key, built on the first lookup: locating thousands of diagnostics stays linear. */
const pairIndex = new WeakMap<YAMLMap, Map<unknown, Pair>>();

function pairOf(map: YAMLMap, segment: string | number): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      if (isPair(item) && isScalar(item.key) && !index.has(item.key.value)) index.set(item.key.value, item);
    }
    pairIndex.set(map, index);
  }
  return index.get(segment);
}

/** Offset of the deepest node along `path` (or of its last key); a missing key points at its parent. */
function offsetOf(doc: Document, path: DocPath, key: boolean): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = pairOf(node as YAMLMap, segment);
      if (!pair) break;
      const atKey = key && index === path.length - 1;
      offset = (atKey ? rangeStart(pair.key) : rangeStart(pair.value)) ?? rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** Builds a diagnostic at `path` in `source`. */
export function diagnosticAt(
  source: YamlSource,
  path: DocPath,
  message: string,
  extra: {
    found?: string | undefined;
    expected?: string | undefined;
    suggestion?: string | undefined;
    severity?: 'error' | 'warning';
    key?: boolean;
  } = {},
): Diagnostic {
  const { line, column } = source.locate(path, { key: extra.key ?? false });
  return {
    file: source.file,
    line,
    column,
    path: formatPath(path),
    message,
    ...(extra.found !== undefined ? { found: extra.found } : {}),
    ...(extra.expected !== undefined ? { expected: extra.expected } : {}),
    ...(extra.suggestion !== undefined ? { suggestion: extra.suggestion } : {}),
    severity: extra.severity ?? 'error',
  };
}

/** The raw value at `path` in parsed data, or undefined. */
export function valueAt(data: unknown, path: DocPath): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}
