/**
 * The HTTP API (node:http, no framework): health, scenarios, creating, joining and solo runs
 * (H1–H6 in docs/protocol.md), rewinding a solo run (H18), the report, document and share-link routes given in the deps,
 * then the built client when one is configured.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Refusal } from '../exercise/accept.ts';
import type { ExerciseRegistry } from '../exercise/registry.ts';
import { scenarioDetail, type ScenarioCatalog } from '../exercise/scenarios.ts';
import { decodePathSegment, HttpError, parseBody, readJson, sendError, sendJson } from './http-json.ts';
import {
  createExerciseSchema,
  joinSchema,
  PROTOCOL_VERSION,
  rewindSchema,
  soloSchema,
  type ErrorCode,
} from '../../protocol/index.ts';
import { AddressLimiter } from './rate-limit.ts';
import { redactSecrets } from './redact.ts';
import { requestKey, requireFacilitator, requireTrainee } from './reports-auth.ts';
import type { ReportsRoutes } from './reports-http.ts';
import type { Cluster } from './cluster.ts';

const STATUS_OF: Record<ErrorCode, number> = {
  INVALID: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  NOT_NOW: 409,
  STALE: 409,
  RATE_LIMITED: 429,
  INCOMPATIBLE: 400,
  INTERNAL: 500,
};

export interface HttpDeps {
  registry: ExerciseRegistry;
  catalog: ScenarioCatalog;
  serveStatic: ((req: IncomingMessage, res: ServerResponse) => boolean) | null;
  log: (message: string) => void;
  /** Joins (and, separately, creations) allowed per address per minute. */
  joinsPerMinute: number;
  /** The report, plan, list and trend routes (reports-http.ts), when enabled. */
  reports?: ReportsRoutes;
  /** Further routes tried in order after those: exercise documents, share links. */
  more?: ReportsRoutes[];
  /** In a cluster, joins and seat links run on the node serving the exercise. */
  cluster?: Cluster;
}

const isRefusal = (value: object): value is Refusal =>
  'code' in value && 'message' in value && !('exerciseId' in value);

/** Builds the request listener. */
export function httpHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const joins = new AddressLimiter(deps.joinsPerMinute);
  const creations = new AddressLimiter(deps.joinsPerMinute);
  const limited = (limiter: AddressLimiter, req: IncomingMessage) => {
    if (!limiter.hit(req.socket.remoteAddress ?? 'unknown'))
      throw new HttpError(
        429,
        'RATE_LIMITED',
        `too many requests from this address; at most ${deps.joinsPerMinute} per minute`,
      );
  };
  type JoinInput = Parameters<ExerciseRegistry['join']>[0];
  const joinHere = (input: JoinInput) => deps.registry.join(input);
  const seatHere = (p: { exerciseId: string; playerId: string }) => deps.registry.seatToken(p.exerciseId, p.playerId);
  deps.cluster?.serve('join', joinHere);
  deps.cluster?.serve('seat-token', seatHere);
  const join = (input: JoinInput) =>
    deps.cluster ? deps.cluster.call<Awaited<ReturnType<typeof joinHere>>>('join', input) : joinHere(input);
  const seatToken = (p: { exerciseId: string; playerId: string }) =>
    deps.cluster ? deps.cluster.call<Awaited<ReturnType<typeof seatHere>>>('seat-token', p) : seatHere(p);
  const answer = (res: ServerResponse, result: object, okStatus: number) => {
    if (isRefusal(result)) sendError(res, STATUS_OF[result.code], result.code, result.message);
    else sendJson(res, okStatus, result);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = parseUrl(req.url ?? '/');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path === '/healthz' && method === 'GET') {
      // 503 while storage cannot save (S8, S9), so a load balancer or monitor sees it
      const storage = deps.registry.health();
      sendJson(res, storage.ok ? 200 : 503, {
        ok: storage.ok,
        protocol: PROTOCOL_VERSION,
        exercises: deps.registry.size,
        scenarios: deps.catalog.list().length,
        storage,
      });
      return;
    }
    if (path === '/api/scenarios' && method === 'GET') {
      sendJson(res, 200, deps.catalog.list());
      return;
    }
    const scenarioMatch = /^\/api\/scenarios\/([^/]+)$/.exec(path);
    if (scenarioMatch && method === 'GET') {
      const scenarioId = decodePathSegment(scenarioMatch[1]!, 'scenario id');
      const entry = deps.catalog.get(scenarioId);
      if (!entry) throw new HttpError(404, 'NOT_FOUND', `no scenario "${scenarioId}"`);
      sendJson(res, 200, scenarioDetail(entry));
      return;
    }
    if (path === '/api/exercises' && method === 'POST') {
      limited(creations, req);
      const input = parseBody(createExerciseSchema, await readJson(req));
      answer(res, await deps.registry.create(input), 201);
      return;
    }
    if (path === '/api/join' && method === 'POST') {
      limited(joins, req);
      const input = parseBody(joinSchema, await readJson(req));
      answer(res, await join(input), 201);
      return;
    }
    if (path === '/api/solo' && method === 'POST') {
      limited(creations, req);
      const input = parseBody(soloSchema, await readJson(req));
      answer(res, await deps.registry.solo(input), 201);
      return;
    }
    const rewindMatch = /^\/api\/exercises\/([^/]+)\/rewind$/.exec(path);
    if (rewindMatch && method === 'POST') {
      limited(creations, req);
      const exerciseId = decodePathSegment(rewindMatch[1]!, 'exercise id');
      const trainee = await requireTrainee(deps.registry, requestKey(req, url), exerciseId);
      const input = parseBody(rewindSchema, await readJson(req));
      answer(res, await deps.registry.rewind(exerciseId, trainee, input.inject), 201);
      return;
    }
    const seatMatch = /^\/api\/exercises\/([^/]+)\/players\/([^/]+)\/token$/.exec(path);
    if (seatMatch && method === 'POST') {
      const exerciseId = decodePathSegment(seatMatch[1]!, 'exercise id');
      await requireFacilitator(deps.registry, requestKey(req, url), exerciseId);
      answer(res, await seatToken({ exerciseId, playerId: decodePathSegment(seatMatch[2]!, 'player id') }), 201);
      return;
    }
    if (deps.reports && (await deps.reports(req, res, url))) return;
    for (const routes of deps.more ?? []) if (await routes(req, res, url)) return;
    if (path.startsWith('/api/') || path === '/healthz')
      throw new HttpError(
        path.startsWith('/api/') && ['/api/exercises', '/api/join', '/api/solo', '/api/scenarios'].includes(path)
          ? 405
          : 404,
        'NOT_FOUND',
        `no route ${method} ${path}`,
      );
    if (deps.serveStatic?.(req, res)) return;
    throw new HttpError(404, 'NOT_FOUND', `no route ${method} ${path}`);
  };

  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) sendError(res, error.status, error.code, error.message);
      else {
        deps.log(
          `HTTP ${req.method} ${redactSecrets(req.url ?? '')} failed: ${(error as Error).stack ?? String(error)}`,
        );
        sendError(res, 500, 'INTERNAL', 'the server failed to answer this request');
      }
    });
  };
}

/** The request target as a URL; one that cannot be parsed is a 400, not a server failure. */
function parseUrl(target: string): URL {
  try {
    return new URL(target, 'http://localhost');
  } catch {
    throw new HttpError(400, 'INVALID', 'the request address cannot be parsed as a URL path');
  }
}
