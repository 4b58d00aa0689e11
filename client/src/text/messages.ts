/**
 * The message catalog: every word the client shows, in one object, so a translation is one set
 * of files with the same shape. English ships; views import `messages` (the seam) and never write
 * a sentence inline (test/client/catalog.test.ts fails on a .tsx file that does). Counts go
 * through plural.ts, role ids through labels.ts, durations through units.ts (`duration`).
 *
 * The words live in ./messages/, one file per view; this file puts them together. To add a
 * translation: copy ./messages/ to ./messages.<lang>/ (say ./messages.de/), translate each value
 * there (functions keep their parameters and return the sentence; only the words change, in the
 * order the language needs), type each group with the English shape
 * (`export const board: Messages['board'] = { … }`, so a missing or misnamed key fails
 * `npx tsc --noEmit -p .`), and point the imports below at the new folder, or pick the folder
 * per locale at build time. The report pages' words (./messages/reports.ts) load with those
 * pages and are reached through reportWords.ts instead. Drill and server content (inject titles,
 * option labels, report text) is not here: it comes translated with the drill.
 */
import { board } from './messages/board.ts';
import { common } from './messages/common.ts';
import { debrief } from './messages/debrief.ts';
import { errors } from './messages/errors.ts';
import { home } from './messages/home.ts';
import { hotwash } from './messages/hotwash.ts';
import { join } from './messages/join.ts';
import { lobby } from './messages/lobby.ts';
import { phone } from './messages/phone.ts';
import { picker } from './messages/picker.ts';
import { play } from './messages/play.ts';
import { shares } from './messages/shares.ts';
import { solo } from './messages/solo.ts';

export const messages = {
  common,
  home,
  picker,
  lobby,
  join,
  board,
  play,
  phone,
  hotwash,
  debrief,
  solo,
  shares,
  errors,
};

/** The catalog's shape: a translation is a value of this type. */
export type Messages = typeof messages;
