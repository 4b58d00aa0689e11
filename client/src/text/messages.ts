/**
 * The message catalog: words the views show, in one place, so a translation is one file with
 * the same shape. English ships; views import `messages` (the seam) rather than writing the
 * sentence inline. Counts go through plural.ts, role ids through labels.ts.
 */
import { plural } from './plural.ts';

export const messages = {
  news: {
    message: (title: string) => `New message from the facilitator: ${title}`,
    inject: (title: string) => `New inject: ${title}`,
    dismiss: 'Dismiss',
  },
  hotwash: {
    pointer: (questions: number) => `Hot wash: ${plural(questions, 'question')}`,
    answered: 'Hot wash answered: change your answers',
    pointerNote: 'Your answers go into the gap report.',
    thanks: 'Thank you.',
    progressTitle: 'Hot-wash answers',
    progress: (done: number, of: number) => `${done} of ${of} answered`,
  },
  outcome: {
    advanced: 'The facilitator moved the drill on',
    advancedRest: (inject: string) => `at “${inject}” before your team decided, so no decision was recorded.`,
  },
  pacing: {
    advance: { ask: 'Advance', what: 'The votes cast so far decide; with none, no decision is recorded.', go: 'Advance now' },
    skip: { ask: 'Skip this inject for', what: 'The team moves on without deciding; the report shows it as skipped.', go: 'Skip now' },
    cancel: 'Cancel',
    moreTime: (team: string) => `More time for ${team}`,
    moveOn: (team: string) => `Move ${team} on`,
    confirmFor: (team: string) => `Confirm for ${team}`,
  },
  solo: {
    outcomeTitle: 'Outcome of your decision',
    changed: 'What it changed',
    next: (inject: string) => `Next: ${inject}`,
    ending: 'See how it ended',
    summary: 'See your summary',
    continue: 'Continue',
    took: (time: string) => `It took ${time} of incident time`,
  },
  plan: {
    status: { open: 'Open', 'in-progress': 'In progress', done: 'Done', validated: 'Validated' },
    since: (date: string) => `In progress since ${date}`,
  },
  board: {
    projector: 'Projector mode',
  },
} as const;
