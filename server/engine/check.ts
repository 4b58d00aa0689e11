/**
 * The whole check of a drill file: YAML, schema, references, then a search of every path.
 * Returns every diagnostic at once and, when there are no errors, the indexed drill and its
 * path statistics.
 */
import { readFileSync, statSync } from 'node:fs';
import { crossReference, injectPathsOf } from './crossref.ts';
import type { Diagnostic, DocPath } from './diagnostics.ts';
import { indexDrill, type Drill } from './drill.ts';
import { explore, type ExploreResult } from './explore.ts';
import { checkProvenance } from './provenance.ts';
import { qualityDiagnostics } from './quality.ts';
import { scenarioSchema } from './schema.ts';
import type { TeamEvent } from './team-state.ts';
import { issuesToDiagnostics } from './schema-errors.ts';
import { rawReferences } from './raw-references.ts';
import { diagnosticAt, parseYamlSource } from './yaml-source.ts';

export interface CheckResult {
  file: string;
  diagnostics: Diagnostic[];
  errors: number;
  drill?: Drill;
  stats?: ExploreResult;
}

export interface CheckOptions {
  /** Also apply the quality rules (quality.ts) to a drill with no errors. */
  strict?: boolean;
}

/** Checks drill text; `file` is only used to label diagnostics. */
export function checkDrillText(file: string, text: string, options: CheckOptions = {}): CheckResult {
  if (Buffer.byteLength(text) > MAX_DRILL_BYTES)
    return fileProblem(
      file,
      'file too large',
      `a drill of at most ${formatBytes(MAX_DRILL_BYTES)}`,
      formatBytes(Buffer.byteLength(text)),
    );
  const source = parseYamlSource(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const done = (diagnostics: Diagnostic[], drill?: Drill, stats?: ExploreResult): CheckResult => ({
    file,
    diagnostics: diagnostics.sort((a, b) => a.line - b.line || a.column - b.column),
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    ...(drill ? { drill } : {}),
    ...(stats ? { stats } : {}),
  });
  if (source.syntaxErrors.length) return done(source.syntaxErrors);
  const parsed = scenarioSchema.safeParse(source.data);
  if (!parsed.success) {
    // All errors at once: the parts that parsed still get their references checked.
    const schema = issuesToDiagnostics(source, parsed.error.issues);
    const seen = new Set(schema.map((d) => d.path));
    return done([...schema, ...rawReferences(source).filter((d) => !seen.has(d.path))]);
  }
  const scenario = parsed.data;
  const references = [...crossReference(source, scenario), ...checkProvenance(source, scenario.provenance)];
  if (references.some((d) => d.severity === 'error')) return done(references);

  const drill = indexDrill(scenario);
  const stats = explore(drill);
  const paths = injectPathsOf(scenario);
  const graph: Diagnostic[] = [];
  for (const problem of stats.problems) {
    const at = problem.event
      ? linkPath(drill, paths, problem.inject, problem.event)
      : (paths.get(problem.inject) ?? []);
    graph.push(
      diagnosticAt(source, at, problem.message, { expected: problem.expected ?? 'every path to reach an ending' }),
    );
  }
  if (stats.problems.length === 0) {
    for (const id of drill.order) {
      if (!stats.shown.has(id)) {
        graph.push(
          diagnosticAt(source, paths.get(id)!, `inject "${id}" is never shown on any path`, {
            expected: 'some choice or default order that leads to it with its "when" holding',
          }),
        );
      }
    }
    for (const id of drill.order) {
      drill.injects[id]!.inject.decision?.options.forEach((option, k) => {
        if (option.when && stats.shown.has(id) && !stats.offered.has(`${id}.${option.id}`)) {
          graph.push(
            diagnosticAt(
              source,
              [...paths.get(id)!, 'decision', 'options', k, 'when'],
              `option "${option.id}" is never offered on any path`,
              { expected: 'a "when" that holds on some path that shows the inject', severity: 'warning' },
            ),
          );
        }
      });
    }
    scenario.endings.forEach((ending, i) => {
      if (!stats.endingsReached.has(ending.id)) {
        graph.push(
          diagnosticAt(source, ['endings', i], `ending "${ending.id}" is never reached`, {
            expected: 'a "next" that leads to it',
            severity: 'warning',
          }),
        );
      }
    });
    scenario.expectations.forEach((e, i) => {
      if (!stats.meetable.has(e.id)) {
        graph.push(
          diagnosticAt(source, ['expectations', i, 'require'], `expectation "${e.id}" cannot be met on any path`, {
            found: describeEarliest(e.require, stats),
            expected: 'some sequence of choices that meets it',
          }),
        );
      }
    });
  }
  const errors = [...references, ...graph].some((d) => d.severity === 'error');
  const quality = options.strict && !errors ? qualityDiagnostics(source, drill, stats) : [];
  return done([...references, ...graph, ...quality], drill, stats);
}

/** The `next` that decides where `event` at `injectId` leads: the option's, no_decision's or the inject's. */
function linkPath(drill: Drill, paths: Map<string, DocPath>, injectId: string, event: TeamEvent): DocPath {
  const at = paths.get(injectId) ?? [];
  const decision = drill.injects[injectId]?.inject.decision;
  if (decision && event.type === 'CHOOSE') {
    const k = decision.options.findIndex((o) => o.id === event.option);
    if (decision.options[k]?.next !== undefined) return [...at, 'decision', 'options', k, 'next'];
  }
  if (decision?.no_decision?.next !== undefined && event.type === 'NO_DECISION')
    return [...at, 'decision', 'no_decision', 'next'];
  if (drill.injects[injectId]?.inject.next !== undefined) return [...at, 'next'];
  return at;
}

function describeEarliest(require: object, stats: ExploreResult): string | undefined {
  if ('flag' in require && typeof require.flag === 'string') {
    const at = stats.earliestFlag[require.flag];
    return at === undefined
      ? `"${require.flag}" is never set`
      : `"${require.flag}" is set at the earliest at ${at} sim-minutes`;
  }
  return undefined;
}

/** The largest drill file the checker and the server read: far above any real drill (the bundled ones are under 120 kB). */
export const MAX_DRILL_BYTES = 2 * 1024 * 1024;

/** A check that failed on the file as a whole, with one diagnostic. */
function fileProblem(file: string, message: string, expected: string, found?: string): CheckResult {
  return {
    file,
    errors: 1,
    diagnostics: [
      { file, line: 0, column: 0, path: '(file)', message, ...(found ? { found } : {}), expected, severity: 'error' },
    ],
  };
}

/** Reads and checks a drill file: too large, binary or unreadable files get one line each. */
export function checkDrillFile(file: string, options: CheckOptions = {}): CheckResult {
  let bytes: Buffer;
  try {
    if (statSync(file).size > MAX_DRILL_BYTES) {
      return fileProblem(
        file,
        'file too large',
        `a drill of at most ${formatBytes(MAX_DRILL_BYTES)}`,
        formatBytes(statSync(file).size),
      );
    }
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'a directory, not a file' : (error as Error).message;
    return fileProblem(file, reason, 'a readable YAML drill file');
  }
  const text = textOf(bytes);
  if (text === undefined)
    return fileProblem(file, 'not a YAML text file', 'UTF-8 text (this file has bytes that no text file has)');
  return checkDrillText(file, text, options);
}

/** The bytes as UTF-8 text, or undefined for binary data (a NUL byte or invalid UTF-8). */
function textOf(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(n / 1024)} kB`;
}

/** Loads a drill that must be valid; throws with every error listed otherwise. */
export function loadDrill(file: string): { drill: Drill; stats: ExploreResult } {
  const result = checkDrillFile(file);
  if (result.errors || !result.drill || !result.stats) {
    const lines = result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.file}:${d.line}:${d.column} ${d.path}: ${d.message}`);
    throw new Error(`${file} has ${result.errors} error(s):\n${lines.join('\n')}`);
  }
  return { drill: result.drill, stats: result.stats };
}
