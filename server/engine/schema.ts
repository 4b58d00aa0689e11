/**
 * The drill format: one YAML file per scenario, checked by this zod schema.
 * `docs/drill-format.md` explains every field; `docs/drill.schema.json` is generated from here
 * (`npm run schema`) so YAML editors can autocomplete and underline mistakes.
 */
import { z } from 'zod';
import { isDuration } from './duration.ts';
import { provenanceSchema } from './provenance.ts';
import { CAPABILITIES, CSF_FUNCTIONS, MISSION_AREAS, NIST_PHASES } from './vocabulary.ts';

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case id of letters, digits and dashes, such as "fraud-v7"');
const markdown = z.string().min(1, 'non-empty Markdown text');
const duration = z.string().refine(isDuration, 'a duration such as "20m", "1h30m", "72h" or "3d"');
const atlasTechnique = z.string().regex(/^AML\.T\d{4}(\.\d{3})?$/, 'an ATLAS technique ID such as "AML.T0020"');
const atlasMitigation = z.string().regex(/^AML\.M\d{4}$/, 'an ATLAS mitigation ID such as "AML.M0014"');
const csfId = z
  .string()
  .regex(/^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}(-\d{2})?$/, 'a NIST CSF 2.0 category or subcategory such as "RS.MI-01"');
/** A built-in role (vocabulary.ts) or one the drill defines under `roles.define`; crossref checks which. */
const role = slug;
const capability = z.enum(CAPABILITIES);
const flagList = z.union([slug, z.array(slug).min(1)]);

/** A condition on flags, the estate or earlier choices; used by `when` and by expectations. */
export type Condition =
  | { flag: string }
  | { not: Condition }
  | { all: Condition[] }
  | { any: Condition[] }
  | { chose: string }
  | { pipeline: { id: string; status: PipelineStatus } }
  | { serving: { endpoint: string; model: string } }
  | { clock: { id: string; status: ClockStatus } }
  | { time: { from?: string | undefined; before?: string | undefined } }
  | { evidence: { id: string; status?: EvidenceStatus | undefined } }
  | { retrieval: RetrievalCondition }
  | { agent: AgentCondition }
  | { dataset: DatasetCondition }
  | { credential: { id: string; status: CredentialStatus } };

export interface RetrievalCondition {
  id: string;
  namespace?: { id: string; status: (typeof NAMESPACE_STATUSES)[number] } | undefined;
  source?: { id: string; status: (typeof SYNC_STATUSES)[number] } | undefined;
  snapshot?: string | undefined;
  restored?: string | undefined;
}
export interface AgentCondition {
  id: string;
  status?: (typeof AGENT_STATUSES)[number] | undefined;
  session_binding?: boolean | undefined;
  tool?:
    { id: string; permission?: (typeof PERMISSIONS)[number] | undefined; cap_at_most?: number | undefined } | undefined;
}
export interface DatasetCondition {
  id: string;
  provenance?: (typeof PROVENANCE)[number] | undefined;
  version?: string | number | undefined;
  shard?: { id: string; status: (typeof SHARD_STATUSES)[number] } | undefined;
}
type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

export const PIPELINE_STATUSES = ['running', 'paused', 'stopped'] as const;
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];
/** not-started: its trigger flag is unset; running: open and within its limit. */
export const CLOCK_STATUSES = ['not-started', 'running', 'met', 'breached'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];
/** An evidence item is intact until an effect marks it tainted (chain of custody broken) or lost. */
export const EVIDENCE_STATUSES = ['intact', 'tainted', 'lost'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ flag: slug }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({
      chose: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'an "inject.option" reference such as "alert.rollback"'),
    }),
    z.strictObject({ pipeline: z.strictObject({ id: slug, status: z.enum(PIPELINE_STATUSES) }) }),
    z.strictObject({ serving: z.strictObject({ endpoint: slug, model: slug }) }),
    z.strictObject({ clock: z.strictObject({ id: slug, status: z.enum(CLOCK_STATUSES) }) }),
    z.strictObject({
      time: z
        .strictObject({ from: duration.optional(), before: duration.optional() })
        .refine(
          (t) => t.from !== undefined || t.before !== undefined,
          'a "from" or "before" sim time, such as { from: 2h }',
        ),
    }),
    z.strictObject({ evidence: z.strictObject({ id: slug, status: z.enum(EVIDENCE_STATUSES).optional() }) }),
    z.strictObject({
      retrieval: z.strictObject({
        id: slug,
        namespace: z.strictObject({ id: slug, status: z.enum(NAMESPACE_STATUSES) }).optional(),
        source: z.strictObject({ id: slug, status: z.enum(SYNC_STATUSES) }).optional(),
        snapshot: slug.optional(),
        restored: slug.optional(),
      }),
    }),
    z.strictObject({
      agent: z.strictObject({
        id: slug,
        status: z.enum(AGENT_STATUSES).optional(),
        session_binding: z.boolean().optional(),
        tool: z
          .strictObject({
            id: slug,
            permission: z.enum(PERMISSIONS).optional(),
            cap_at_most: z.number().min(0).optional(),
          })
          .optional(),
      }),
    }),
    z.strictObject({
      dataset: z.strictObject({
        id: slug,
        provenance: z.enum(PROVENANCE).optional(),
        version: z.union([z.string().min(1), z.number()]).optional(),
        shard: z.strictObject({ id: slug, status: z.enum(SHARD_STATUSES) }).optional(),
      }),
    }),
    z.strictObject({ credential: z.strictObject({ id: slug, status: z.enum(CREDENTIAL_STATUSES) }) }),
  ]),
);

/**
 * Where the story goes next: an inject or ending id, or a list of routes tried in order, each
 * `{ when, to }`, the last one `{ to }` alone (taken when no `when` before it holds).
 */
export type Next = string | Array<{ when?: Condition | undefined; to: string }>;
const routes = z
  .array(z.strictObject({ when: conditionSchema.optional(), to: slug }))
  .min(1)
  .superRefine((list, ctx) => {
    list.forEach((route, i) => {
      const last = i === list.length - 1;
      if (last && route.when !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'when'],
          message: 'the last route has no "when": it is where the story goes when no other route holds',
        });
      } else if (!last && route.when === undefined) {
        ctx.addIssue({ code: 'custom', path: [i], message: 'a "when" (only the last route may leave it out)' });
      }
    });
  });
export const nextSchema: z.ZodType<Next> = z.union([slug, routes]);

const model = z
  .strictObject({
    id: slug,
    name: z.string().min(1).optional(),
    version: z.union([z.string().min(1), z.number()]),
    /** Required unless the model is hosted by a vendor (`provider`): an API model has no file to hash. */
    sha256: z
      .string()
      .regex(/^[0-9a-f]{8,64}$/, 'a lower-case hex digest (at least 8 characters shown)')
      .optional(),
    signed: z.boolean().optional(),
    /** The vendor hosting the model (an API model such as a hosted LLM): no sha256 or signature. */
    provider: z.string().min(1).optional(),
    alias: z.string().min(1).optional(),
    /** Aliases are scoped per family: moving one takes it only from models of the same family. */
    family: slug.optional(),
    format: z.string().min(1).optional(),
    source: z.string().min(1).optional(),
    status: z.enum(['active', 'quarantined', 'deleted']).default('active'),
  })
  .superRefine((m, ctx) => {
    if (m.provider !== undefined) return;
    for (const key of ['sha256', 'signed'] as const) {
      if (m[key] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `a "${key}" (or a "provider" for a model hosted by a vendor, which has neither)`,
        });
    }
  });

const endpoint = z.strictObject({
  id: slug,
  label: z.string().min(1).optional(),
  traffic: z.record(slug, z.number().min(0).max(100)),
});

const pipeline = z.strictObject({
  id: slug,
  label: z.string().min(1).optional(),
  status: z.enum(PIPELINE_STATUSES),
  source: z.string().min(1).optional(),
});

const metric = z.strictObject({
  id: slug,
  label: z.string().min(1),
  unit: z.string().min(1),
  rate_per_hour: z.number().min(0),
  /** Stops accruing when this flag, or any of these flags, is set. */
  stops_on: flagList.optional(),
});

const evidenceItem = z.strictObject({ id: slug, label: z.string().min(1), of: slug.optional() });

export const NAMESPACE_STATUSES = ['serving', 'quarantined', 'purged'] as const;
export const SYNC_STATUSES = ['running', 'paused', 'stopped'] as const;
export const PERMISSIONS = ['allow', 'approval', 'deny'] as const;
export const AGENT_STATUSES = ['active', 'suspended'] as const;
export const PROVENANCE = ['verified', 'unverified', 'tampered'] as const;
export const SHARD_STATUSES = ['active', 'quarantined'] as const;
export const CREDENTIAL_STATUSES = ['valid', 'rotated', 'revoked'] as const;

/** A retrieval store (a vector index): namespaces, the document sources that sync into it, snapshots. */
const retrievalStore = z.strictObject({
  id: slug,
  label: z.string().min(1).optional(),
  namespaces: z
    .array(
      z.strictObject({
        id: slug,
        label: z.string().min(1).optional(),
        status: z.enum(NAMESPACE_STATUSES).default('serving'),
      }),
    )
    .min(1),
  /** Document sources and the sync job that feeds each into a namespace. */
  sources: z
    .array(
      z.strictObject({
        id: slug,
        label: z.string().min(1).optional(),
        namespace: slug.optional(),
        status: z.enum(SYNC_STATUSES).default('running'),
      }),
    )
    .default([]),
  snapshots: z.array(z.strictObject({ id: slug, label: z.string().min(1).optional() })).default([]),
});

const tool = z.strictObject({
  id: slug,
  label: z.string().min(1).optional(),
  /** allow: the agent calls it freely; approval: a human approves each call; deny: never. */
  permission: z.enum(PERMISSIONS),
  /** The most one call may move (a refund amount, a transfer), in `unit`. */
  cap: z.number().min(0).optional(),
  unit: z.string().min(1).optional(),
});

/** An LLM agent and the tools it may call. */
const agent = z.strictObject({
  id: slug,
  label: z.string().min(1).optional(),
  model: slug.optional(),
  status: z.enum(AGENT_STATUSES).default('active'),
  /** Tools act with the calling user's session and rights, not the agent's own. */
  session_binding: z.boolean().default(false),
  tools: z.array(tool).default([]),
});

const dataset = z.strictObject({
  id: slug,
  label: z.string().min(1).optional(),
  version: z.union([z.string().min(1), z.number()]),
  provenance: z.enum(PROVENANCE).default('verified'),
  source: z.string().min(1).optional(),
  shards: z
    .array(
      z.strictObject({
        id: slug,
        label: z.string().min(1).optional(),
        status: z.enum(SHARD_STATUSES).default('active'),
      }),
    )
    .default([]),
});

const credential = z.strictObject({
  id: slug,
  label: z.string().min(1).optional(),
  /** What it is: "API key", "service-account token"… */
  kind: z.string().min(1).optional(),
  /** Where it grants access. */
  scope: z.string().min(1).optional(),
  status: z.enum(CREDENTIAL_STATUSES).default('valid'),
});

export const estateSchema = z.strictObject({
  models: z.array(model).min(1),
  endpoints: z.array(endpoint).default([]),
  pipelines: z.array(pipeline).default([]),
  evidence: z.array(evidenceItem).default([]),
  metrics: z.array(metric).default([]),
  retrieval: z.array(retrievalStore).default([]),
  agents: z.array(agent).default([]),
  datasets: z.array(dataset).default([]),
  credentials: z.array(credential).default([]),
});

/** One change an option makes; exactly one key per entry. */
export const effectSchema = z.union([
  z.strictObject({ flag: flagList }),
  z.strictObject({ clear: flagList }),
  z.strictObject({
    traffic: z.strictObject({ endpoint: slug, to: z.record(slug, z.number().min(0).max(100)) }),
  }),
  z.strictObject({ pipeline: z.strictObject({ id: slug, status: z.enum(PIPELINE_STATUSES) }) }),
  z.strictObject({ evidence: evidenceItem }),
  z.strictObject({ evidence_state: z.strictObject({ id: slug, status: z.enum(EVIDENCE_STATUSES) }) }),
  z.strictObject({
    model: z.strictObject({
      id: slug,
      alias: z.string().min(1).nullable().optional(),
      status: z.enum(['active', 'quarantined', 'deleted']).optional(),
    }),
  }),
  z.strictObject({ add_model: model }),
  z.strictObject({
    retrieval: z
      .strictObject({
        id: slug,
        namespace: z.strictObject({ id: slug, status: z.enum(NAMESPACE_STATUSES) }).optional(),
        source: z.strictObject({ id: slug, status: z.enum(SYNC_STATUSES) }).optional(),
        snapshot: z.strictObject({ id: slug, label: z.string().min(1).optional() }).optional(),
        restore: slug.optional(),
      })
      .refine(
        (r) => r.namespace || r.source || r.snapshot || r.restore,
        'a "namespace", "source", "snapshot" or "restore" change',
      ),
  }),
  z.strictObject({
    agent: z
      .strictObject({
        id: slug,
        status: z.enum(AGENT_STATUSES).optional(),
        session_binding: z.boolean().optional(),
        tool: z
          .strictObject({
            id: slug,
            permission: z.enum(PERMISSIONS).optional(),
            cap: z.number().min(0).nullable().optional(),
          })
          .optional(),
      })
      .refine(
        (a) => a.status !== undefined || a.session_binding !== undefined || a.tool !== undefined,
        'a "status", "session_binding" or "tool" change',
      ),
  }),
  z.strictObject({
    dataset: z
      .strictObject({
        id: slug,
        version: z.union([z.string().min(1), z.number()]).optional(),
        provenance: z.enum(PROVENANCE).optional(),
        shard: z.strictObject({ id: slug, status: z.enum(SHARD_STATUSES) }).optional(),
      })
      .refine(
        (d) => d.version !== undefined || d.provenance !== undefined || d.shard !== undefined,
        'a "version", "provenance" or "shard" change',
      ),
  }),
  z.strictObject({ credential: z.strictObject({ id: slug, status: z.enum(CREDENTIAL_STATUSES) }) }),
  z.strictObject({
    metric: z
      .strictObject({ id: slug, rate_per_hour: z.number().min(0).optional(), restart: z.literal(true).optional() })
      .refine(
        (m) => m.rate_per_hour !== undefined || m.restart !== undefined,
        'a "rate_per_hour", "restart: true" or both',
      ),
  }),
]);
export type Effect = z.infer<typeof effectSchema>;

const scoreDeltas = z.partialRecord(capability, z.number().int().min(-10).max(10));

const outcomeFields = {
  cost: duration.default('0m'),
  effects: z.array(effectSchema).default([]),
  score: scoreDeltas.default({}),
  mitigations: z.array(atlasMitigation).default([]),
  feedback: markdown.optional(),
  next: nextSchema.optional(),
};

const option = z.strictObject({
  id: slug,
  label: z.string().min(1),
  /** Offered only when this holds as the decision opens. */
  when: conditionSchema.optional(),
  ...outcomeFields,
});

const decision = z.strictObject({
  prompt: markdown,
  deciders: z.array(role).min(1),
  discuss: duration,
  options: z.array(option).min(2),
  no_decision: z.strictObject(outcomeFields).optional(),
});

const artifact = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('log'), title: z.string().min(1), text: z.string().min(1) }),
  z.strictObject({
    kind: z.literal('table'),
    title: z.string().min(1),
    columns: z.array(z.string()).min(1),
    rows: z.array(z.array(z.union([z.string(), z.number()]))).min(1),
  }),
  z.strictObject({
    kind: z.literal('metric'),
    title: z.string().min(1),
    unit: z.string().min(1).optional(),
    x: z.array(z.union([z.string(), z.number()])).min(2),
    series: z.record(z.string(), z.array(z.number())),
  }),
]);

const inject = z.strictObject({
  id: slug,
  title: z.string().min(1),
  at: duration.optional(),
  when: conditionSchema.optional(),
  body: markdown,
  artifacts: z.array(artifact).default([]),
  notes: markdown.optional(),
  /** Changes made when the inject is shown (not when it is passed over), before any decision. */
  effects: z.array(effectSchema).optional(),
  decision: decision.optional(),
  next: nextSchema.optional(),
});

const phase = z.strictObject({
  id: slug,
  title: z.string().min(1),
  nist: z.enum(NIST_PHASES),
  csf: z.enum(CSF_FUNCTIONS),
  injects: z.array(inject).min(1),
});

const clock = z.strictObject({
  id: slug,
  label: z.string().min(1),
  kind: z.enum(['sla', 'regulatory']),
  starts_on: slug.optional(),
  limit: duration,
  stops_on: slug,
  reference: z.string().min(1).optional(),
});

const requirement = z.union([
  z
    .strictObject({ flag: slug, by: duration.optional(), within: duration.optional(), after: slug.optional() })
    .refine(
      (r) => (r.within === undefined) === (r.after === undefined),
      '"within" and "after" together, such as { flag: dpa-notified, within: 72h, after: personal-data-exposed }',
    ),
  z.strictObject({ before: z.tuple([slug, slug]) }),
  z.strictObject({ never: slug }),
  z.strictObject({ chose: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'an "inject.option" reference') }),
  z.strictObject({ clock: z.strictObject({ id: slug, status: z.enum(CLOCK_STATUSES) }) }),
  z.strictObject({ holds: conditionSchema }),
]);
export type Requirement = z.infer<typeof requirement>;

const expectation = z.strictObject({
  id: slug,
  capability,
  text: z.string().min(1),
  require: requirement,
  mitigations: z.array(atlasMitigation).default([]),
  csf: z.array(csfId).default([]),
  element: z.enum(['planning', 'organization', 'equipment', 'training', 'exercise']).default('planning'),
  corrective_action: z.string().min(1).optional(),
  /** Who owns the corrective action: a role, or an organisation (optionally with its role). */
  owner: z.union([role, z.strictObject({ organisation: z.string().min(1), role: role.optional() })]).optional(),
  /** The learning objectives this task tests, by their 1-based number in `objectives` (the report's exercise design summary). */
  objectives: z.array(z.number().int().min(1)).min(1).optional(),
});

/** What the drill suggests for its HSEEP after-action report (docs/drill-format.md). */
const hseep = z.strictObject({
  /** The HSEEP mission areas the drill exercises. */
  mission_areas: z.array(z.enum(MISSION_AREAS)).min(1).optional(),
  /** How long a corrective action should take: its default completion date is the exercise date plus this. */
  improvement_horizon: duration.optional(),
});

const ending = z.strictObject({
  id: slug,
  title: z.string().min(1),
  kind: z.enum(['good', 'partial', 'bad']),
  body: markdown,
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  id: slug,
  version: z.number().int().min(1),
  title: z.string().min(1),
  summary: z.string().min(1),
  difficulty: z.enum(['introductory', 'intermediate', 'advanced']),
  minutes: z.number().int().min(5).max(480),
  objectives: z.array(z.string().min(1)).min(1),
  hseep: hseep.optional(),
  /** The public incidents and ATLAS case studies the drill draws on (provenance.ts). */
  provenance: provenanceSchema,
  frameworks: z.strictObject({
    atlas: z.array(atlasTechnique).min(1),
    owasp_ml: z.array(z.string().regex(/^ML(0[1-9]|10)$/, 'an OWASP ML Top 10 (2023) ID such as "ML02"')).default([]),
    owasp_llm: z
      .array(z.string().regex(/^LLM(0[1-9]|10)$/, 'an OWASP LLM Top 10 (2025) ID such as "LLM04"'))
      .default([]),
  }),
  roles: z.strictObject({
    lead: role,
    in_play: z.array(role).min(1),
    /** Roles this drill adds to the built-in ones: id → display name. */
    define: z.record(slug, z.string().min(1)).optional(),
  }),
  flags: z.record(slug, z.string().min(1)),
  estate: estateSchema,
  clocks: z.array(clock).default([]),
  phases: z.array(phase).min(1),
  endings: z.array(ending).min(1),
  expectations: z.array(expectation).default([]),
});

/** A scenario as written, after defaults are filled in. */
export type Scenario = z.infer<typeof scenarioSchema>;
export type Phase = Scenario['phases'][number];
export type Inject = Phase['injects'][number];
export type Decision = NonNullable<Inject['decision']>;
export type Option = Decision['options'][number];
export type Outcome = Omit<Option, 'id' | 'label'>;
export type Expectation = Scenario['expectations'][number];
export type Clock = Scenario['clocks'][number];
export type Ending = Scenario['endings'][number];
export type Model = Scenario['estate']['models'][number];
export type Owner = NonNullable<Expectation['owner']>;
