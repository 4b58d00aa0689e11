/**
 * What if (docs/protocol.md W1–W4): in the debrief a seat asks how a team's story would have gone
 * had it taken another option at one of its decisions. The server answers from the team's logged
 * decisions with the same engine; nothing about the exercise changes.
 */
import { z } from 'zod';
import type { Counterfactual } from './gap-report.ts';
import type { ErrorCode } from './messages.ts';

/** How the story goes on after the fork: the team's own later choices (`same`), or all best or worst. */
export const WHAT_IF_POLICIES = ['same', 'best', 'worst'] as const;
export type WhatIfPolicy = (typeof WHAT_IF_POLICIES)[number];

export const whatIfRequestSchema = z.strictObject({
  teamId: z.string().min(1).max(64),
  /** The inject of the decision to fork (a story passes each inject at most once). */
  inject: z.string().min(1).max(64),
  option: z.string().min(1).max(64),
  policy: z.enum(WHAT_IF_POLICIES),
});
export type WhatIfRequest = z.infer<typeof whatIfRequestSchema>;

/** One timeline's outcome, as the debrief shows it. */
export interface WhatIfTimelineView {
  ending: { title: string; kind: string } | null;
  simMinutes: number;
  total: { score: number; max: number };
  capabilities: Array<{ id: string; label: string; score: number; max: number; rating: 'P' | 'S' | 'M' | 'U' | null }>;
  clocks: Array<{
    id: string;
    label: string;
    status: 'not-started' | 'running' | 'met' | 'breached';
    elapsedMinutes: number | null;
    limitMinutes: number;
  }>;
  impact: Array<{ id: string; label: string; unit: string; total: number }>;
}

export interface WhatIfView {
  teamId: string;
  fork: {
    decision: number;
    inject: string;
    title: string;
    option: { id: string; label: string };
    /** What the team did there: an option, or null for no decision or a skip. */
    played: { id: string; label: string } | null;
    policy: WhatIfPolicy;
    /** The options on offer at that decision in the team's story: what a fork there can take. */
    choices: Array<{ id: string; label: string }>;
  };
  real: WhatIfTimelineView;
  alternative: WhatIfTimelineView;
  /** Decisions taken differently, in story order; a side is null where that story never came to it. */
  differences: Array<{ inject: string; title: string; real: string | null; alternative: string | null }>;
  /** Expectations met in one timeline and missed in the other. */
  flipped: Array<{ id: string; text: string; capability: string; real: boolean; alternative: boolean }>;
}

export type WhatIfAnswer = { ok: true; whatIf: WhatIfView } | { ok: false; code: ErrorCode; message: string };

/**
 * Pinning a what-if into the gap report (W5): the fork and an optional one-line note
 * (`POST /api/exercises/:id/whatifs`, staff keys only).
 */
export const whatIfPinSchema = whatIfRequestSchema.extend({
  note: z
    .string()
    .max(200)
    .regex(/^[^\r\n]*$/, 'one line: no line breaks')
    .optional(),
});
export type WhatIfPinInput = z.infer<typeof whatIfPinSchema>;

/** The pinned what-ifs of an exercise, as its gap report shows them (W5-W8). */
export interface WhatIfPins {
  ok: true;
  pins: Counterfactual[];
}

/** The answer to a pin: the pin as the report shows it, and every pin. */
export interface WhatIfPinned extends WhatIfPins {
  pin: Counterfactual;
}
