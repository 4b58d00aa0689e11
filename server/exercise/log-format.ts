/**
 * Reading logged events written by any breachdrill (S7). Each stored event carries the log
 * format it was written in; a store hands the parsed body here to get the current shape. Only
 * format 1 exists so far; a later format adds a case that converts the older bodies, so the
 * reducer only ever sees one shape. The hash chain covers the stored text, not the converted
 * body, so old chains keep verifying.
 */
import { LOG_FORMAT, type EventBody } from './events.ts';

/** Thrown for an event this code cannot read (a newer server wrote it). */
export class LogFormatError extends Error {}

export function decodeBody(format: number, body: unknown): EventBody {
  if (format === 1) return body as EventBody;
  if (format > LOG_FORMAT)
    throw new LogFormatError(
      `an event in log format ${format} was written by a newer breachdrill; this one reads formats 1 to ${LOG_FORMAT}`,
    );
  throw new LogFormatError(`unknown log format ${format}`);
}
