/**
 * What-ifs pinned into a gap report (docs/protocol.md W5-W8):
 *   GET    /api/exercises/:id/whatifs          any key that reads the report → {ok, pins}
 *   POST   /api/exercises/:id/whatifs          facilitator key of :id or manager key → 201 {ok, pin, pins}
 *   DELETE /api/exercises/:id/whatifs/:pinId   facilitator key of :id or manager key → {ok, pins}
 * A pin stores the fork (team, inject, option, policy) and a note, never its result: the report
 * recomputes it from the log (report/counterfactual.ts), so `pins` is the report's `whatIf`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { forkWhatIf } from '../exercise/whatif.ts';
import { newId } from '../exercise/tokens.ts';
import { decodePathSegment, HttpError, parseBody, readJson, sendJson } from './http-json.ts';
import { requestKey, requireReader, requireStaff } from './reports-auth.ts';
import { finishedStoredReport, type ReportsDeps, type ReportsRoutes } from './reports-http.ts';
import { whatIfPinSchema, type WhatIfPinned, type WhatIfPins } from '../../protocol/index.ts';

/** At most this many what-ifs pinned into one report. */
export const MAX_PINS = 20;

/** Builds the pin routes. */
export function whatIfRoutes(deps: ReportsDeps): ReportsRoutes {
  const now = deps.now ?? Date.now;

  /** 409 before the debrief, in the words of W6 (the report check would only say the report is not ready). */
  const requireDebrief = async (exerciseId: string): Promise<void> => {
    const row = await deps.store.exercise(exerciseId);
    if (row && row.status !== 'debrief' && row.status !== 'ended') {
      throw new HttpError(
        409,
        'NOT_NOW',
        `what-ifs are pinned in the debrief, once play has ended; exercise ${exerciseId} is in ${row.status}`,
      );
    }
  };

  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const match = /^\/api\/exercises\/([^/]+)\/whatifs(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) return false;
    const method = req.method ?? 'GET';
    const exerciseId = decodePathSegment(match[1]!, 'exercise id');
    const key = requestKey(req, url);
    if (match[2] === undefined && method === 'GET') {
      await requireReader(deps.store, key, exerciseId, now());
      const answer: WhatIfPins = { ok: true, pins: (await finishedStoredReport(deps, exerciseId)).report.whatIf };
      sendJson(res, 200, answer);
      return true;
    }
    if (match[2] === undefined && method === 'POST') {
      const pinnedBy = await requireStaff(deps.store, key, exerciseId, now(), 'what-ifs are pinned');
      const input = parseBody(whatIfPinSchema, await readJson(req));
      await requireDebrief(exerciseId);
      const { run } = await finishedStoredReport(deps, exerciseId);
      const team = run.state.teams.find((t) => t.id === input.teamId);
      if (!team)
        throw new HttpError(
          400,
          'INVALID',
          `teamId: no team "${input.teamId}" in this exercise; its teams are ${run.state.teams.map((t) => `${t.id} (${t.name})`).join(', ')}`,
        );
      const { drill, stats } = run.scenario;
      const fork = forkWhatIf(drill, stats, team.id, team.snapshot.context.log, input);
      if ('problem' in fork) throw new HttpError(400, 'INVALID', fork.problem);
      const pins = await deps.store.whatIfPins(exerciseId);
      const same = pins.find(
        (p) =>
          p.teamId === input.teamId &&
          p.inject === input.inject &&
          p.option === input.option &&
          p.policy === input.policy,
      );
      if (!same && pins.length >= MAX_PINS)
        throw new HttpError(
          409,
          'NOT_NOW',
          `this report already holds ${MAX_PINS} what-ifs, the most it takes; remove one first`,
        );
      const note = input.note?.trim() || null;
      const stored = await deps.store.pinWhatIf({
        id: newId(),
        exerciseId,
        teamId: input.teamId,
        inject: input.inject,
        option: input.option,
        policy: input.policy,
        note,
        pinnedBy,
        pinnedAt: now(),
      });
      const all = (await finishedStoredReport(deps, exerciseId)).report.whatIf;
      const answer: WhatIfPinned = { ok: true, pin: all.find((p) => p.id === stored.id)!, pins: all };
      sendJson(res, 201, answer);
      return true;
    }
    if (match[2] !== undefined && method === 'DELETE') {
      await requireStaff(deps.store, key, exerciseId, now(), 'pinned what-ifs are removed');
      const pinId = decodePathSegment(match[2], 'pin id');
      await requireDebrief(exerciseId);
      if (!(await deps.store.unpinWhatIf(exerciseId, pinId)))
        throw new HttpError(404, 'NOT_FOUND', `no pinned what-if "${pinId}" in the report of exercise ${exerciseId}`);
      const answer: WhatIfPins = { ok: true, pins: (await finishedStoredReport(deps, exerciseId)).report.whatIf };
      sendJson(res, 200, answer);
      return true;
    }
    throw new HttpError(
      405,
      'INVALID',
      `${url.pathname} answers ${match[2] === undefined ? 'GET and POST' : 'DELETE'} only`,
    );
  };
}
