/**
 * The JSON Schema for drill files, generated from the zod schema so YAML editors can
 * autocomplete and underline mistakes. Checked in as docs/drill.schema.json; a test fails
 * when it falls behind schema.ts.
 */
import { z } from 'zod';
import { scenarioSchema } from './schema.ts';

export const SCHEMA_PATH = 'docs/drill.schema.json';

/** The schema document as text, stable byte for byte. */
export function drillJsonSchemaText(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ title: 'breachdrill drill file', ...schema }, null, 2)}\n`;
}
