/**
 * The report endpoints' request schemas and answer types (docs/protocol.md, H7–H10), shared by
 * the server and, as types only, the web client.
 */
import { z } from 'zod';
import type { GapReport, PlanItem } from './gap-report.ts';
import type { RewoundFrom } from './messages.ts';

/** HSEEP performance ratings: Performed without challenges, with Some, with Major challenges, Unable. */
export type HseepRating = 'P' | 'S' | 'M' | 'U';

/** One capability of one team: score against the best any path reaches, and its rating. */
export interface CapabilitySummary {
  id: string;
  label: string;
  score: number;
  max: number;
  /** max(score, 0) / max, rounded to two decimals; null when nothing can be scored. */
  ratio: number | null;
  rating: HseepRating | null;
}

export interface TeamSummary {
  id: string;
  /** The team's name; the trainee's name in a solo run. */
  name: string;
  players: string[];
  finished: boolean;
  total: { score: number; max: number };
  capabilities: CapabilitySummary[];
  /** Expectation ids the team met. */
  met: string[];
}

/** A row of GET /api/reports. */
export interface ExerciseSummary {
  exerciseId: string;
  code: string;
  scenario: { id: string; version: number; title: string };
  status: string;
  solo: boolean;
  /** `solo` for practice runs, else the decision mode at the end. */
  mode: 'solo' | 'vote' | 'lead' | 'facilitator';
  facilitator: string | null;
  /** YYYY-MM-DD (UTC) play started, or the exercise was created. */
  date: string;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  teams: TeamSummary[];
  /** Every player's name, sorted. */
  trainees: string[];
  verified: boolean;
  /** A solo run rewound from an earlier run (H18): practice, not an assessment; left out of trends. Null otherwise. */
  rewoundFrom: RewoundFrom | null;
}

/** One exercise of a team in GET /api/trends. */
export interface TrendPoint {
  exerciseId: string;
  date: string;
  endedAt: number | null;
  solo: boolean;
  total: { score: number; max: number };
  capabilities: CapabilitySummary[];
}

/** GET /api/trends?scenario=ID: per team name, per capability, over time (oldest first). */
export interface Trends {
  scenario: { id: string; title: string };
  capabilities: Array<{ id: string; label: string }>;
  teams: Array<{ name: string; points: TrendPoint[] }>;
}

/** HSEEP capability elements a corrective action can address. */
export const CAPABILITY_ELEMENTS = ['planning', 'organization', 'equipment', 'training', 'exercise'] as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a calendar date',
  );
const optionalDate = z.union([z.literal(''), isoDate]);

/** Improvement-plan statuses a person sets (a row becomes "validated" when a later exercise meets the task). */
export const PLAN_STATUSES = ['open', 'in-progress', 'done'] as const;

/** One improvement-plan row as edited; omitted or empty fields fall back to the report's defaults. */
export const planEditSchema = z
  .strictObject({
    teamId: z.string().min(1).max(64),
    key: z.string().min(1).max(64).describe('the expectation id of the row'),
    correctiveAction: z.string().trim().max(1000).optional(),
    element: z.union([z.literal(''), z.enum(CAPABILITY_ELEMENTS)]).optional(),
    responsible: z.string().trim().max(120).optional(),
    organisation: z.string().trim().max(160).optional().describe('the primary responsible organisation'),
    organisationPoc: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe("the organisation's point of contact: name, role, contact details"),
    start: optionalDate.optional(),
    completion: optionalDate.optional(),
    /** Where the work stands; "validated" is not set by hand: a later exercise proves it. */
    status: z.enum(PLAN_STATUSES).optional(),
  })
  .refine((e) => !e.start || !e.completion || e.completion >= e.start, {
    message: 'the completion date is before the start date',
    path: ['completion'],
  });
export type PlanEditInput = z.infer<typeof planEditSchema>;

/** PUT /api/exercises/:id/plan: each listed row's edit is replaced; other rows keep theirs. */
export const planUpdateSchema = z.strictObject({ items: z.array(planEditSchema).min(1).max(200) });

/** The answer to PUT /plan: the whole improvement plan after the edit. */
export interface PlanUpdated {
  ok: true;
  plan: PlanItem[];
}

/**
 * PUT /api/exercises/:id/details: the report overview's sponsor, participating organisations and
 * point of contact (HSEEP AAR/IP). The whole set is replaced; empty fields are "not recorded".
 */
export const reportDetailsSchema = z.strictObject({
  sponsor: z.string().trim().max(160).optional(),
  organisations: z.array(z.string().trim().max(160)).max(30).optional(),
  pointOfContact: z.string().trim().max(300).optional(),
});
export type ReportDetailsInput = z.infer<typeof reportDetailsSchema>;

/** The answer to PUT /details: the whole report after the change (the overview, plan defaults and conclusion move with it). */
export interface DetailsUpdated {
  ok: true;
  report: GapReport;
}

const filterText = z.string().trim().max(64).optional();
/** Query of GET /api/reports (`key` is the manager key, when not sent as a header). */
export const reportFilterSchema = z.object({
  scenario: filterText,
  team: filterText,
  trainee: filterText,
  from: isoDate.optional(),
  to: isoDate.optional(),
});

/** The answer to GET /api/reports, newest first. */
export interface ReportList {
  reports: ExerciseSummary[];
}
