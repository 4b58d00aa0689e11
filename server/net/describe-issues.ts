/** Turns zod issues into one line a client can act on, for HTTP 400s and socket refusals alike. */

/** "field: problem; field: problem" from the first five zod issues. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}
