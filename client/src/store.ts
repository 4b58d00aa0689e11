/**
 * The one client store: a projection of what the server says (snapshot + versioned patches),
 * plus connection state and the notices shown to the user. Views read from here and send
 * intents through socket.ts; no game rule lives in the client.
 */
import { create } from 'zustand';
import { applyPatch } from '../../protocol/patch.ts';
import type { ErrorCode, Patch, Seat, Snapshot, TeamView } from '../../protocol/messages.ts';

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'closed';

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

export interface Presence {
  online: boolean;
  typing: boolean;
}

export interface StoreState {
  exerciseId: string | null;
  connection: ConnectionState;
  /** Why the connection is closed for good (refused hello, kicked, ...). */
  closedReason: string | null;
  snapshot: Snapshot | null;
  /** Volatile presence by player id (never stored by the server). */
  presence: Record<string, Presence>;
  notices: Notice[];
  /** Applies a patch; returns false when it leaves a gap (the caller resyncs). */
  applyPatch: (patch: Patch) => boolean;
  setSnapshot: (snapshot: Snapshot | null) => void;
  setConnection: (connection: ConnectionState, reason?: string | null) => void;
  setPresence: (playerId: string, presence: Presence) => void;
  notify: (tone: Notice['tone'], text: string) => void;
  dismiss: (id: number) => void;
  reset: (exerciseId: string | null) => void;
}

let noticeSeq = 0;

export const useStore = create<StoreState>()((set, get) => ({
  exerciseId: null,
  connection: 'idle',
  closedReason: null,
  snapshot: null,
  presence: {},
  notices: [],
  applyPatch: (patch) => {
    const current = get().snapshot;
    if (!current) return false;
    if (patch.version <= current.version) return true; // already have it (repeat delivery)
    if (patch.version !== current.version + 1) return false; // gap: resync
    try {
      set({ snapshot: applyPatch(current, patch) });
    } catch {
      return false; // a patch that does not fit what we hold (P5a): resync
    }
    return true;
  },
  setSnapshot: (snapshot) => set({ snapshot }),
  setConnection: (connection, reason = null) => set({ connection, closedReason: reason }),
  setPresence: (playerId, presence) => set((s) => ({ presence: { ...s.presence, [playerId]: presence } })),
  notify: (tone, text) => {
    const id = ++noticeSeq;
    set((s) => ({ notices: [...s.notices.slice(-3), { id, tone, text }] }));
    setTimeout(() => get().dismiss(id), tone === 'error' ? 9000 : 5000);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  reset: (exerciseId) => set({ exerciseId, snapshot: null, presence: {}, connection: 'idle', closedReason: null }),
}));

/** Readable words for the server's refusal codes. */
export function describeRefusal(code: ErrorCode, message: string): string {
  const lead: Record<ErrorCode, string> = {
    INVALID: 'That was not accepted',
    FORBIDDEN: 'You are not allowed to do that',
    NOT_NOW: 'Not possible right now',
    STALE: 'Things moved on in the meantime',
    RATE_LIMITED: 'Too many actions at once; wait a moment',
    NOT_FOUND: 'Not found',
    INCOMPATIBLE: 'This page is out of date; reload it',
    INTERNAL: 'The server had a problem',
  };
  return message ? `${lead[code]}: ${message}` : `${lead[code]}.`;
}

// ---- selectors (derived views; still no rules) ----

export const selectMe = (s: StoreState) => s.snapshot?.me ?? null;
export const selectSeat = (s: StoreState): Seat | null => s.snapshot?.me.seat ?? null;

export function myTeam(snapshot: Snapshot | null): TeamView | null {
  if (!snapshot) return null;
  const id = snapshot.me.teamId;
  return snapshot.teams.find((t) => t.id === id) ?? (snapshot.exercise.solo ? snapshot.teams[0] ?? null : null);
}

export function playerName(snapshot: Snapshot | null, playerId: string): string {
  return snapshot?.players.find((p) => p.id === playerId)?.name ?? 'someone';
}
