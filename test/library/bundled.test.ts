/**
 * Every bundled drill passes `check --strict`, except those still listed in .ci/strict-pending
 * (which CI checks without --strict). A listed drill that starts passing fails this test, so
 * the list is taken off as drills are brought up to the bar.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDrillFile } from '../../server/engine/check.ts';
import { formatDiagnostic } from '../../server/engine/diagnostics.ts';
import { scenarioFiles } from '../engine/helpers.ts';

const pending = new Set(
  readFileSync('.ci/strict-pending', 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#')),
);

describe('bundled drills and the strict rules', () => {
  it('.ci/strict-pending names only drills that exist', () => {
    for (const file of pending) expect(scenarioFiles()).toContain(file);
  });

  for (const file of scenarioFiles()) {
    it(
      `${file} ${pending.has(file) ? 'is still listed as not meeting' : 'meets'} every strict rule`,
      { timeout: 120_000 },
      () => {
        const result = checkDrillFile(file, { strict: true });
        const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
        if (pending.has(file)) {
          expect(errors.length, `${file} now passes --strict: remove it from .ci/strict-pending`).toBeGreaterThan(0);
          expect(errors.every((e) => e.includes('[strict: '))).toBe(true);
        } else expect(errors).toEqual([]);
      },
    );
  }
});
