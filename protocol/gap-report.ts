/**
 * The gap report's shape, as a zod schema: the one source for the TypeScript types (below),
 * for validating a JSON export (`gapReportSchema.parse`) and for docs/report.schema.json
 * (json-schema.ts). docs/report-format.md explains every field and the versioning rule.
 */
import { z } from 'zod';

/** Bumped on any change a reader of the JSON export could notice (see docs/report-format.md). */
export const REPORT_SCHEMA_VERSION = 5;

const rating = z.enum(['P', 'S', 'M', 'U']).describe('HSEEP rating: P, S, M or U');
const nullableRating = rating.nullable();
const idName = z.strictObject({ id: z.string(), name: z.string() });
const csfRef = z
  .strictObject({ id: z.string(), name: z.string() })
  .describe('a NIST CSF 2.0 function, category or subcategory and its category name');
const simMinute = z.number().int().describe('sim-minutes since the start of the drill');

/** A public incident or ATLAS case study the scenario draws on (its `provenance`). */
export const provenanceRefSchema = z.strictObject({
  label: z.string().describe('the ATLAS case-study name, or the title of another source'),
  atlasId: z.string().nullable().describe('AML.CSxxxx for an ATLAS case study, else null'),
  url: z.string(),
  note: z.string().nullable().describe('what the drill takes from the source or where it departs from it'),
});
export type ProvenanceRef = z.infer<typeof provenanceRefSchema>;

const player = z.strictObject({ name: z.string(), role: z.string().nullable(), roleLabel: z.string().nullable() });

const overview = z.strictObject({
  exerciseId: z.string(),
  code: z.string(),
  scenario: z.strictObject({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    summary: z.string(),
    difficulty: z.string(),
    plannedMinutes: z.number().int(),
    provenance: z.array(provenanceRefSchema),
  }),
  status: z.string(),
  date: z.string().describe('YYYY-MM-DD (UTC) the exercise started, or was created'),
  startedAt: z.string().nullable().describe('YYYY-MM-DD HH:MM UTC'),
  endedAt: z.string().nullable(),
  durationMinutes: z.number().int().nullable().describe('wall-clock minutes from start to end'),
  facilitator: z.string().nullable(),
  mode: z.enum(['vote', 'lead', 'facilitator']),
  solo: z.boolean(),
  atlasVersion: z.string(),
  teams: z.array(z.strictObject({ id: z.string(), name: z.string(), players: z.array(player) })),
  missionAreas: z
    .array(z.string())
    .describe('HSEEP mission areas, as words (Prevention, Protection, Mitigation, Response, Recovery)'),
  missionAreasFrom: z
    .enum(['drill', 'default'])
    .describe(
      'drill: named by the drill (hseep.mission_areas); default: Response, the mission area of every incident-response drill',
    ),
  coreCapabilities: z
    .array(idName)
    .describe("the capabilities the drill exercises (the AAR's core capabilities), in vocabulary order"),
  sponsor: z
    .string()
    .nullable()
    .describe(
      'the organisation sponsoring the exercise, as the facilitator or a manager entered it; null when not recorded',
    ),
  organisations: z.array(z.string()).describe('participating organisations as entered; empty when not recorded'),
  pointOfContact: z
    .string()
    .nullable()
    .describe('the exercise point of contact (name, role, contact details) as entered; null when not recorded'),
  rewoundFrom: z
    .strictObject({
      exerciseId: z.string(),
      code: z.string(),
      decision: z.number().int().describe("1-based among that run's decisions"),
      inject: z.string(),
      playedAt: z.string().describe('YYYY-MM-DD HH:MM UTC the earlier run started'),
    })
    .nullable()
    .describe(
      'a solo run the trainee rewound from an earlier run of theirs: practice, not an assessment (left out of trends and plan validation); the choices before that decision were replayed from it. null otherwise',
    ),
  wallClock: z
    .enum(['recorded', 'synthetic'])
    .describe(
      'recorded: wall times come from live play; synthetic: a headless run (CLI or playthrough) made them up, a fixed time per decision',
    ),
});

const designObjective = z.strictObject({
  n: z.number().int().describe('1-based position in objectives'),
  text: z.string(),
  capabilities: z.array(idName).describe('the capabilities of the critical tasks that test it'),
  expectations: z
    .array(z.strictObject({ id: z.string(), text: z.string(), capability: z.string() }))
    .describe("the critical tasks that test it (the drill's expectations naming it)"),
});

const design = z
  .strictObject({
    linked: z
      .boolean()
      .describe(
        'whether the drill says which critical tasks test which objective (expectations[].objectives); when false every objective lists none',
      ),
    objectives: z.array(designObjective),
    capabilities: z.array(
      idName.extend({ expectations: z.array(z.string()).describe('ids of the critical tasks of this capability') }),
    ),
    improvementHorizonDays: z
      .number()
      .int()
      .nullable()
      .describe("the drill's suggested time to complete a corrective action, in days; null when it suggests none"),
  })
  .describe('the exercise design summary: each objective with the capabilities and critical tasks that test it');

const capability = z.strictObject({
  id: z.string(),
  label: z.string(),
  score: z.number().int(),
  max: z.number().int(),
  rating: nullableRating,
  ratingLabel: z.string(),
  met: z.number().int(),
  missed: z.number().int(),
});

export const expectationStatusSchema = z
  .enum(['met', 'violated', 'missed', 'not-reached'])
  .describe(
    'met; violated: the team broke it (a never-flag set, a deadline or an order breached); missed: the drill ended without it; not-reached: the exercise stopped before the story came to it',
  );
export type ExpectationStatus = z.infer<typeof expectationStatusSchema>;
/** The words every format (and the web report) shows for a status. */
export const EXPECTATION_STATUS_WORDS: Record<ExpectationStatus, string> = {
  met: 'met',
  violated: 'violated',
  missed: 'missed',
  'not-reached': 'not reached',
};

const expectation = z.strictObject({
  id: z.string(),
  capability: z.string(),
  text: z.string(),
  met: z.boolean(),
  status: expectationStatusSchema,
  at: simMinute.nullable(),
});

const clock = z.strictObject({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['sla', 'regulatory']),
  limitMinutes: z.number().int(),
  status: z.enum(['not-started', 'running', 'met', 'breached']),
  startedAt: simMinute.nullable(),
  stoppedAt: simMinute.nullable(),
  elapsedMinutes: z.number().int().nullable(),
  reference: z.string().nullable(),
});

const vote = z.strictObject({
  name: z.string(),
  role: z.string().nullable(),
  option: z.string(),
  reason: z.string().nullable(),
  dissent: z.boolean().describe('the vote differs from the outcome'),
});

const decision = z.strictObject({
  n: z.number().int().describe('1-based position in the team timeline'),
  inject: z.string(),
  title: z.string(),
  phase: z.string().describe('the phase title'),
  nist: z.string().describe('NIST SP 800-61 phase id'),
  prompt: z.string(),
  options: z.array(z.strictObject({ id: z.string(), label: z.string(), score: z.number().int() })),
  chosen: z.string().nullable().describe('option id; null for no decision or a skip'),
  chosenLabel: z.string(),
  kind: z.enum(['chosen', 'no-decision', 'skipped', 'continued']),
  settledBy: z.string().nullable(),
  simAt: simMinute,
  costMinutes: z.number().int(),
  wallSeconds: z.number().int().nullable(),
  best: z.string().nullable(),
  bestLabel: z.string().nullable(),
  bestSource: z
    .enum(['best-path', 'local'])
    .nullable()
    .describe('best-path: on the highest-scoring path; local: highest score at this inject'),
  matchedBest: z.boolean(),
  scoreDelta: z.number().int().describe('sum of the capability deltas of the outcome'),
  harmful: z.boolean().describe('the outcome lost points or was no decision'),
  votes: z.array(vote),
  dissent: z.number().int(),
  feedback: z.string().nullable().describe('Markdown from the scenario'),
});

const finding = z.strictObject({
  source: z.enum(['expectation', 'decision']),
  key: z.string().describe('expectation id, or the inject id for a decision'),
  capability: z.string(),
  capabilityLabel: z.string(),
  text: z.string(),
  at: simMinute.nullable(),
  note: z.string().describe('root cause (areas for improvement) or what the team did (strengths)'),
  recommendation: z
    .string()
    .nullable()
    .describe('for an area for improvement, the corrective action of its improvement-plan row; null for a strength'),
  mitigations: z
    .array(idName)
    .describe(
      'ATLAS mitigations: for a strength only those the team applied; for an area those the task or the best option calls for',
    ),
  csf: z.array(csfRef),
});

const team = z.strictObject({
  id: z.string(),
  name: z.string(),
  players: z.array(player),
  finished: z.boolean(),
  ending: z.strictObject({ id: z.string(), title: z.string(), kind: z.string() }).nullable(),
  simMinutes: z.number().int(),
  total: z.strictObject({ score: z.number().int(), max: z.number().int() }),
  capabilities: z.array(capability),
  expectations: z.array(expectation),
  containment: clock.nullable().describe('the first sla clock'),
  clocks: z.array(clock).describe('regulatory clocks'),
  impact: z.array(z.strictObject({ id: z.string(), label: z.string(), unit: z.string(), total: z.number().int() })),
  mitigationsApplied: z.array(idName),
  decisions: z.array(decision),
  adHocInjects: z.array(z.strictObject({ title: z.string(), body: z.string(), at: z.string() })),
  strengths: z.array(finding),
  improvements: z.array(finding),
});

const planItem = z.strictObject({
  teamId: z.string(),
  teamName: z.string(),
  source: z.enum(['expectation', 'decision']).describe('a critical task not met, or a harmful choice'),
  key: z.string().describe('the expectation id, or for a harmful choice the inject id, that raised the item'),
  capability: z.string(),
  capabilityLabel: z.string(),
  issue: z.string(),
  correctiveAction: z.string(),
  element: z.string().describe('planning, organization, equipment, training or exercise'),
  responsible: z.string().describe('the responsible role, in words; empty when the drill names only an organisation'),
  organisation: z
    .string()
    .describe(
      "primary responsible organisation: an edit, else the expectation's owner organisation, else the only participating organisation; empty when unknown",
    ),
  organisationPoc: z.string().describe("the organisation's point of contact, as edited; empty until someone names one"),
  start: z.string().describe('YYYY-MM-DD: an edit, else the exercise date'),
  completion: z
    .string()
    .describe(
      "YYYY-MM-DD: an edit, else the exercise date plus the drill's improvement horizon; empty when the drill suggests none",
    ),
  status: z.enum(['open', 'in-progress', 'done', 'validated']),
  statusDate: z
    .string()
    .optional()
    .describe("YYYY-MM-DD the status was last set (the validating exercise's date when validated)"),
  validatedBy: z.strictObject({ exerciseId: z.string(), date: z.string() }).nullable(),
  mitigations: z
    .array(z.strictObject({ id: z.string(), name: z.string() }))
    .describe('ATLAS mitigations of the finding that raised the item'),
  csf: z
    .array(z.strictObject({ id: z.string(), name: z.string() }))
    .describe('NIST CSF 2.0 references of that finding'),
});

const heatCell = z.strictObject({
  gained: z.number().int(),
  ceiling: z.number().int().describe('most the team could gain at the decisions it faced in the phase'),
  ratio: z.number().nullable(),
});

const coverage = z.strictObject({
  techniques: z.array(idName),
  owasp: z.array(z.string()),
  mitigationsApplied: z.array(idName.extend({ teams: z.array(z.string()) })),
  mitigationsMissed: z.array(idName.extend({ teams: z.array(z.string()) })),
  heatmap: z.array(
    z.strictObject({
      teamId: z.string(),
      teamName: z.string(),
      phases: z.array(z.strictObject({ id: z.string(), label: z.string() })),
      rows: z.array(z.strictObject({ capability: z.string(), label: z.string(), cells: z.array(heatCell) })),
    }),
  ),
});

const comparison = z.array(
  z.strictObject({
    capability: z.string(),
    label: z.string(),
    max: z.number().int(),
    teams: z.array(z.strictObject({ teamId: z.string(), score: z.number().int(), rating: nullableRating })),
  }),
);

const hotwash = z.strictObject({
  anonymous: z.boolean(),
  answers: z.array(
    z.strictObject({
      teamId: z.string(),
      teamName: z.string(),
      name: z.string().nullable(),
      role: z.string().nullable(),
      worked: z.string(),
      didNot: z.string(),
      confidence: z.array(z.strictObject({ capability: z.string(), value: z.number() })),
    }),
  ),
  disagreements: z.array(
    z.strictObject({
      teamId: z.string(),
      teamName: z.string(),
      capability: z.string(),
      label: z.string(),
      confidence: z.number().describe('the average 1-5 confidence, to one decimal'),
      rating: rating,
      direction: z.enum(['overconfident', 'underconfident']),
      note: z.string(),
    }),
  ),
});

const optionRef = z.strictObject({ id: z.string(), label: z.string() });

/** One timeline's outcome in a what-if: what was played, or the counterfactual. */
const whatIfTimeline = z.strictObject({
  ending: z
    .strictObject({ title: z.string(), kind: z.string() })
    .nullable()
    .describe('null when the story did not reach an ending'),
  simMinutes: z.number().int(),
  total: z.strictObject({ score: z.number().int(), max: z.number().int() }),
  capabilities: z.array(
    z.strictObject({
      id: z.string(),
      label: z.string(),
      score: z.number().int(),
      max: z.number().int(),
      rating: nullableRating,
    }),
  ),
  clocks: z.array(
    z.strictObject({
      id: z.string(),
      label: z.string(),
      status: z.enum(['not-started', 'running', 'met', 'breached']),
      elapsedMinutes: z.number().int().nullable(),
      limitMinutes: z.number().int(),
    }),
  ),
  impact: z.array(z.strictObject({ id: z.string(), label: z.string(), unit: z.string(), total: z.number().int() })),
});

/** A what-if a facilitator or manager pinned into the report: a timeline that was NOT played. */
const counterfactual = z.strictObject({
  id: z.string().describe('the pin id (DELETE /api/exercises/:id/whatifs/:pinId removes it)'),
  teamId: z.string(),
  teamName: z.string(),
  decision: z.number().int().describe("1-based position of the forked decision among the team's decisions"),
  inject: z.string(),
  title: z.string().describe('the title of the forked inject'),
  played: optionRef.nullable().describe('what the team chose there; null for no decision'),
  option: optionRef.describe('the option the counterfactual takes there instead'),
  policy: z
    .enum(['same', 'best', 'worst'])
    .describe(
      "how the rest is played: same (the team's own later choices where the story comes back to them, else the best), best or worst",
    ),
  policyWords: z.string(),
  note: z.string().nullable().describe("the pinner's one-line note"),
  pinnedBy: z.enum(['facilitator', 'manager']),
  pinnedAt: z.string().describe('YYYY-MM-DD HH:MM UTC'),
  sentence: z.string().describe('the counterfactual in one sentence, written by template'),
  real: whatIfTimeline.describe('what was played'),
  alternative: whatIfTimeline.describe('the counterfactual timeline'),
  differences: z
    .array(
      z.strictObject({
        inject: z.string(),
        title: z.string(),
        real: z.string().nullable(),
        alternative: z.string().nullable(),
      }),
    )
    .describe('decisions taken differently, in story order; null where that story never came'),
  flipped: z
    .array(
      z.strictObject({
        id: z.string(),
        text: z.string(),
        capability: z.string(),
        real: z.boolean(),
        alternative: z.boolean(),
      }),
    )
    .describe('critical tasks met in one timeline and missed in the other'),
});

/** The whole report; every export is rendered from this. */
export const gapReportSchema = z.strictObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  overview,
  objectives: z.array(z.string()),
  design,
  summary: z
    .strictObject({
      lead: z.string().describe('one paragraph on the exercise as a whole'),
      teams: z.array(z.strictObject({ teamId: z.string(), teamName: z.string(), text: z.string() })),
      fixFirst: z
        .array(z.string())
        .describe(
          'up to three corrective actions, heaviest impact first (violated over missed tasks, points lost, clocks breached, then how many teams), each saying why',
        ),
      watch: z.array(z.string()).describe('blind spots: confidence well above performance'),
    })
    .describe('the executive summary, written from the results by template'),
  teams: z.array(team),
  comparison,
  coverage,
  plan: z.array(planItem),
  hotwash,
  conclusion: z
    .array(z.string())
    .describe(
      'the conclusion, in paragraphs written from the results by template: objectives, capabilities, next steps',
    ),
  whatIf: z
    .array(counterfactual)
    .describe(
      'What if (counterfactual): pinned what-ifs, recomputed from the event log with the same engine; never part of the scores, findings, plan or conclusion',
    ),
  integrity: z.strictObject({ events: z.number().int(), head: z.string(), verified: z.boolean() }),
});

export type GapReport = z.infer<typeof gapReportSchema>;
export type TeamReport = GapReport['teams'][number];
export type DecisionEntry = TeamReport['decisions'][number];
export type Finding = TeamReport['strengths'][number];
export type PlanItem = GapReport['plan'][number];
export type ClockEntry = z.infer<typeof clock>;
export type Coverage = GapReport['coverage'];
export type Hotwash = GapReport['hotwash'];
export type ReportPlayer = z.infer<typeof player>;
export type ExerciseDesign = GapReport['design'];
export type ReportOverview = GapReport['overview'];
export type Counterfactual = GapReport['whatIf'][number];
