/**
 * Plain words for what the server refused or why the connection closed. The server's own
 * messages are written for developers (codes, inject ids, command names), so none of them is
 * shown to a person: each refusal gets a sentence chosen here by its code and the action.
 */
import type { Command, ErrorCode, WelcomeNotice } from '../../protocol/messages.ts';
import type { ClosedReason, CommandResult, LocalCode } from '../../protocol/client/index.ts';

type Code = ErrorCode | LocalCode;

/** What the person tried, in words ("your vote"); the fallback is "that". */
const ACTION: Partial<Record<Command['type'], string>> = {
  vote: 'your vote',
  commit: 'your choice',
  continue: 'your "Continue"',
  hotwash: 'your hot-wash answers',
  record: 'the recorded choice',
  advance: 'the "Advance"',
  skip: 'the skip',
  extend: 'the extra time',
  inject: 'the inject',
};

const AGAIN: Partial<Record<Command['type'], string>> = {
  vote: 'vote again',
  commit: 'choose again',
  continue: 'read the new inject',
  record: 'record the new decision',
};

const GENERAL: Record<Code, string> = {
  INVALID: 'That was not accepted; check what you entered and try again.',
  FORBIDDEN: 'Your seat in this exercise cannot do that.',
  NOT_NOW: 'That is not possible at this point of the exercise.',
  STALE: 'The team moved on before that arrived; look at the current inject and try again.',
  RATE_LIMITED: 'Too many actions at once; wait a moment and try again.',
  NOT_FOUND: 'That is no longer part of the exercise.',
  INCOMPATIBLE: 'This page is out of date; reload it.',
  INTERNAL: 'The server had a problem; try again in a moment.',
  NO_ANSWER: 'The server did not answer in time; check your connection and try again.',
  CLOSED: 'The connection to the exercise is closed; reload the page.',
  OUTBOX_FULL: 'Too many actions are waiting for the connection; wait until it is back.',
};

const upper = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The sentence for a refused command, or null when it was accepted. */
export function describeOutcome(command: Command, result: CommandResult): string | null {
  if (result.ok) return null;
  const action = ACTION[command.type];
  if (result.code === 'STALE') {
    return `The team moved on before ${action ?? 'that'} arrived; ${AGAIN[command.type] ?? 'look at the current inject and try again'}.`;
  }
  if (result.code === 'NOT_NOW' && command.type === 'extend') return 'This team has no running discussion deadline to extend.';
  if (result.code === 'NOT_NOW' && command.type === 'hotwash') return 'Hot-wash answers are taken in the debrief.';
  if (result.code === 'NOT_NOW' && action) return `${upper(action)} is not possible at this point of the exercise.`;
  return GENERAL[result.code];
}

/** The sentence for a connection closed for good. */
export function describeClosed(reason: ClosedReason): string {
  switch (reason.kind) {
    case 'refused': {
      const code = reason.welcome.code;
      if (code === 'FORBIDDEN') return 'This device no longer has a seat in the exercise; join again with the exercise code.';
      if (code === 'NOT_FOUND') return 'This exercise no longer exists.';
      return GENERAL[code];
    }
    case 'bye':
      return reason.farewell.code === 'FORBIDDEN' ? 'The facilitator removed you from the exercise.' : 'The server closed the exercise for this device.';
    case 'server-closed':
      return 'The server closed the connection; reload the page to reconnect.';
    case 'closed-here':
      return 'Disconnected.';
  }
}

/** The sentence for a welcome's notice (S12): the server no longer has what this screen showed. */
export function describeNotice(notice: WelcomeNotice): string {
  switch (notice.code) {
    case 'VERSION_AHEAD':
      return 'The server lost its most recent changes (it was restored from an earlier copy). The screen now shows what it has; check that your last actions are still there.';
  }
}
