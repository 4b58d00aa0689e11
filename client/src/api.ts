/** HTTP calls to the game server and the per-exercise tokens kept in localStorage. */
import type {
  CreateExercise,
  CreatedExercise,
  ErrorCode,
  Joined,
  RewindRequest,
  Rewound,
  ScenarioDetail,
  ScenarioSummary,
  Seat,
} from '../../protocol/messages.ts';
import { messages } from './text/messages.ts';

export type { ScenarioDetail };

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** A refusal as the server sends it: a code and a message written for developers. */
interface Refused {
  status: number;
  code: ErrorCode | undefined;
  message: string;
}

/** Chooses the words a person reads for a refusal; null keeps the server's message (report pages, for managers). */
type Words = (refused: Refused) => string | null;

const words = messages.errors;

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Creating an exercise or a solo run: the form is the app's own, so a refusal is rare and never shows codes. */
export const SETUP_WORDS: Words = ({ status, code }) => {
  if (status === 429) return words.setup.rateLimited;
  if (code === 'NOT_FOUND') return words.setup.notFound;
  if (code === 'INVALID') return words.setup.invalid;
  return status >= 500 ? words.general.INTERNAL : words.setup.other;
};

/** Joining with a code. */
export const JOIN_WORDS: Words = ({ status, code, message }) => {
  if (status === 429) return words.join.rateLimited;
  if (code === 'NOT_FOUND') return words.join.notFound;
  if (code === 'NOT_NOW') return words.join.notNow;
  if (code === 'INVALID') return words.join.invalid;
  // the two refusals here (a solo run, a lead role someone holds) are sentences written for the person
  if (code === 'FORBIDDEN') return `${upperFirst(message)}.`;
  return status >= 500 ? words.general.INTERNAL : words.join.other;
};

/** The facilitator asking for a link to a seat (H12). */
const SEAT_WORDS: Words = ({ status }) => {
  if (status === 401 || status === 403) return words.seat.forbidden;
  if (status === 404) return words.seat.notFound;
  return status >= 500 ? words.general.INTERNAL : words.seat.other;
};

async function request<T>(
  path: string,
  init?: { method?: string; body?: unknown; words?: Words; key?: string },
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init?.method ?? 'GET',
      headers: {
        ...(init?.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init?.key ? { authorization: `Bearer ${init.key}` } : {}),
      },
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(messages.common.unreachable, 0);
  }
  const data = (await res.json().catch(() => null)) as { code?: ErrorCode; message?: string; error?: string } | null;
  if (!res.ok) {
    const message = data?.message ?? data?.error ?? messages.common.serverAnswered(res.status);
    throw new ApiError(init?.words?.({ status: res.status, code: data?.code, message }) ?? message, res.status);
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

export const createExercise = (body: CreateExercise) =>
  request<CreatedExercise>('/api/exercises', { method: 'POST', body, words: SETUP_WORDS });
export const joinExercise = (body: { code: string; name: string; observer?: boolean }) =>
  request<Joined>('/api/join', { method: 'POST', body, words: JOIN_WORDS });
export const startSolo = (body: { scenarioId: string; name: string }) =>
  request<Joined>('/api/solo', { method: 'POST', body, words: SETUP_WORDS });
/** Rewinding a practice run (H18): the trainee's own run, once it has ended. */
const REWIND_WORDS: Words = ({ status, code }) => {
  if (status === 429) return words.rewind.rateLimited;
  if (status === 401 || status === 403) return messages.solo.rewindElsewhere;
  if (code === 'NOT_NOW') return words.rewind.notNow;
  if (code === 'INVALID') return words.rewind.invalid;
  return status >= 500 ? words.general.INTERNAL : words.rewind.other;
};

/** Trainee: a new run from one decision of their finished run, its earlier choices replayed (H18). */
export const rewindRun = (exerciseId: string, token: string, inject: string) =>
  request<Rewound>(`/api/exercises/${encodeURIComponent(exerciseId)}/rewind`, {
    method: 'POST',
    body: { inject } satisfies RewindRequest,
    key: token,
    words: REWIND_WORDS,
  });

/** Facilitator: a new token for a player's seat, to hand to that player on another device (H12). */
export const seatToken = (exerciseId: string, playerId: string, facilitatorKey: string) =>
  request<Joined>(`/api/exercises/${encodeURIComponent(exerciseId)}/players/${encodeURIComponent(playerId)}/token`, {
    method: 'POST',
    key: facilitatorKey,
    words: SEAT_WORDS,
  });

/** The link that opens a seat on another device; the token stays in the fragment, which is never sent to the server. */
export const seatLink = (origin: string, exerciseId: string, token: string) =>
  `${origin}#/seat/${encodeURIComponent(exerciseId)}/${encodeURIComponent(token)}`;

// ---- tokens: a reload puts the user back in their seat ----

export interface StoredSeat {
  token: string;
  seat: Seat;
  code?: string;
  savedAt: number;
  /** A solo practice run: what it was, so the trainee's runs can be listed on this device. */
  solo?: {
    scenarioId: string;
    scenarioTitle: string;
    name: string;
    /** A run rewound from an earlier one: that run, the decision it was rewound to and when that run started (epoch ms). */
    rewoundFrom?: { exerciseId: string; decision: number; playedAt: number };
  };
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
