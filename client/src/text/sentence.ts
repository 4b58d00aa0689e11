/** Ends a quoted sentence with a full stop unless it already ends with one (no "standby.."). */
export function endSentence(text: string): string {
  return /[.!?…]["”’)]*$/.test(text.trim()) ? '' : '.';
}
