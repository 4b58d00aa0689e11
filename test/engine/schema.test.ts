import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { drillJsonSchemaText, SCHEMA_PATH } from '../../server/engine/json-schema.ts';
import { scenarioSchema } from '../../server/engine/schema.ts';
import { MINI, scenarioFiles } from './helpers.ts';

describe('drill schema', () => {
  it('accepts the mini drill and fills in the documented defaults', () => {
    const parsed = scenarioSchema.parse(parse(readFileSync(MINI, 'utf8')));
    const [alert, pipeline, wrap] = parsed.phases.flatMap((p) => p.injects);
    expect(parsed.id).toBe('mini-drill');
    expect(parsed.estate.models[0]!.status).toBe('active');
    expect(parsed.estate.evidence).toEqual([]);
    expect(alert!.artifacts).toEqual([]);
    const wait = alert!.decision!.options[2]!;
    expect(wait).toMatchObject({ id: 'wait', cost: '2h', effects: [], mitigations: [] });
    expect(pipeline!.decision!.options[1]!.next).toBe('bad-end');
    expect(wrap!.at).toBe('3h');
    expect(parsed.expectations[0]).toMatchObject({ element: 'planning', csf: [], mitigations: [] });
  });

  it('rejects an unknown top-level field rather than ignoring it', () => {
    const data = { ...parse(readFileSync(MINI, 'utf8')), titel: 'typo' };
    const result = scenarioSchema.safeParse(data);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['titel'] });
  });

  it(`${SCHEMA_PATH} is generated from the current zod schema`, () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(drillJsonSchemaText());
  });

  it('every drill file points YAML editors at the JSON schema on its first line', () => {
    for (const file of [MINI, ...scenarioFiles()]) {
      const first = readFileSync(file, 'utf8').split('\n')[0];
      const depth = file.split('/').length - 1;
      expect(first, file).toBe(`# yaml-language-server: $schema=${'../'.repeat(depth)}${SCHEMA_PATH}`);
    }
  });
});
