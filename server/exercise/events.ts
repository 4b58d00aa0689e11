/**
 * What the event log holds: every accepted command and every server decision (a fired
 * deadline, a restart) with its wall-clock time. Replaying these through `applyEvent` in order
 * rebuilds an exercise exactly (rule 9): the reducer reads time only from `at`.
 *
 * These types are the log's own, not the wire's (S7): a change to protocol/ must not change
 * what is on disk. `log-command.ts` turns a wire command into a logged one field by field, so
 * a new or renamed wire field fails to compile there instead of silently landing in the log.
 * When the stored shape has to change, bump LOG_FORMAT and teach `decodeBody` (log-format.ts)
 * to read the older format.
 */

/** The format new events are written in (stored beside each event, outside its hash). */
export const LOG_FORMAT = 1;

export type LogSeat = 'facilitator' | 'player' | 'observer' | 'manager';
export type LogDecisionMode = 'vote' | 'lead' | 'facilitator';

/** Who caused an event; null for the server itself. */
export interface Actor {
  seat: LogSeat;
  playerId: string | null;
}

/** A command as the log keeps it (format 1: the same fields the wire had in protocol version 2). */
export type LogCommand =
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'advance'; teamId: string; inject?: string }
  | { type: 'skip'; teamId: string; inject?: string }
  | { type: 'extend'; teamId: string; seconds: number }
  | { type: 'inject'; teamId: string; title: string; body: string }
  | { type: 'move'; playerId: string; teamId: string; role: string }
  | { type: 'remove'; playerId: string }
  | { type: 'add-team'; name: string }
  | { type: 'set-mode'; mode: LogDecisionMode }
  | { type: 'record'; teamId: string; option: string; inject?: string }
  | { type: 'end' }
  | { type: 'vote'; option: string; reason?: string; inject?: string }
  | { type: 'commit'; option: string; inject?: string }
  | { type: 'continue'; inject?: string }
  | { type: 'hotwash'; worked: string; didNot: string; confidence: Record<string, number> };

export type EventBody =
  | {
      type: 'created';
      code: string;
      scenario: { id: string; version: number; hash: string };
      mode: LogDecisionMode;
      solo: boolean;
      teams: Array<{ id: string; name: string }>;
      facilitatorName?: string;
      /** The facilitator chose anonymous hot-wash answers in the gap report. */
      anonymousHotwash?: boolean;
      /**
       * A solo run rewound from an earlier run of the same trainee (H18): that run, the decision
       * (1-based) and its inject, and when that run started. Its choices before that decision are
       * the commands logged right after the join.
       */
      rewoundFrom?: { exerciseId: string; code: string; decision: number; inject: string; playedAt: number };
    }
  | { type: 'joined'; playerId: string; name: string; teamId: string; role: string }
  | { type: 'command'; command: LogCommand }
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
