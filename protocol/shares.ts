/**
 * Read-only share links of a report (docs/protocol.md H15-H17): the request schema and the answer
 * types, shared by the server and, as types only, the web client.
 */
import { z } from 'zod';

/** POST /api/exercises/:id/shares. */
export const createShareSchema = z.strictObject({
  /** How long the link opens the report, in days (default 7). */
  days: z.number().int().min(1).max(90).optional(),
  /** Words to tell links apart in the list ("for the board"). */
  label: z.string().trim().max(60).optional(),
});
export type CreateShare = z.infer<typeof createShareSchema>;

/** A share link as listed: never its token (only its SHA-256 is stored). */
export interface ShareView {
  id: string;
  exerciseId: string;
  /** The report it opens: scenario title, exercise code and date (YYYY-MM-DD), when known. */
  report: { scenarioTitle: string; code: string; date: string } | null;
  label: string | null;
  createdBy: 'manager' | 'facilitator';
  /** Epoch ms. */
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  status: 'active' | 'revoked' | 'expired';
}

/** 201 answer of POST /api/exercises/:id/shares: the token is shown this once. */
export interface CreatedShare {
  ok: true;
  share: ShareView;
  token: string;
}

/** GET /api/shares and GET /api/exercises/:id/shares. */
export interface ShareList {
  shares: ShareView[];
}

/** GET /api/shared with a share token: which report it opens, until when. */
export interface SharedReport {
  exerciseId: string;
  scenarioTitle: string;
  expiresAt: number;
}
