/**
 * Typed calls to the HTTP API for tests: create an exercise, join it, start a solo run.
 * Each throws with the server's message when the answer is not 2xx, except `request`,
 * which returns status and body as they are.
 */
import type { CreatedExercise, CreateExercise, Joined } from '../../protocol/index.ts';

/** Any request; the body is sent as JSON when it is not a string. */
export async function request(
  url: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url + path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

async function ok<T>(url: string, path: string, body: unknown): Promise<T> {
  const res = await request(url, path, { body });
  if (res.status >= 300) throw new Error(`POST ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/** POST /api/exercises. */
export const createExercise = (url: string, body: CreateExercise) => ok<CreatedExercise>(url, '/api/exercises', body);

/** POST /api/join. */
export const joinExercise = (
  url: string,
  body: { code: string; name: string; teamId?: string; role?: string; observer?: boolean },
) => ok<Joined>(url, '/api/join', body);

/** POST /api/solo. */
export const startSolo = (url: string, body: { scenarioId: string; name: string }) =>
  ok<Joined>(url, '/api/solo', body);
