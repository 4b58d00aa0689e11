/**
 * Turns zod issues into diagnostics that say what was found and what was expected, at the
 * line and column of the offending value. Union failures are narrowed to the branch the author
 * clearly meant (the one whose key they wrote), so a typo inside an effect is reported inside it.
 */
import type { core } from 'zod';
import { describeValue, type Diagnostic, type DocPath } from './diagnostics.ts';
import { diagnosticAt, valueAt, type YamlSource } from './yaml-source.ts';

type Issue = core.$ZodIssue;

/** Every zod issue as a diagnostic (unions resolved to their intended branch). */
export function issuesToDiagnostics(source: YamlSource, issues: readonly Issue[], base: DocPath = []): Diagnostic[] {
  return issues.flatMap((issue) => issueToDiagnostics(source, issue, base));
}

function issueToDiagnostics(source: YamlSource, issue: Issue, base: DocPath): Diagnostic[] {
  const path: DocPath = [...base, ...(issue.path as Array<string | number>)];
  const raw = valueAt(source.data, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        diagnosticAt(source, [...path, key], 'unknown field', {
          found: JSON.stringify(key),
          expected: `no other fields here (see docs/drill-format.md)`,
          key: true,
        }),
      );
    case 'invalid_union':
      return unionDiagnostics(source, issue, path, raw);
    case 'invalid_type':
      if (raw === undefined) {
        return [diagnosticAt(source, path, 'required field is missing', { expected: article(issue.expected) })];
      }
      return [
        diagnosticAt(source, path, 'wrong type', { found: describeValue(raw), expected: article(issue.expected) }),
      ];
    case 'invalid_value':
      return [
        diagnosticAt(source, path, 'not an allowed value', {
          found: describeValue(raw),
          expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        }),
      ];
    case 'too_small':
    case 'too_big':
      return [diagnosticAt(source, path, sizeMessage(issue), { found: describeValue(raw) })];
    case 'invalid_key': {
      // The key itself is wrong: point at it and show it, not the value it maps to.
      const at = source.locate(path, { key: true });
      const key = JSON.stringify(String(path[path.length - 1]));
      return issuesToDiagnostics(source, issue.issues, path).map((d) => ({
        ...d,
        ...at,
        found: key,
        message: `key ${d.message}`,
      }));
    }
    case 'invalid_element':
      return issuesToDiagnostics(source, issue.issues, [...path, issue.key as string]);
    default:
      return [diagnosticAt(source, path, 'invalid value', { found: describeValue(raw), expected: issue.message })];
  }
}

function sizeMessage(issue: core.$ZodIssueTooSmall | core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const bound = small ? (issue as core.$ZodIssueTooSmall).minimum : (issue as core.$ZodIssueTooBig).maximum;
  const what = issue.origin === 'array' ? 'entries' : issue.origin === 'string' ? 'characters' : '';
  if (issue.origin === 'string' && small && bound === 1) return 'must not be empty';
  return `${small ? 'too small' : 'too large'}: ${small ? 'at least' : 'at most'} ${String(bound)} ${what}`.trim();
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/**
 * True when a union branch failed because a key the author did not write is required there.
 * The key's own schema decides the code: a plain field gives invalid_type, a field that is
 * itself a union (such as `flag: name | [names]`) gives invalid_union.
 */
function requiresUnwrittenKey(i: Issue, written: string[]): boolean {
  return (
    (i.code === 'invalid_type' || i.code === 'invalid_union') &&
    i.path.length === 1 &&
    !written.includes(String(i.path[0]))
  );
}

/**
 * A failed union of one-key objects (effects, conditions, requirements): keep the branch whose
 * key the author wrote; if none, say which keys are allowed.
 */
function unionDiagnostics(
  source: YamlSource,
  issue: core.$ZodIssueInvalidUnion,
  path: DocPath,
  raw: unknown,
): Diagnostic[] {
  const written = raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.keys(raw) : [];
  const matching = issue.errors.filter((branch) => {
    const rootUnknown = branch.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0);
    const missingKey = branch.some((i) => requiresUnwrittenKey(i, written));
    return !rootUnknown && !missingKey;
  });
  const best = matching[0];
  if (best) return issuesToDiagnostics(source, best, path);
  const allowed = new Set<string>();
  for (const branch of issue.errors) {
    for (const i of branch) {
      if (requiresUnwrittenKey(i, written)) {
        allowed.add(String(i.path[0]));
      }
    }
  }
  const typeOnly = issue.errors.every((branch) =>
    branch.every((i) => i.code === 'invalid_type' && i.path.length === 0),
  );
  return [
    diagnosticAt(source, path, typeOnly ? 'wrong type' : 'not one of the allowed forms', {
      found: describeValue(raw),
      expected: allowed.size
        ? `an object with exactly one of ${[...allowed].map((k) => `"${k}"`).join(', ')}`
        : issue.message,
    }),
  ];
}
