/**
 * Plain words for what the server refused or why the connection closed. The server's own
 * messages are written for developers (codes, inject ids, command names), so none of them is
 * shown to a person: each refusal gets a sentence chosen here by its code and the action.
 */
import type { Command, ErrorCode, WelcomeNotice } from '../../protocol/messages.ts';
import type { ClosedReason, CommandResult, LocalCode } from '../../protocol/client/index.ts';
import { messages } from './text/messages.ts';

type Code = ErrorCode | LocalCode;

const words = messages.errors;
const ACTION = words.action;
const AGAIN = words.again;
const GENERAL: Record<Code, string> = words.general;

/** The sentence for a refused command, or null when it was accepted. */
export function describeOutcome(command: Command, result: CommandResult): string | null {
  if (result.ok) return null;
  const action = ACTION[command.type];
  if (result.code === 'STALE') {
    return words.stale(action ?? words.that, AGAIN[command.type] ?? words.againFallback);
  }
  if (result.code === 'NOT_NOW' && command.type === 'extend') return words.noDeadline;
  if (result.code === 'NOT_NOW' && command.type === 'hotwash') return words.hotwashLater;
  if (result.code === 'NOT_NOW' && action) return words.notNow(action);
  return GENERAL[result.code];
}

/** The sentence for a connection closed for good. */
export function describeClosed(reason: ClosedReason): string {
  switch (reason.kind) {
    case 'refused': {
      const code = reason.welcome.code;
      if (code === 'FORBIDDEN') return words.closed.noSeat;
      if (code === 'NOT_FOUND') return words.closed.gone;
      return GENERAL[code];
    }
    case 'bye':
      return reason.farewell.code === 'FORBIDDEN' ? words.closed.removed : words.closed.bye;
    case 'server-closed':
      return words.closed.serverClosed;
    case 'closed-here':
      return words.closed.here;
  }
}

/** The sentence for a welcome's notice (S12): the server no longer has what this screen showed. */
export function describeNotice(notice: WelcomeNotice): string {
  switch (notice.code) {
    case 'VERSION_AHEAD':
      return words.versionAhead;
  }
}
