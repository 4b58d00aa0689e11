/**
 * The one client store: the projected snapshot the protocol client keeps in step with the
 * server (socket.ts), plus connection state, commands waiting to be sent, and the notices shown
 * to the user. Views read from here and send
 * intents through socket.ts; no game rule lives in the client.
 */
import { create } from 'zustand';
import type { Snapshot, TeamView } from '../../protocol/messages.ts';

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
  /** Commands sent and not yet answered (they wait while reconnecting). */
  waiting: number;
  setSnapshot: (snapshot: Snapshot | null) => void;
  setWaiting: (waiting: number) => void;
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
  waiting: 0,
  setSnapshot: (snapshot) => set({ snapshot }),
  setWaiting: (waiting) => set({ waiting }),
  setConnection: (connection, reason = null) => set({ connection, closedReason: reason }),
  setPresence: (playerId, presence) => set((s) => ({ presence: { ...s.presence, [playerId]: presence } })),
  notify: (tone, text) => {
    const id = ++noticeSeq;
    set((s) => ({ notices: [...s.notices.slice(-3), { id, tone, text }] }));
    setTimeout(() => get().dismiss(id), tone === 'error' ? 9000 : 5000);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  reset: (exerciseId) =>
    set({ exerciseId, snapshot: null, presence: {}, connection: 'idle', closedReason: null, waiting: 0 }),
}));

// ---- selectors (derived views; still no rules) ----

export function myTeam(snapshot: Snapshot | null): TeamView | null {
  if (!snapshot) return null;
  const id = snapshot.me.teamId;
  return snapshot.teams.find((t) => t.id === id) ?? (snapshot.exercise.solo ? (snapshot.teams[0] ?? null) : null);
}

export function playerName(snapshot: Snapshot | null, playerId: string): string {
  return snapshot?.players.find((p) => p.id === playerId)?.name ?? 'someone';
}
