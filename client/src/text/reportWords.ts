/**
 * The words of the managers' report pages. They load with those pages (a lazy chunk), not with
 * the first screen every player opens, so they are kept apart from `messages` (messages.ts):
 * report pages import `reportWords`, everything else `messages`. A translation replaces
 * ./messages/reports.ts like the other groups, typed with `ReportWords`.
 */
import { reports } from './messages/reports.ts';

export const reportWords = reports;

/** The shape of the report pages' words: a translation is a value of this type. */
export type ReportWords = typeof reportWords;
