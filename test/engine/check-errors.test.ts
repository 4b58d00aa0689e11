/**
 * Broken drill fixtures (test/fixtures/broken/*.yaml, each a copy of the mini drill with one
 * defect) are rejected with every error at the exact line and column of the defect, the path in
 * the document, and what was found and expected. Positions were read off the fixture files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDrillFile, checkDrillText } from '../../server/engine/check.ts';

const DIR = 'test/fixtures/broken';
const FLAGS = 'a flag declared under "flags": "contained", "evidence-preserved", "evidence-destroyed", "paused"';
const TARGETS = 'one of "alert", "pipeline", "wrap", "good-end", "bad-end"';
const SLUG = 'a lower-case id of letters, digits and dashes, such as "fraud-v7"';
const DURATION = 'a duration such as "20m", "1h30m", "72h" or "3d"';
const OPTIONS = 'phases[0].injects[0].decision.options';

interface Expected {
  line: number;
  column: number;
  path: string;
  message: string;
  found?: string;
  expected?: string;
  suggestion?: string;
}

const unknownField: Expected = {
  line: 34,
  column: 9,
  path: 'phases[0].injects[0].note',
  message: 'unknown field',
  found: '"note"',
  expected: 'no other fields here (see docs/drill-format.md)',
};
const wrongType: Expected = {
  line: 7,
  column: 10,
  path: 'minutes',
  message: 'wrong type',
  found: '"fifteen"',
  expected: 'a number',
};
const badDuration: Expected = {
  line: 42,
  column: 21,
  path: `${OPTIONS}[0].cost`,
  message: 'invalid value',
  found: '"20 minutes"',
  expected: DURATION,
};
const badId: Expected = {
  line: 57,
  column: 19,
  path: `${OPTIONS}[2].id`,
  message: 'invalid value',
  found: '"Wait_Longer"',
  expected: SLUG,
};
const missingBody: Expected = {
  line: 77,
  column: 9,
  path: 'phases[1].injects[1].body',
  message: 'required field is missing',
  expected: 'a string',
};
const unknownTechnique = (column: number, index: number): Expected => ({
  line: 9,
  column,
  path: `frameworks.atlas[${index}]`,
  message: 'not an ATLAS v5.6.0 technique',
  found: '"AML.T0999"',
  expected: 'a technique or sub-technique ID in the ATLAS catalog',
});
const unknownFlagInEffect: Expected = {
  line: 46,
  column: 48,
  path: `${OPTIONS}[0].effects[2].flag[1]`,
  message: 'unknown flag',
  found: '"containd"',
  suggestion: 'contained',
  expected: FLAGS,
};
const roleNotInPlay: Expected = {
  line: 72,
  column: 35,
  path: 'phases[1].injects[0].decision.deciders[1]',
  message: 'role not in play in this drill',
  found: '"legal"',
  expected: 'one of "ir-lead", "ml-engineer"',
};
const unknownNext: Expected = {
  line: 81,
  column: 15,
  path: 'phases[1].injects[1].next',
  message: 'unknown inject or ending',
  found: '"good-ending"',
  suggestion: 'good-end',
  expected: TARGETS,
};
const unknownOption: Expected = {
  line: 89,
  column: 87,
  path: 'expectations[3].require.chose',
  message: 'unknown option of inject "pipeline"',
  found: '"pasue"',
  suggestion: 'pause',
  expected: 'one of "pause", "leave"',
};

/** Fixture name → every error it must produce, in file order. */
const CASES: Record<string, Expected[]> = {
  'yaml-syntax': [
    {
      line: 78,
      column: 16,
      path: '(document)',
      message: 'YAML syntax: Nested mappings are not allowed in compact mappings',
      expected: 'valid YAML',
    },
  ],
  'duplicate-key': [
    {
      line: 80,
      column: 9,
      path: '(document)',
      message: 'YAML syntax: Map keys must be unique',
      expected: 'valid YAML',
    },
  ],
  'missing-field': [missingBody],
  'wrong-type': [wrongType],
  'unknown-field': [unknownField],
  'bad-enum': [
    {
      line: 6,
      column: 13,
      path: 'difficulty',
      message: 'not an allowed value',
      found: '"hard"',
      expected: 'one of "introductory", "intermediate", "advanced"',
    },
  ],
  'bad-duration': [badDuration],
  'bad-id': [badId],
  'bad-flag-name': [
    { line: 15, column: 3, path: 'flags.Paused', message: 'key invalid value', found: '"Paused"', expected: SLUG },
  ],
  'unknown-effect-kind': [
    {
      line: 53,
      column: 19,
      path: `${OPTIONS}[1].effects[0]`,
      message: 'not one of the allowed forms',
      found: 'an object with "models"',
      expected:
        'an object with exactly one of "flag", "clear", "traffic", "pipeline", "evidence", "evidence_state", "model", "add_model", "retrieval", "agent", "dataset", "credential", "metric"',
    },
  ],
  'unknown-condition-kind': [
    {
      line: 68,
      column: 15,
      path: 'phases[1].injects[0].when',
      message: 'not one of the allowed forms',
      found: 'an object with "pipelines"',
      expected:
        'an object with exactly one of "flag", "not", "all", "any", "chose", "pipeline", "serving", "clock", "time", "evidence", "retrieval", "agent", "dataset", "credential"',
    },
  ],
  'unknown-next': [unknownNext],
  'unknown-flag-effect': [unknownFlagInEffect],
  'unknown-flag-condition': [
    {
      line: 68,
      column: 30,
      path: 'phases[1].injects[0].when.not.flag',
      message: 'unknown flag',
      found: '"pausd"',
      suggestion: 'paused',
      expected: FLAGS,
    },
  ],
  'unknown-role': [roleNotInPlay],
  'atlas-technique': [unknownTechnique(34, 1)],
  'atlas-mitigation': [
    {
      line: 48,
      column: 40,
      path: `${OPTIONS}[0].mitigations[1]`,
      message: 'not an ATLAS v5.6.0 mitigation',
      found: '"AML.M0999"',
      expected: 'an ID from AML.M0000 to AML.M0034',
    },
  ],
  'traffic-sum': [
    {
      line: 54,
      column: 51,
      path: `${OPTIONS}[1].effects[1].traffic.to`,
      message: 'traffic split does not add up',
      found: '90%',
      expected: '100%',
    },
  ],
  'unknown-model-traffic': [
    {
      line: 20,
      column: 45,
      path: 'estate.endpoints[0].traffic.m3',
      message: 'unknown model',
      found: '"m3"',
      suggestion: 'm2',
      expected: 'a model in estate.models or added by add_model: "m2", "m1"',
    },
  ],
  'duplicate-inject-id': [
    {
      line: 77,
      column: 13,
      path: 'phases[1].injects[1].id',
      message: 'duplicate inject or ending id',
      found: '"alert"',
      expected: 'an id not already used (first at phases[0].injects[0])',
    },
  ],
  'duplicate-option-id': [
    {
      line: 57,
      column: 19,
      path: `${OPTIONS}[2].id`,
      message: 'duplicate option id',
      found: '"delete"',
      expected: `an id not already used (first at ${OPTIONS}[1])`,
    },
  ],
  'unknown-option-choice': [unknownOption],
  'dead-end': [
    {
      line: 77,
      column: 9,
      path: 'phases[1].injects[1].next',
      message: 'dead end: the last inject does not say where the story goes',
      expected: 'a "next" naming an ending (on the inject, or on every option and on no_decision)',
    },
  ],
  loop: [
    {
      line: 81,
      column: 15,
      path: 'phases[1].injects[1].next',
      message: 'the story can loop back to "alert" forever',
      expected: 'every path to reach an ending',
    },
  ],
  'never-shown': [
    {
      line: 61,
      column: 9,
      path: 'phases[0].injects[1]',
      message: 'inject "rumour" is never shown on any path',
      expected: 'some choice or default order that leads to it with its "when" holding',
    },
  ],
  'unmeetable-expectation': [
    {
      line: 86,
      column: 89,
      path: 'expectations[0].require',
      message: 'expectation "contain-fast" cannot be met on any path',
      found: '"evidence-preserved" is set at the earliest at 20 sim-minutes',
      expected: 'some sequence of choices that meets it',
    },
  ],
  'many-schema-errors': [wrongType, unknownField, badDuration, badId, missingBody],
  'many-reference-errors': [unknownTechnique(23, 0), unknownFlagInEffect, roleNotInPlay, unknownNext, unknownOption],
};

describe('broken drills', () => {
  it('every fixture in test/fixtures/broken has a case here, and there are at least 18', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''));
    expect(files.sort()).toEqual(Object.keys(CASES).sort());
    expect(files.length).toBeGreaterThanOrEqual(18);
  });

  for (const [name, expected] of Object.entries(CASES)) {
    it(`${name}: rejected with ${expected.length} precise error(s)`, () => {
      const file = `${DIR}/${name}.yaml`;
      const result = checkDrillFile(file);
      expect(result.errors).toBe(expected.length);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors).toEqual(expected.map((e) => ({ file, severity: 'error', ...e })));
    });
  }
});

describe('all errors at once', () => {
  it('a schema error does not hide an unknown next, or an unknown flag, in the parts that parsed', () => {
    const text = readFileSync(`${DIR}/unknown-next.yaml`, 'utf8')
      .replace('minutes: 15', 'minutes: fifteen')
      .replace('{ flag: [evidence-preserved, contained] }', '{ flag: [evidence-preserved, containd] }');
    const result = checkDrillText('both.yaml', text);
    expect(result.diagnostics.map((d) => [d.path, d.message, d.suggestion])).toEqual([
      ['minutes', 'wrong type', undefined],
      ['phases[0].injects[0].decision.options[0].effects[2].flag[1]', 'unknown flag', 'contained'],
      ['phases[1].injects[1].next', 'unknown inject or ending', 'good-end'],
    ]);
  });

  it('a schema error does not hide a misspelt model, endpoint, pipeline, metric, clock or format 2 estate id either', () => {
    const text = readFileSync(`${DIR}/unknown-next.yaml`, 'utf8')
      .replace('minutes: 15', 'minutes: fifteen')
      .replace('{ traffic: { endpoint: api, to: { m1: 100 } } }', '{ traffic: { endpoint: apii, to: { m11: 100 } } }')
      .replace('{ model: { id: m2, status: deleted } }', '{ model: { id: m22, status: deleted } }')
      .replace('metrics: [{ id: losses,', 'credentials: [{ id: api-key, label: API key }]\n  metrics: [{ id: losses,')
      .replace(
        '- id: wait\n              label: Wait\n              cost: 2h',
        '- id: wait\n              label: Wait\n              cost: 2h\n              when: { clock: { id: slaa, status: running } }\n              effects: [{ credential: { id: api-keyy, status: revoked } }, { pipeline: { id: retrian, status: paused } }]',
      );
    const result = checkDrillText('estate.yaml', text);
    const found = result.diagnostics.map((d) => [d.path, d.message, d.suggestion]);
    expect(found[0]).toEqual(['minutes', 'wrong type', undefined]);
    expect(found.slice(1)).toEqual(
      expect.arrayContaining([
        ['phases[0].injects[0].decision.options[0].effects[1].traffic.endpoint', 'unknown endpoint', 'api'],
        ['phases[0].injects[0].decision.options[0].effects[1].traffic.to.m11', 'unknown model', 'm1'],
        ['phases[0].injects[0].decision.options[1].effects[0].model.id', 'unknown model', 'm2'],
        ['phases[0].injects[0].decision.options[2].when.clock.id', 'unknown clock', 'sla'],
        ['phases[0].injects[0].decision.options[2].effects[0].credential.id', 'unknown credential', 'api-key'],
        ['phases[0].injects[0].decision.options[2].effects[1].pipeline.id', 'unknown pipeline', 'retrain'],
      ]),
    );
    // the same drill without the schema error reports the same references (plus nothing new)
    const clean = checkDrillText('estate.yaml', text.replace('minutes: fifteen', 'minutes: 15'));
    const references = clean.diagnostics.filter((d) => d.severity === 'error').map((d) => d.path);
    for (const [path] of found.slice(1)) expect(references).toContain(path);
  });
});

describe("objectives linked to critical tasks (the report's exercise design summary)", () => {
  const mini = readFileSync('test/fixtures/valid/mini.yaml', 'utf8');
  const diagnostics = (text: string) =>
    checkDrillText('objectives.yaml', text).diagnostics.filter(
      (d) => d.path.startsWith('objectives') || d.path.includes('.objectives'),
    );
  it('a task naming an objective past the last is an error at that number; an untested objective a warning (in file order)', () => {
    const text = mini
      .replace('objectives: [Contain the model quickly]', 'objectives: [Contain the model quickly, Keep the evidence]')
      .replace('{ id: contain-fast,', '{ id: contain-fast, objectives: [1, 3],');
    expect(diagnostics(text).map((d) => [d.severity, d.path, d.message, d.found, d.expected])).toEqual([
      [
        'warning',
        'objectives[1]',
        'no critical task tests this objective',
        'objective 2',
        expect.stringContaining('"objectives: [2]"'),
      ],
      ['error', 'expectations[0].objectives[1]', 'no such objective', '3', 'an objective number from 1 to 2'],
    ]);
  });
  it('a drill that links none, or links every objective, gets no diagnostic; hseep parses', () => {
    expect(diagnostics(mini)).toEqual([]);
    const linked = mini
      .replace('{ id: contain-fast,', '{ id: contain-fast, objectives: [1],')
      .replace(
        'objectives: [Contain the model quickly]',
        'objectives: [Contain the model quickly]\nhseep: { mission_areas: [response, recovery], improvement_horizon: 30d }',
      );
    const result = checkDrillText('linked.yaml', linked);
    expect(result.errors).toBe(0);
    expect(linked).toContain('objectives: [1],');
    expect(diagnostics(linked)).toEqual([]);
  });
  it('an unknown mission area is a schema error', () => {
    const bad = mini.replace(
      'objectives: [Contain the model quickly]',
      'objectives: [Contain the model quickly]\nhseep: { mission_areas: [defence] }',
    );
    expect(
      checkDrillText('bad.yaml', bad)
        .diagnostics.filter((d) => d.path.startsWith('hseep'))
        .map((d) => d.path),
    ).toEqual(['hseep.mission_areas[0]']);
  });
});
