/** HTTP calls to the game server and the per-exercise tokens kept in localStorage. */
import type { CreateExercise, CreatedExercise, Joined, ScenarioDetail, ScenarioSummary, Seat } from '../../protocol/messages.ts';

export type { ScenarioDetail };

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init?.method ?? 'GET',
      headers: init?.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError('The game server cannot be reached. Check the connection and try again.', 0);
  }
  const data = (await res.json().catch(() => null)) as { message?: string; error?: string } | null;
  if (!res.ok) {
    const text = data?.message ?? data?.error ?? `The server answered ${res.status}.`;
    throw new ApiError(text, res.status);
  }
  return data as T;
}

export async function listScenarios(): Promise<ScenarioSummary[]> {
  const data = await request<ScenarioSummary[] | { scenarios: ScenarioSummary[] }>('/api/scenarios');
  return Array.isArray(data) ? data : data.scenarios;
}

export async function getScenario(id: string): Promise<ScenarioDetail> {
  const data = await request<ScenarioDetail | { scenario: ScenarioDetail }>(`/api/scenarios/${encodeURIComponent(id)}`);
  return 'scenario' in data && typeof data.scenario === 'object' ? data.scenario : (data as ScenarioDetail);
}

export const createExercise = (body: CreateExercise) => request<CreatedExercise>('/api/exercises', { method: 'POST', body });
export const joinExercise = (body: { code: string; name: string; observer?: boolean }) => request<Joined>('/api/join', { method: 'POST', body });
export const startSolo = (body: { scenarioId: string; name: string }) => request<Joined>('/api/solo', { method: 'POST', body });

// ---- tokens: a reload puts the user back in their seat ----

export interface StoredSeat {
  token: string;
  seat: Seat;
  code?: string;
  savedAt: number;
  /** A solo practice run: what it was, so the trainee's runs can be listed on this device. */
  solo?: { scenarioId: string; scenarioTitle: string; name: string };
}

const SEAT_PREFIX = 'breachdrill:seat:';
const key = (exerciseId: string) => `${SEAT_PREFIX}${exerciseId}`;

export function saveSeat(exerciseId: string, seat: StoredSeat): void {
  try {
    localStorage.setItem(key(exerciseId), JSON.stringify(seat));
  } catch {
    /* private mode: the seat lasts for this tab only */
  }
}

export function loadSeat(exerciseId: string): StoredSeat | null {
  try {
    const raw = localStorage.getItem(key(exerciseId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredSeat;
    return typeof parsed.token === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** The solo practice runs started on this device, newest first. */
export function listSoloRuns(): Array<StoredSeat & { exerciseId: string; solo: NonNullable<StoredSeat['solo']> }> {
  const runs: Array<StoredSeat & { exerciseId: string; solo: NonNullable<StoredSeat['solo']> }> = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k?.startsWith(SEAT_PREFIX)) continue;
      const exerciseId = k.slice(SEAT_PREFIX.length);
      const seat = loadSeat(exerciseId);
      if (seat?.solo) runs.push({ ...seat, exerciseId, solo: seat.solo });
    }
  } catch {
    /* storage unavailable: no runs to list */
  }
  return runs.sort((a, b) => b.savedAt - a.savedAt);
}

export function forgetSeat(exerciseId: string): void {
  try {
    localStorage.removeItem(key(exerciseId));
  } catch {
    /* ignore */
  }
}
