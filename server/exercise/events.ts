/**
 * What the event log holds: every accepted command and every server decision (a fired
 * deadline, a restart) with its wall-clock time. Replaying these through `applyEvent` in order
 * rebuilds an exercise exactly (rule 9): the reducer reads time only from `at`.
 */
import type { Command, DecisionMode, Seat } from '../../protocol/index.ts';

/** Who caused an event; null for the server itself. */
export interface Actor {
  seat: Seat;
  playerId: string | null;
}

export type EventBody =
  | {
      type: 'created';
      code: string;
      scenario: { id: string; version: number; hash: string };
      mode: DecisionMode;
      solo: boolean;
      teams: Array<{ id: string; name: string }>;
      facilitatorName?: string;
      /** The facilitator chose anonymous hot-wash answers in the gap report. */
      anonymousHotwash?: boolean;
    }
  | { type: 'joined'; playerId: string; name: string; teamId: string; role: string }
  | { type: 'command'; command: Command }
  | { type: 'deadline'; teamId: string; injectId: string }
  | { type: 'restarted'; downAt: number };

/** One entry of an exercise's log. */
export interface LoggedEvent {
  version: number;
  at: number;
  actor: Actor | null;
  commandId: string | null;
  body: EventBody;
}

/** A stored event with its place in the hash chain. */
export interface StoredEvent extends LoggedEvent {
  exerciseId: string;
  prevHash: string;
  hash: string;
}

/** The object the chain hash covers. */
export function hashedForm(exerciseId: string, event: LoggedEvent): object {
  return { exerciseId, version: event.version, at: event.at, actor: event.actor, commandId: event.commandId, body: event.body };
}
