/**
 * Diagnostics: every problem found in a drill file, with where it is and what was expected.
 */

/** One problem in a drill file. `path` is the place in the document, e.g. `phases[0].injects[2].next`. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
  found?: string;
  expected?: string;
  /** The known name closest to a misspelt one. */
  suggestion?: string;
  severity: 'error' | 'warning';
}

/** A path into the parsed document: keys and array indexes. */
export type DocPath = ReadonlyArray<string | number>;

/** `['phases', 0, 'injects', 2]` → `phases[0].injects[2]`. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out || '(document)';
}

/** `file:line:col  path: message (found …; expected …)`, the line the CLI prints. */
export function formatDiagnostic(d: Diagnostic): string {
  const details = [
    d.found !== undefined ? `found ${d.found}` : '',
    d.suggestion ? `did you mean "${d.suggestion}"?` : '',
    d.expected ? `expected ${d.expected}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const tag = d.severity === 'warning' ? 'warning' : 'error';
  return `${d.file}:${d.line}:${d.column}  ${tag}  ${d.path}: ${d.message}${details ? ` (${details})` : ''}`;
}

/** Short, printable rendering of a value found in the document. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length ? `an object with ${keys.map((k) => `"${k}"`).join(', ')}` : 'an empty object';
  }
  return String(value);
}
