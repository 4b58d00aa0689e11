/**
 * Keeps secrets out of the server's log: facilitator and manager keys and player tokens travel
 * in URLs (`?key=`), headers (`Bearer`) and bodies (`"token": …`), and a log line that quotes
 * any of them would hand the seat to whoever reads the log (B3).
 */

const QUERY_SECRET = /([?&](?:key|token|facilitatorKey)=)[^&#\s]*/gi;
const JSON_SECRET = /("(?:key|token|facilitatorKey|managerKey)"\s*:\s*")[^"]*"/gi;
const BEARER = /(Bearer\s+)\S+/gi;

/** The text with every key and token value replaced by `[redacted]`. */
export function redactSecrets(text: string): string {
  return text
    .replace(QUERY_SECRET, '$1[redacted]')
    .replace(JSON_SECRET, '$1[redacted]"')
    .replace(BEARER, '$1[redacted]');
}
