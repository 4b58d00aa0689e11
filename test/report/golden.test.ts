/**
 * Golden reports: the fixed exercise (fixture-history.ts) rendered in every format must match
 * test/report/golden/ byte for byte, and docs/report.schema.json must match the zod schema.
 * Run with UPDATE_GOLDEN=1 to rewrite both after a deliberate change (then read the diff).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_PATH, reportJsonSchemaText } from '../../server/report/json-schema.ts';
import { buildReport } from '../../server/report/model.ts';
import { fixedHistory, loadFraudLite } from './fixture-history.ts';
import { FORMATS, renderAll } from './render-all.ts';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = new URL('./golden/', import.meta.url).pathname;
const ROOT = new URL('../../', import.meta.url).pathname;

function compare(path: string, actual: string): void {
  if (UPDATE) writeFileSync(path, actual);
  expect(existsSync(path), `${path} is missing: run UPDATE_GOLDEN=1 npx vitest run test/report`).toBe(true);
  const expected = readFileSync(path, 'utf8');
  // toBe shows the differing lines; after a deliberate change, UPDATE_GOLDEN=1 npx vitest run test/report rewrites the file
  expect(actual, `${path} differs from the output`).toBe(expected);
}

describe('golden gap report', () => {
  const { drill, stats } = loadFraudLite();
  const rendered = renderAll(buildReport(drill, stats, fixedHistory(drill, stats)));
  for (const format of FORMATS) {
    it(`matches golden/fraud-lite.${format}`, () => compare(`${GOLDEN}fraud-lite.${format}`, rendered[format]));
  }
  it(`${REPORT_SCHEMA_PATH} is up to date with protocol/gap-report.ts`, () =>
    compare(`${ROOT}${REPORT_SCHEMA_PATH}`, reportJsonSchemaText()));
});
