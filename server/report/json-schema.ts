/**
 * The JSON Schema of the JSON export, generated from the zod schema in schema.ts and checked in
 * as docs/report.schema.json; a test fails when the file falls behind (UPDATE_GOLDEN=1 rewrites it).
 */
import { z } from 'zod';
import { gapReportSchema, REPORT_SCHEMA_VERSION } from '../../protocol/index.ts';

export const REPORT_SCHEMA_PATH = 'docs/report.schema.json';

/** The schema document as text, stable byte for byte. */
export function reportJsonSchemaText(): string {
  const schema = z.toJSONSchema(gapReportSchema, { io: 'output' });
  const head = {
    $id: `https://breachdrill.invalid/report.schema.v${REPORT_SCHEMA_VERSION}.json`,
    title: 'breachdrill gap report',
    description:
      'The JSON export of a breachdrill gap report (HSEEP after-action report and improvement plan). See docs/report-format.md.',
  };
  return `${JSON.stringify({ ...head, ...schema }, null, 2)}\n`;
}
