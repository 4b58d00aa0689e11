/**
 * A parsed YAML document that remembers where every value came from, so that diagnostics can
 * point at line:column.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
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

/** Parses YAML text and keeps positions for {@link YamlSource.locate}. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const syntaxErrors: Diagnostic[] = doc.errors.map((error) => {
    const { line, column } = position(error.pos[0]);
    return {
      file,
      line,
      column,
      path: '(document)',
      message: `YAML syntax: ${error.message.split('\n')[0]}`,
      expected: 'valid YAML',
      severity: 'error',
    };
  });
  return {
    file,
    data: syntaxErrors.length ? safeToJs(doc) : doc.toJS(),
    syntaxErrors,
    locate: (path, options) => position(offsetOf(doc, path, options?.key ?? false)),
  };
}

function safeToJs(doc: Document): unknown {
  try {
    return doc.toJS();
  } catch {
    return undefined;
  }
}

/** Offset of the deepest node along `path` (or of its last key); a missing key points at its parent. */
function offsetOf(doc: Document, path: DocPath, key: boolean): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
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
  extra: { found?: string | undefined; expected?: string | undefined; suggestion?: string | undefined; severity?: 'error' | 'warning'; key?: boolean } = {},
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
