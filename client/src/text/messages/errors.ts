/**
 * What the server refused or why the connection closed, in plain words (outcome-words.ts picks
 * the sentence by the refusal's code and the action; the server's own messages are for developers).
 */
export const errors = {
  /** What the person tried, in words ("your vote"); the fallback is `that`. */
  action: {
    vote: 'your vote',
    commit: 'your choice',
    continue: 'your "Continue"',
    hotwash: 'your hot-wash answers',
    record: 'the recorded choice',
    advance: 'the "Advance"',
    skip: 'the skip',
    extend: 'the extra time',
    inject: 'the inject',
  } as Partial<Record<string, string>>,
  that: 'that',
  /** What to do after the team moved on, by action. */
  again: {
    vote: 'vote again',
    commit: 'choose again',
    continue: 'read the new inject',
    record: 'record the new decision',
  } as Partial<Record<string, string>>,
  againFallback: 'look at the current inject and try again',
  general: {
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
  },
  stale: (action: string, again: string) => `The team moved on before ${action} arrived; ${again}.`,
  noDeadline: 'This team has no running discussion deadline to extend.',
  hotwashLater: 'Hot-wash answers are taken in the debrief.',
  /** `action` is written as in `action` above and gets a capital here. */
  notNow: (action: string) =>
    `${action.charAt(0).toUpperCase()}${action.slice(1)} is not possible at this point of the exercise.`,
  closed: {
    noSeat: 'This device no longer has a seat in the exercise; join again with the exercise code.',
    gone: 'This exercise no longer exists.',
    removed: 'The facilitator removed you from the exercise.',
    bye: 'The server closed the exercise for this device.',
    serverClosed: 'The server closed the connection; reload the page to reconnect.',
    here: 'Disconnected.',
  },
  versionAhead:
    'The server lost its most recent changes (it was restored from an earlier copy). The screen now shows what it has; check that your last actions are still there.',
  /** Creating an exercise or a solo run. */
  setup: {
    rateLimited: 'Too many new exercises from this network in the last minute; wait a minute and try again.',
    notFound: 'That drill is no longer on the server; reload the page and pick another.',
    invalid: 'The form was not accepted: names are at most 40 characters, and an exercise has at most 20 teams.',
    other: 'That was not accepted; reload the page and try again.',
  },
  /** Joining with a code. */
  join: {
    rateLimited: 'Too many joins from this network in the last minute; wait a minute and try again.',
    notFound: 'No exercise has that code; check it with your facilitator.',
    notNow: 'This exercise has reached its debrief, so players can no longer join.',
    invalid: 'Check your name (at most 40 characters) and the code.',
    other: 'Joining did not work; check the code with your facilitator.',
  },
  /** The facilitator asking for a link to a seat. */
  seat: {
    forbidden: 'This browser does not hold the facilitator key of this exercise, so it cannot hand out seats.',
    notFound: 'That player is no longer in the exercise.',
    other: 'The link could not be made; reload the page and try again.',
  },
  /** Rewinding a solo run. */
  rewind: {
    rateLimited: 'Too many new runs from this network in the last minute; wait a minute and try again.',
    notNow: 'A run can be rewound once it has ended.',
    invalid: 'That decision is not in this run any more; reload the page and try again.',
    other: 'The run could not be rewound; reload the page and try again.',
  },
};
